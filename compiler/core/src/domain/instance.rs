//! The catalog of AWS instance types (`data/instance-types.tsv`, embedded): lookups with suggestions,
//! region availability, and the region list.

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

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceType {
    pub service: InstanceService,
    pub name: &'static str,
    pub vcpu: u32,
    pub memory_gib: f64,
    pub arm64: bool,
    /// On-demand price in us-east-1.
    pub usd_per_hour: f64,
    /// `None`: offered in every catalog region.
    regions: Option<Vec<&'static str>>,
}

impl InstanceType {
    pub fn offered_in(&self, region: &str) -> bool {
        self.regions.as_ref().is_none_or(|r| r.contains(&region))
    }
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

static CATALOG_TSV: &str = include_str!("../../data/instance-types.tsv");

fn parse_line(line: &'static str) -> Option<InstanceType> {
    let cols: Vec<&'static str> = line.split('\t').collect();
    let [service, name, vcpu, memory, arch, price, regions] = cols.as_slice() else { return None };
    Some(InstanceType {
        service: InstanceService::parse(service)?,
        name,
        vcpu: vcpu.parse().ok()?,
        memory_gib: memory.parse().ok()?,
        arm64: match *arch {
            "arm64" => true,
            "x86_64" => false,
            _ => return None,
        },
        usd_per_hour: price.parse().ok()?,
        regions: if *regions == "*" { None } else { Some(regions.split(',').collect()) },
    })
}

/// Every instance type, in catalog order. A malformed line is skipped (and fails the unit tests).
pub fn catalog() -> &'static [InstanceType] {
    static CATALOG: OnceLock<Vec<InstanceType>> = OnceLock::new();
    CATALOG
        .get_or_init(|| CATALOG_TSV.lines().skip(1).filter(|l| !l.trim().is_empty()).filter_map(parse_line).collect())
}

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
    let all = catalog();
    if let Some(t) = all.iter().find(|t| t.service == service && t.name == name) {
        return Ok(t);
    }
    let what = match service {
        InstanceService::Ec2 => "an EC2 instance type",
        InstanceService::Rds => "an RDS instance class",
        InstanceService::ElastiCache => "an ElastiCache node type",
    };
    let err = DomainError::new(format!("\"{name}\" is not {what} stackc knows"));
    // The right family for another service: `m6i.large` where RDS wants `db.m6i.large`.
    let bare = name.trim_start_matches("db.").trim_start_matches("cache.");
    let fixed = format!("{}{bare}", service.prefix());
    if all.iter().any(|t| t.service == service && t.name == fixed) {
        let help = match service {
            InstanceService::Ec2 => format!("EC2 instance types have no prefix: did you mean \"{fixed}\"?"),
            InstanceService::Rds => format!("RDS instance classes start with \"db.\": did you mean \"{fixed}\"?"),
            InstanceService::ElastiCache => {
                format!("ElastiCache node types start with \"cache.\": did you mean \"{fixed}\"?")
            }
        };
        return Err(err.help(help));
    }
    let mut candidates: Vec<(usize, &str)> = all
        .iter()
        .filter(|t| t.service == service)
        .map(|t| (levenshtein(name, t.name), t.name))
        .filter(|(d, _)| *d <= 3)
        .collect();
    candidates.sort();
    let names: Vec<String> = candidates.iter().take(3).map(|(_, n)| format!("\"{n}\"")).collect();
    Err(if names.is_empty() {
        err.help(format!(
            "see the instance-type catalog: {} types of this service",
            all.iter().filter(|t| t.service == service).count()
        ))
    } else {
        err.help(format!("did you mean {}?", names.join(" or ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_complete_and_valid() {
        let lines = CATALOG_TSV.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(catalog().len(), lines, "a catalog line failed to parse");
        assert!(catalog().len() >= 130);
        for t in catalog() {
            assert!(t.usd_per_hour > 0.0 && t.vcpu > 0 && t.memory_gib > 0.0, "{t:?}");
            assert!(t.regions.as_ref().is_none_or(|r| r.iter().all(|x| is_known_region(x))), "{t:?}");
        }
        for family in [
            "t3.",
            "t4g.",
            "m6i.",
            "m7g.",
            "c7g.",
            "r6i.",
            "db.t4g.",
            "db.r6g.",
            "db.r5.",
            "cache.t4g.",
            "cache.r6g.",
            "cache.r5.",
        ] {
            assert!(catalog().iter().any(|t| t.name.starts_with(family)), "{family}");
        }
    }

    #[test]
    fn lookups_and_suggestions() {
        let t = lookup(InstanceService::Rds, "db.r6g.large").unwrap();
        assert_eq!((t.vcpu, t.memory_gib, t.arm64), (2, 16.0, true));
        let e = lookup(InstanceService::Rds, "m6i.large").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("RDS instance classes start with \"db.\": did you mean \"db.m6i.large\"?"));
        let e = lookup(InstanceService::Ec2, "m6i.lage").unwrap_err();
        assert!(e.help.as_deref().unwrap_or("").starts_with("did you mean \"m6i.large\""), "{e:?}");
        assert!(lookup(InstanceService::ElastiCache, "cache.t4g.micro").is_ok());
    }

    #[test]
    fn region_availability() {
        let m7g = lookup(InstanceService::Ec2, "m7g.large").unwrap();
        assert!(m7g.offered_in("us-east-1"));
        assert!(!m7g.offered_in("sa-east-1"));
        assert!(lookup(InstanceService::Ec2, "m6i.large").unwrap().offered_in("sa-east-1"));
        assert!(is_known_region("eu-central-1") && !is_known_region("us-east-3"));
    }
}
