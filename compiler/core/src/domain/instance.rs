//! The catalog of AWS instance types (`data/catalog/*.tsv`, generated from public data by
//! `scripts/catalog/generate.py`, embedded): lookups with suggestions, on-demand prices per region,
//! region availability where a source covers the region, and the region list.

use crate::schema::FastMap as HashMap;
use std::sync::OnceLock;

use super::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstanceService {
    Ec2,
    Rds,
    ElastiCache,
}

impl InstanceService {
    pub fn parse(s: &str) -> Option<InstanceService> {
        Some(match s {
            "ec2" => InstanceService::Ec2,
            "rds" => InstanceService::Rds,
            "elasticache" => InstanceService::ElastiCache,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            InstanceService::Ec2 => "ec2",
            InstanceService::Rds => "rds",
            InstanceService::ElastiCache => "elasticache",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            InstanceService::Ec2 => "",
            InstanceService::Rds => "db.",
            InstanceService::ElastiCache => "cache.",
        }
    }
}

/// The processor architecture of an instance type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arch {
    X86_64,
    Arm64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceType {
    pub service: InstanceService,
    pub name: &'static str,
    /// Size, where the catalog's sources give it.
    pub vcpu: Option<u32>,
    pub memory_gib: Option<f64>,
    pub arch: Option<Arch>,
    /// The regions with a price for this type, for any engine (sorted).
    regions: Vec<&'static str>,
}

impl InstanceType {
    /// Graviton (arm64); `false` when the architecture is x86_64 or not in the catalog (EC2 types
    /// without one are refused where the architecture matters, E0408).
    pub fn arm64(&self) -> bool {
        self.arch == Some(Arch::Arm64)
    }

    /// Whether the type is offered in `region`: `None` when no source of the catalog covers the
    /// region for this service, so stackc cannot tell (and does not refuse).
    pub fn offered_in(&self, region: &str) -> Option<bool> {
        let c = catalog();
        if !c.coverage.iter().any(|(s, _, r)| *s == self.service && *r == region) {
            return None;
        }
        Some(self.regions.binary_search(&region).is_ok())
    }

    /// The family: `m6i` of `m6i.large`, `db.r6g` of `db.r6g.large`.
    pub fn family(&self) -> &'static str {
        family(self.name)
    }
}

fn family(name: &str) -> &str {
    name.rfind('.').map_or(name, |i| &name[..i])
}

/// Why an instance type has no price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPrice {
    /// The type is not offered in the region (a covered region without its price).
    NotOffered,
    /// No source of the catalog covers this service, engine and region.
    NoSource,
}

/// The catalog: types, on-demand prices and which regions its sources cover completely.
pub struct Catalog {
    types: Vec<InstanceType>,
    by_name: HashMap<(InstanceService, &'static str), usize>,
    /// (service, engine, name, region) → USD per hour.
    prices: HashMap<(InstanceService, &'static str, &'static str, &'static str), f64>,
    /// (service, engine, region) triples whose sources list every offered type.
    coverage: Vec<(InstanceService, &'static str, &'static str)>,
}

const TYPES_TSV: &str = include_str!("../../data/catalog/instance-types.tsv");
const PRICES_TSV: &str = include_str!("../../data/catalog/instance-prices.tsv");
const COVERAGE_TSV: &str = include_str!("../../data/catalog/coverage.tsv");

/// The data rows of a catalog file: comments and the header skipped, split on tabs; `None` for a row
/// without exactly five columns (skipped by the catalog, and failing the unit tests).
fn rows(text: &'static str) -> impl Iterator<Item = Option<[&'static str; 5]>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).skip(1).map(|l| {
        let mut cols = l.split('\t');
        let row = [cols.next()?, cols.next()?, cols.next()?, cols.next()?, cols.next()?];
        cols.next().is_none().then_some(row)
    })
}

impl Catalog {
    fn load() -> Catalog {
        let mut types = Vec::new();
        for cols in rows(TYPES_TSV).flatten() {
            let [service, name, vcpu, memory, arch] = cols;
            let Some(service) = InstanceService::parse(service) else { continue };
            let arch = match arch {
                "arm64" => Some(Arch::Arm64),
                "x86_64" => Some(Arch::X86_64),
                _ => None,
            };
            types.push(InstanceType {
                service,
                name,
                vcpu: vcpu.parse().ok(),
                memory_gib: memory.parse().ok(),
                arch,
                regions: Vec::new(),
            });
        }
        let by_name: HashMap<_, _> = types.iter().enumerate().map(|(i, t)| ((t.service, t.name), i)).collect();
        let mut prices = HashMap::default();
        for cols in rows(PRICES_TSV).flatten() {
            let [service, engine, name, region, usd] = cols;
            let (Some(service), Ok(usd)) = (InstanceService::parse(service), usd.parse::<f64>()) else { continue };
            prices.insert((service, engine, name, region), usd);
            if let Some(&i) = by_name.get(&(service, name)) {
                types[i].regions.push(region);
            }
        }
        for t in &mut types {
            t.regions.sort_unstable();
            t.regions.dedup();
        }
        let mut coverage = Vec::new();
        for cols in rows(COVERAGE_TSV).flatten() {
            let [service, engine, region, _source, _as_of] = cols;
            let Some(s) = InstanceService::parse(service) else { continue };
            coverage.push((s, engine, region));
        }
        Catalog { types, by_name, prices, coverage }
    }

    pub fn types(&self) -> &[InstanceType] {
        &self.types
    }

    /// The on-demand USD per hour of `name` running `engine` (`linux` for EC2, `postgres`/`mysql` for
    /// RDS single-AZ, `redis`/`valkey` for ElastiCache) in `region`.
    pub fn price(&self, service: InstanceService, engine: &str, name: &str, region: &str) -> Result<f64, NoPrice> {
        // A shared map is covariant in its keys: look `&str`s up without making them `'static`.
        let prices: &HashMap<(InstanceService, &str, &str, &str), f64> = &self.prices;
        if let Some(usd) = prices.get(&(service, engine, name, region)) {
            return Ok(*usd);
        }
        let covered = self.coverage.iter().any(|(s, e, r)| *s == service && *e == engine && *r == region);
        let by_name: &HashMap<(InstanceService, &str), usize> = &self.by_name;
        if covered && by_name.contains_key(&(service, name)) {
            Err(NoPrice::NotOffered)
        } else {
            Err(NoPrice::NoSource)
        }
    }
}

/// The embedded catalog, parsed once. A malformed line is skipped (and fails the unit tests).
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::load)
}

const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ap-south-1",
    "sa-east-1",
    "ca-central-1",
];

pub fn regions() -> &'static [&'static str] {
    REGIONS
}

/// The Availability Zone IDs a network in `region` may use, in order; a network spans the first
/// `zones` of them. Zones are chosen by ID, which names the same physical zone in every account
/// (zone *names* are shuffled per account), and only zones open to new accounts with current
/// instance families are listed: us-east-1's use1-az3 lacks them (and EKS refuses it), us-west-1's
/// usw1-az2, ap-northeast-1's apne1-az3 and ca-central-1's cac1-az3 are closed to new accounts.
/// Source: the AWS AZ ID documentation and the per-service AZ tables (EFS One Zone, EKS), December 2026.
pub fn zone_ids(region: &str) -> &'static [&'static str] {
    match region {
        "us-east-1" => &["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"],
        "us-east-2" => &["use2-az1", "use2-az2", "use2-az3"],
        "us-west-1" => &["usw1-az1", "usw1-az3"],
        "us-west-2" => &["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"],
        "eu-west-1" => &["euw1-az1", "euw1-az2", "euw1-az3"],
        "eu-west-2" => &["euw2-az1", "euw2-az2", "euw2-az3"],
        "eu-west-3" => &["euw3-az1", "euw3-az2", "euw3-az3"],
        "eu-central-1" => &["euc1-az1", "euc1-az2", "euc1-az3"],
        "eu-north-1" => &["eun1-az1", "eun1-az2", "eun1-az3"],
        "ap-southeast-1" => &["apse1-az1", "apse1-az2", "apse1-az3"],
        "ap-southeast-2" => &["apse2-az1", "apse2-az2", "apse2-az3"],
        "ap-northeast-1" => &["apne1-az1", "apne1-az2", "apne1-az4"],
        "ap-south-1" => &["aps1-az1", "aps1-az2", "aps1-az3"],
        "sa-east-1" => &["sae1-az1", "sae1-az2", "sae1-az3"],
        "ca-central-1" => &["cac1-az1", "cac1-az2", "cac1-az4"],
        _ => &[],
    }
}

/// How many zones a network in `region` can span.
pub fn usable_zones(region: &str) -> usize {
    zone_ids(region).len()
}

pub fn is_known_region(region: &str) -> bool {
    REGIONS.contains(&region)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

pub fn lookup(service: InstanceService, name: &str) -> Result<&'static InstanceType, DomainError> {
    let c = catalog();
    let by_name: &HashMap<(InstanceService, &str), usize> = &c.by_name;
    if let Some(&i) = by_name.get(&(service, name)) {
        return Ok(&c.types[i]);
    }
    let what = match service {
        InstanceService::Ec2 => "an EC2 instance type",
        InstanceService::Rds => "an RDS instance class",
        InstanceService::ElastiCache => "an ElastiCache node type",
    };
    let err = DomainError::new(format!("\"{name}\" is not {what} in stackc's catalog"));
    // The right family for another service: `m6i.large` where RDS wants `db.m6i.large`.
    let bare = name.trim_start_matches("db.").trim_start_matches("cache.");
    let fixed = format!("{}{bare}", service.prefix());
    if by_name.contains_key(&(service, fixed.as_str())) {
        let help = match service {
            InstanceService::Ec2 => format!("EC2 instance types have no prefix: did you mean \"{fixed}\"?"),
            InstanceService::Rds => format!("RDS instance classes start with \"db.\": did you mean \"{fixed}\"?"),
            InstanceService::ElastiCache => {
                format!("ElastiCache node types start with \"cache.\": did you mean \"{fixed}\"?")
            }
        };
        return Err(err.help(help));
    }
    Err(err.help(suggest(service, name)))
}

/// Up to three types close to `name`: sizes of its own family first (`g5.xlarg` → `g5.xlarge`,
/// `g5.2xlarge`), then near spellings of other families.
fn suggest(service: InstanceService, name: &str) -> String {
    let c = catalog();
    let fam = family(name);
    let mut candidates: Vec<(bool, usize, &str)> = c
        .types
        .iter()
        .filter(|t| t.service == service)
        .map(|t| (t.family() != fam, levenshtein(name, t.name), t.name))
        .filter(|(other_family, d, _)| !*other_family || *d <= 3)
        .collect();
    candidates.sort();
    let names: Vec<String> = candidates.iter().take(3).map(|(_, _, n)| format!("\"{n}\"")).collect();
    if names.is_empty() {
        let count = c.types.iter().filter(|t| t.service == service).count();
        format!("the catalog has {count} types of this service: see docs/cost.md for where it comes from")
    } else {
        format!("did you mean {}?", names.join(" or "))
    }
}

/// Types offered in `region` like `t` (not offered there): its own family's other sizes first, then
/// the same size in other families of the same architecture (`m7g.large` → `m6g.large`).
pub fn alternatives(t: &InstanceType, region: &str) -> Vec<&'static str> {
    let c = catalog();
    let mut found: Vec<(u8, bool, &'static str)> = c
        .types
        .iter()
        .filter(|o| o.service == t.service && o.name != t.name && o.offered_in(region) == Some(true))
        .filter_map(|o| {
            let rank = if o.family() == t.family() {
                0
            } else if o.vcpu.is_some() && o.vcpu == t.vcpu && o.memory_gib == t.memory_gib {
                1
            } else {
                return None;
            };
            Some((rank, o.arch != t.arch, o.name))
        })
        .collect();
    found.sort();
    found.into_iter().take(3).map(|(_, _, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_files_parse_completely() {
        let c = catalog();
        assert_eq!(c.types.len(), rows(TYPES_TSV).count(), "a type line failed to parse");
        assert_eq!(c.prices.len(), rows(PRICES_TSV).count(), "a price line failed to parse");
        assert_eq!(c.coverage.len(), rows(COVERAGE_TSV).count(), "a coverage line failed to parse");
        for ((service, _, name, region), usd) in &c.prices {
            assert!(*usd > 0.0, "{name} {region}");
            assert!(c.by_name.contains_key(&(*service, name)), "price of a type the catalog lacks: {name}");
            // The sources cover regions stackc does not deploy to (GovCloud, new regions): harmless.
            let parts: Vec<&str> = region.split('-').collect();
            assert!(parts.len() >= 3 && parts.last().unwrap().parse::<u8>().is_ok(), "{region}");
        }
        // Every region stackc deploys to that a source covers has prices there.
        for (service, engine, region) in &c.coverage {
            assert!(c.prices.keys().any(|(s, e, _, r)| s == service && e == engine && r == region), "{region}");
        }
        for family in ["t3.", "t4g.", "m6i.", "m7g.", "c7i.", "m8g.", "g5.", "p5.", "db.t4g.", "db.r6g.", "cache.t4g."]
        {
            assert!(c.types.iter().any(|t| t.name.starts_with(family)), "{family}");
        }
    }

    #[test]
    fn lookups_and_suggestions() {
        let t = lookup(InstanceService::Rds, "db.r6g.large").unwrap();
        assert_eq!((t.vcpu, t.arm64()), (Some(2), true));
        let e = lookup(InstanceService::Rds, "m6i.large").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("RDS instance classes start with \"db.\": did you mean \"db.m6i.large\"?"));
        let e = lookup(InstanceService::Ec2, "m6i.lage").unwrap_err();
        assert!(e.help.as_deref().unwrap_or("").starts_with("did you mean \"m6i.large\""), "{e:?}");
        // Same family first, even when another family's name is as close.
        let e = lookup(InstanceService::Ec2, "g5.xlarg").unwrap_err();
        let help = e.help.unwrap_or_default();
        assert!(help.starts_with("did you mean \"g5.xlarge\""), "{help}");
        assert!(help.split(" or ").all(|s| s.contains("\"g5.")), "{help}");
        for known in ["g5.xlarge", "c7i.large", "m8g.large", "m6i.large"] {
            assert!(lookup(InstanceService::Ec2, known).is_ok(), "{known}");
        }
        assert!(lookup(InstanceService::ElastiCache, "cache.t4g.micro").is_ok());
    }

    #[test]
    fn prices_and_coverage() {
        let c = catalog();
        assert_eq!(c.price(InstanceService::Ec2, "linux", "m6i.large", "us-east-1"), Ok(0.096));
        assert_eq!(c.price(InstanceService::Ec2, "linux", "t3.micro", "us-east-1"), Ok(0.0104));
        let m6i = lookup(InstanceService::Ec2, "m6i.large").unwrap();
        assert_eq!(m6i.offered_in("us-east-1"), Some(true));
        // A region no source covers: unknown, never "not offered".
        assert!(!c.coverage.iter().any(|(s, _, r)| *s == InstanceService::Ec2 && *r == "sa-east-1"));
        assert_eq!(m6i.offered_in("sa-east-1"), None);
        assert_eq!(c.price(InstanceService::Ec2, "linux", "m6i.large", "sa-east-1"), Err(NoPrice::NoSource));
        assert!(is_known_region("eu-central-1") && !is_known_region("us-east-3"));
    }
}
