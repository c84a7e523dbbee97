//! The price catalog: three tab-separated files, written deterministically.
//!
//! Each file is `# ` comment lines, a header row, then data rows sorted bytewise by all columns left to
//! right, without duplicates, `\n` line endings and one final newline. The Python generator writes the
//! same format from public data; [`Catalog::read_dir`] reads either's files back, so that an update of
//! some regions keeps every other row ([`Catalog::merged_over`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::document::{Arch, InstanceSpec};
use crate::query::{Query, Service};
use crate::Error;

pub const INSTANCE_TYPES_FILE: &str = "instance-types.tsv";
pub const INSTANCE_PRICES_FILE: &str = "instance-prices.tsv";
pub const COVERAGE_FILE: &str = "coverage.tsv";

const INSTANCE_TYPES_HEADER: [&str; 5] = ["service", "name", "vcpu", "memory_gib", "arch"];
const INSTANCE_PRICES_HEADER: [&str; 5] = ["service", "engine", "name", "region", "usd_per_hour"];
const COVERAGE_HEADER: [&str; 5] = ["service", "engine", "region", "source", "as_of"];

/// The `source` of coverage rows this crate writes.
pub const SOURCE: &str = "aws-price-list-api";

/// A row of `instance-types.tsv`. Fields are kept as text so that rows read from an existing catalog are
/// written back exactly; the derived order is the files' order (bytewise, column by column).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRow {
    pub service: String,
    pub name: String,
    pub vcpu: String,
    pub memory_gib: String,
    /// `x86_64`, `arm64`, or empty when unknown.
    pub arch: String,
}

/// A row of `instance-prices.tsv`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PriceRow {
    pub service: String,
    pub engine: String,
    pub name: String,
    pub region: String,
    pub usd_per_hour: String,
}

/// A row of `coverage.tsv`: one (service, engine, region) whose prices were fetched completely.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CoverageRow {
    pub service: String,
    pub engine: String,
    pub region: String,
    pub source: String,
    pub as_of: String,
}

impl TypeRow {
    fn columns(&self) -> [&str; 5] {
        [&self.service, &self.name, &self.vcpu, &self.memory_gib, &self.arch]
    }
    fn key(&self) -> (&str, &str) {
        (&self.service, &self.name)
    }
}

impl PriceRow {
    fn columns(&self) -> [&str; 5] {
        [&self.service, &self.engine, &self.name, &self.region, &self.usd_per_hour]
    }
    fn triple(&self) -> (&str, &str, &str) {
        (&self.service, &self.engine, &self.region)
    }
}

impl CoverageRow {
    fn columns(&self) -> [&str; 5] {
        [&self.service, &self.engine, &self.region, &self.source, &self.as_of]
    }
    fn triple(&self) -> (&str, &str, &str) {
        (&self.service, &self.engine, &self.region)
    }
}

/// One product that [`crate::fetch`] priced: what it was fetched for, its SKU, its type and price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub query: Query,
    pub sku: String,
    pub spec: InstanceSpec,
    pub usd_per_hour: String,
}

/// A price catalog: the rows of the three files, and the date written in their header comment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The run date, `YYYY-MM-DD`.
    pub as_of: String,
    pub instance_types: Vec<TypeRow>,
    pub prices: Vec<PriceRow>,
    pub coverage: Vec<CoverageRow>,
}

impl Catalog {
    /// The catalog of one run: `queries` were fetched completely on `as_of`, `products` is what they
    /// priced.
    ///
    /// - Two products of one (service, engine, region, name) with different prices are an error naming
    ///   both SKUs (the filters would be selecting more than one kind of instance hour).
    /// - An instance type seen in several queries (RDS PostgreSQL and MySQL, several regions) is
    ///   described once, from the first query in (region, engine) order that names its architecture.
    /// - ElastiCache products name no processor: a cache node type `cache.X` is the hardware of EC2 type
    ///   `X`, so it takes the architecture of the EC2 type `X` priced in the same run (`cache.m7g.large`
    ///   from `m7g.large`), and stays empty when that type was not priced.
    pub fn from_fetched(as_of: &str, queries: &[Query], products: &[Fetched]) -> Result<Catalog, Error> {
        let mut prices: BTreeMap<(Service, &str, &str, &str), (&str, &str)> = BTreeMap::new();
        for p in products {
            let key = (p.query.service(), p.query.engine.as_str(), p.query.region.as_str(), p.spec.name.as_str());
            match prices.get(&key) {
                Some((sku, price)) if *price != p.usd_per_hour => {
                    return Err(Error::Conflict(format!(
                        "{} {} {} in {}: product {sku} costs {price} USD per hour, product {} {} USD",
                        key.0, key.1, key.3, key.2, p.sku, p.usd_per_hour
                    )));
                }
                Some(_) => {}
                None => {
                    prices.insert(key, (&p.sku, &p.usd_per_hour));
                }
            }
        }

        let mut ordered: Vec<&Fetched> = products.iter().collect();
        ordered
            .sort_by(|a, b| (&a.query.region, a.query.engine, &a.sku).cmp(&(&b.query.region, b.query.engine, &b.sku)));
        let mut specs: BTreeMap<(Service, &str), InstanceSpec> = BTreeMap::new();
        for p in &ordered {
            let slot = specs.entry((p.spec.service, p.spec.name.as_str())).or_insert_with(|| p.spec.clone());
            if slot.arch.is_none() && p.spec.arch.is_some() {
                *slot = p.spec.clone();
            }
        }
        let ec2_arch: BTreeMap<String, Arch> = specs
            .values()
            .filter(|s| s.service == Service::Ec2)
            .filter_map(|s| Some((s.name.clone(), s.arch?)))
            .collect();
        for spec in specs.values_mut() {
            if spec.service == Service::ElastiCache && spec.arch.is_none() {
                spec.arch = spec.name.strip_prefix("cache.").and_then(|twin| ec2_arch.get(twin)).copied();
            }
        }

        Ok(Catalog {
            as_of: as_of.to_string(),
            instance_types: sorted(
                specs
                    .values()
                    .map(|s| TypeRow {
                        service: s.service.as_str().to_string(),
                        name: s.name.clone(),
                        vcpu: s.vcpu.to_string(),
                        memory_gib: s.memory_gib.clone(),
                        arch: s.arch.map(Arch::as_str).unwrap_or_default().to_string(),
                    })
                    .collect(),
            ),
            prices: sorted(
                prices
                    .iter()
                    .map(|(&(service, engine, region, name), &(_, price))| PriceRow {
                        service: service.as_str().to_string(),
                        engine: engine.to_string(),
                        name: name.to_string(),
                        region: region.to_string(),
                        usd_per_hour: price.to_string(),
                    })
                    .collect(),
            ),
            coverage: sorted(
                queries
                    .iter()
                    .map(|q| CoverageRow {
                        service: q.service().as_str().to_string(),
                        engine: q.engine.as_str().to_string(),
                        region: q.region.clone(),
                        source: SOURCE.to_string(),
                        as_of: as_of.to_string(),
                    })
                    .collect(),
            ),
        })
    }

    /// This (freshly fetched) catalog laid over `existing`: the prices and coverage of every (service,
    /// engine, region) this catalog covers are replaced; instance types this catalog describes replace
    /// the existing rows of the same (service, name); every other existing row is kept. The header date
    /// is this catalog's.
    pub fn merged_over(&self, existing: &Catalog) -> Catalog {
        let refreshed: BTreeSet<(&str, &str, &str)> = self.coverage.iter().map(CoverageRow::triple).collect();
        let described: BTreeSet<(&str, &str)> = self.instance_types.iter().map(TypeRow::key).collect();
        let kept_types = existing.instance_types.iter().filter(|r| !described.contains(&r.key()));
        let kept_prices = existing.prices.iter().filter(|r| !refreshed.contains(&r.triple()));
        let kept_coverage = existing.coverage.iter().filter(|r| !refreshed.contains(&r.triple()));
        Catalog {
            as_of: self.as_of.clone(),
            instance_types: sorted(kept_types.chain(&self.instance_types).cloned().collect()),
            prices: sorted(kept_prices.chain(&self.prices).cloned().collect()),
            coverage: sorted(kept_coverage.chain(&self.coverage).cloned().collect()),
        }
    }

    /// The three files, (file name, contents), in the order instance types, instance prices, coverage.
    pub fn to_files(&self) -> [(&'static str, String); 3] {
        let comment = format!(
            "# Written by stackc pricing update from the AWS Price List Query API on {}; do not edit.\n",
            self.as_of
        );
        [
            (INSTANCE_TYPES_FILE, render(&comment, INSTANCE_TYPES_HEADER, &self.instance_types, TypeRow::columns)),
            (INSTANCE_PRICES_FILE, render(&comment, INSTANCE_PRICES_HEADER, &self.prices, PriceRow::columns)),
            (COVERAGE_FILE, render(&comment, COVERAGE_HEADER, &self.coverage, CoverageRow::columns)),
        ]
    }

    /// Reads a catalog directory written by this crate or by the Python generator. A missing file (or
    /// directory) reads as no rows; a file whose header is not the expected one, or with a row of the
    /// wrong number of columns, is an error naming the file and line. `as_of` is left empty.
    pub fn read_dir(dir: &Path) -> Result<Catalog, Error> {
        let types = read_table(dir, INSTANCE_TYPES_FILE, INSTANCE_TYPES_HEADER, 2)?;
        let prices = read_table(dir, INSTANCE_PRICES_FILE, INSTANCE_PRICES_HEADER, 5)?;
        let coverage = read_table(dir, COVERAGE_FILE, COVERAGE_HEADER, 5)?;
        Ok(Catalog {
            as_of: String::new(),
            instance_types: sorted(
                types
                    .into_iter()
                    .map(|[service, name, vcpu, memory_gib, arch]| TypeRow { service, name, vcpu, memory_gib, arch })
                    .collect(),
            ),
            prices: sorted(
                prices
                    .into_iter()
                    .map(|[service, engine, name, region, usd_per_hour]| PriceRow {
                        service,
                        engine,
                        name,
                        region,
                        usd_per_hour,
                    })
                    .collect(),
            ),
            coverage: sorted(
                coverage
                    .into_iter()
                    .map(|[service, engine, region, source, as_of]| CoverageRow {
                        service,
                        engine,
                        region,
                        source,
                        as_of,
                    })
                    .collect(),
            ),
        })
    }

    /// The regions of the coverage rows, sorted, without duplicates.
    pub fn covered_regions(&self) -> Vec<String> {
        let regions: BTreeSet<&str> = self.coverage.iter().map(|r| r.region.as_str()).collect();
        regions.into_iter().map(str::to_string).collect()
    }

    /// Per coverage row, in file order: (service, engine, region, number of price rows).
    pub fn price_counts(&self) -> Vec<(String, String, String, usize)> {
        let mut counts: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
        for row in &self.coverage {
            counts.insert(row.triple(), 0);
        }
        for row in &self.prices {
            if let Some(n) = counts.get_mut(&row.triple()) {
                *n += 1;
            }
        }
        counts.into_iter().map(|((s, e, r), n)| (s.to_string(), e.to_string(), r.to_string(), n)).collect()
    }
}

fn sorted<T: Ord>(mut rows: Vec<T>) -> Vec<T> {
    rows.sort();
    rows.dedup();
    rows
}

fn render<T: Ord + Clone>(comment: &str, header: [&str; 5], rows: &[T], columns: fn(&T) -> [&str; 5]) -> String {
    let rows = sorted(rows.to_vec());
    let mut out = String::from(comment);
    out.push_str(&header.join("\t"));
    out.push('\n');
    for row in &rows {
        let _ = writeln!(out, "{}", columns(row).join("\t"));
    }
    out
}

/// The rows of one file. The first `required` columns must not be empty; the others may (the Python
/// generator leaves `vcpu`, `memory_gib` and `arch` empty when its sources do not say), and a row with
/// optional columns may also leave out the last one (a writer that strips trailing whitespace).
fn read_table(dir: &Path, file: &str, header: [&str; 5], required: usize) -> Result<Vec<[String; 5]>, Error> {
    let path = dir.join(file);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path, source }),
    };
    let bad = |line: usize, message: String| Error::Catalog { path: path.clone(), line, message };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).skip_while(|(_, l)| l.starts_with('#'));
    match lines.next() {
        Some((_, l)) if l == header.join("\t") => {}
        Some((n, l)) => return Err(bad(n, format!("expected the header {:?}, found {l:?}", header.join("\t")))),
        None => return Err(bad(0, format!("no header row {:?}", header.join("\t")))),
    }
    let mut rows = Vec::new();
    for (n, line) in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let row: [String; 5] = match fields.as_slice() {
            [a, b, c, d, e] => [a, b, c, d, e].map(|f| f.to_string()),
            [a, b, c, d] if required < 5 => [a, b, c, d, &""].map(|f| f.to_string()),
            _ => return Err(bad(n, format!("expected 5 tab-separated columns, found {}", fields.len()))),
        };
        if let Some(i) = row[..required].iter().position(String::is_empty) {
            return Err(bad(n, format!("the {} column is empty", header[i])));
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Engine;

    fn spec(service: Service, name: &str, vcpu: u32, memory: &str, arch: Option<Arch>) -> InstanceSpec {
        InstanceSpec { service, name: name.into(), vcpu, memory_gib: memory.into(), arch }
    }

    fn fetched(engine: Engine, region: &str, sku: &str, spec: InstanceSpec, price: &str) -> Fetched {
        Fetched { query: Query::new(engine, region), sku: sku.into(), spec, usd_per_hour: price.into() }
    }

    fn sample() -> Catalog {
        let queries = Query::all(&["us-east-1".to_string()]);
        let m7g = spec(Service::Ec2, "m7g.large", 2, "8", Some(Arch::Arm64));
        let products = vec![
            fetched(Engine::Linux, "us-east-1", "A", m7g, "0.0816"),
            fetched(
                Engine::Linux,
                "us-east-1",
                "B",
                spec(Service::Ec2, "t3.micro", 2, "1", Some(Arch::X86_64)),
                "0.0104",
            ),
            fetched(
                Engine::Redis,
                "us-east-1",
                "C",
                spec(Service::ElastiCache, "cache.m7g.large", 2, "6.38", None),
                "0.158",
            ),
            fetched(
                Engine::Redis,
                "us-east-1",
                "D",
                spec(Service::ElastiCache, "cache.t4g.micro", 2, "0.5", None),
                "0.016",
            ),
            fetched(
                Engine::Postgres,
                "us-east-1",
                "E",
                spec(Service::Rds, "db.m6i.large", 2, "8", Some(Arch::X86_64)),
                "0.178",
            ),
            fetched(
                Engine::Mysql,
                "us-east-1",
                "F",
                spec(Service::Rds, "db.m6i.large", 2, "8", Some(Arch::X86_64)),
                "0.171",
            ),
        ];
        Catalog::from_fetched("2026-01-15", &queries, &products).unwrap()
    }

    #[test]
    fn files_are_sorted_tab_separated_with_one_final_newline() {
        let [(types_name, types), (prices_name, prices), (coverage_name, coverage)] = sample().to_files();
        assert_eq!(
            (types_name, prices_name, coverage_name),
            ("instance-types.tsv", "instance-prices.tsv", "coverage.tsv")
        );
        let comment =
            "# Written by stackc pricing update from the AWS Price List Query API on 2026-01-15; do not edit.\n";
        assert_eq!(
            types,
            format!(
                "{comment}service\tname\tvcpu\tmemory_gib\tarch\n\
                 ec2\tm7g.large\t2\t8\tarm64\n\
                 ec2\tt3.micro\t2\t1\tx86_64\n\
                 elasticache\tcache.m7g.large\t2\t6.38\tarm64\n\
                 elasticache\tcache.t4g.micro\t2\t0.5\t\n\
                 rds\tdb.m6i.large\t2\t8\tx86_64\n"
            )
        );
        assert_eq!(
            prices,
            format!(
                "{comment}service\tengine\tname\tregion\tusd_per_hour\n\
                 ec2\tlinux\tm7g.large\tus-east-1\t0.0816\n\
                 ec2\tlinux\tt3.micro\tus-east-1\t0.0104\n\
                 elasticache\tredis\tcache.m7g.large\tus-east-1\t0.158\n\
                 elasticache\tredis\tcache.t4g.micro\tus-east-1\t0.016\n\
                 rds\tmysql\tdb.m6i.large\tus-east-1\t0.171\n\
                 rds\tpostgres\tdb.m6i.large\tus-east-1\t0.178\n"
            )
        );
        assert_eq!(
            coverage,
            format!(
                "{comment}service\tengine\tregion\tsource\tas_of\n\
                 ec2\tlinux\tus-east-1\taws-price-list-api\t2026-01-15\n\
                 elasticache\tredis\tus-east-1\taws-price-list-api\t2026-01-15\n\
                 elasticache\tvalkey\tus-east-1\taws-price-list-api\t2026-01-15\n\
                 rds\tmysql\tus-east-1\taws-price-list-api\t2026-01-15\n\
                 rds\tpostgres\tus-east-1\taws-price-list-api\t2026-01-15\n"
            )
        );
    }

    #[test]
    fn rows_sort_bytewise_column_by_column() {
        let mut catalog = Catalog::default();
        for (name, vcpu) in [("m5.2xlarge", "8"), ("m5.16xlarge", "64"), ("m5", "2"), ("m5.large", "2")] {
            catalog.instance_types.push(TypeRow {
                service: "ec2".into(),
                name: name.into(),
                vcpu: vcpu.into(),
                memory_gib: "1".into(),
                arch: "x86_64".into(),
            });
        }
        let [(_, types), _, _] = catalog.to_files();
        let names: Vec<&str> = types.lines().skip(2).map(|l| l.split('\t').nth(1).unwrap()).collect();
        assert_eq!(names, ["m5", "m5.16xlarge", "m5.2xlarge", "m5.large"]);
    }

    #[test]
    fn different_prices_for_one_type_are_a_conflict_naming_both_skus() {
        let queries = Query::all(&["us-east-1".to_string()]);
        let s = spec(Service::Ec2, "m6i.large", 2, "8", Some(Arch::X86_64));
        let same = [
            fetched(Engine::Linux, "us-east-1", "SKU1", s.clone(), "0.096"),
            fetched(Engine::Linux, "us-east-1", "SKU2", s.clone(), "0.096"),
        ];
        assert_eq!(Catalog::from_fetched("2026-01-15", &queries, &same).unwrap().prices.len(), 1);
        let different = [
            fetched(Engine::Linux, "us-east-1", "SKU1", s.clone(), "0.096"),
            fetched(Engine::Linux, "us-east-1", "SKU2", s, "0.1"),
        ];
        let message = Catalog::from_fetched("2026-01-15", &queries, &different).unwrap_err().to_string();
        assert!(message.contains("SKU1") && message.contains("SKU2") && message.contains("m6i.large"), "{message}");
    }

    #[test]
    fn merge_replaces_refreshed_triples_and_keeps_the_rest() {
        let existing = Catalog {
            as_of: String::new(),
            instance_types: vec![
                TypeRow {
                    service: "ec2".into(),
                    name: "m7g.large".into(),
                    vcpu: "2".into(),
                    memory_gib: "8".into(),
                    arch: String::new(),
                },
                TypeRow {
                    service: "ec2".into(),
                    name: "c7g.large".into(),
                    vcpu: "2".into(),
                    memory_gib: "4".into(),
                    arch: "arm64".into(),
                },
            ],
            prices: vec![
                PriceRow {
                    service: "ec2".into(),
                    engine: "linux".into(),
                    name: "m7g.large".into(),
                    region: "us-east-1".into(),
                    usd_per_hour: "0.09".into(),
                },
                PriceRow {
                    service: "ec2".into(),
                    engine: "linux".into(),
                    name: "retired.large".into(),
                    region: "us-east-1".into(),
                    usd_per_hour: "1".into(),
                },
                PriceRow {
                    service: "ec2".into(),
                    engine: "linux".into(),
                    name: "m7g.large".into(),
                    region: "eu-west-1".into(),
                    usd_per_hour: "0.0912".into(),
                },
            ],
            coverage: vec![
                CoverageRow {
                    service: "ec2".into(),
                    engine: "linux".into(),
                    region: "us-east-1".into(),
                    source: "aws-offer-files".into(),
                    as_of: "2025-12-01".into(),
                },
                CoverageRow {
                    service: "ec2".into(),
                    engine: "linux".into(),
                    region: "eu-west-1".into(),
                    source: "aws-offer-files".into(),
                    as_of: "2025-12-01".into(),
                },
            ],
        };
        let merged = sample().merged_over(&existing);
        let names: Vec<(&str, &str)> =
            merged.instance_types.iter().map(|r| (r.name.as_str(), r.arch.as_str())).collect();
        assert!(names.contains(&("m7g.large", "arm64")) && names.contains(&("c7g.large", "arm64")), "{names:?}");
        assert_eq!(merged.instance_types.iter().filter(|r| r.name == "m7g.large").count(), 1);
        let prices: Vec<(&str, &str, &str)> =
            merged.prices.iter().map(|r| (r.name.as_str(), r.region.as_str(), r.usd_per_hour.as_str())).collect();
        assert!(prices.contains(&("m7g.large", "us-east-1", "0.0816")));
        assert!(prices.contains(&("m7g.large", "eu-west-1", "0.0912")));
        assert!(!prices.iter().any(|p| p.0 == "retired.large"));
        let coverage: Vec<(&str, &str)> =
            merged.coverage.iter().map(|r| (r.region.as_str(), r.source.as_str())).collect();
        assert!(coverage.contains(&("eu-west-1", "aws-offer-files")));
        assert!(coverage.contains(&("us-east-1", "aws-price-list-api")));
        assert!(!coverage.contains(&("us-east-1", "aws-offer-files")));
        assert_eq!(merged.as_of, "2026-01-15");
        assert!(merged.prices.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn reads_files_of_the_python_generator() {
        let dir = tempfile::tempdir().unwrap();
        let comment = "# Generated by another writer; do not edit.\n# A second comment line.\n";
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), format!("{comment}{text}")).unwrap();
        write(
            INSTANCE_TYPES_FILE,
            "service\tname\tvcpu\tmemory_gib\tarch\nec2\tcc1.4xlarge\t\t\t\nec2\tm7g.large\t2\t8\tarm64\nec2\tt3.micro\t2\t1\n",
        );
        write(
            INSTANCE_PRICES_FILE,
            "service\tengine\tname\tregion\tusd_per_hour\nec2\tlinux\tm7g.large\tus-east-1\t0.0816\n",
        );
        let catalog = Catalog::read_dir(dir.path()).unwrap();
        assert_eq!(catalog.instance_types.len(), 3);
        assert_eq!(catalog.instance_types[0].vcpu, "");
        assert_eq!(catalog.instance_types[2].arch, "");
        assert_eq!(catalog.prices.len(), 1);
        assert!(catalog.coverage.is_empty(), "a missing file reads as no rows");

        write(
            INSTANCE_PRICES_FILE,
            "service\tengine\tname\tregion\tusd_per_hour\nec2\tlinux\tm7g.large\tus-east-1\t\n",
        );
        let error = Catalog::read_dir(dir.path()).unwrap_err().to_string();
        assert!(error.ends_with("instance-prices.tsv:4: the usd_per_hour column is empty"), "{error}");
        write(INSTANCE_PRICES_FILE, "service\tengine\tname\tregion\nec2\tlinux\tm7g.large\tus-east-1\n");
        let error = Catalog::read_dir(dir.path()).unwrap_err().to_string();
        assert!(error.contains("instance-prices.tsv:3: expected the header"), "{error}");
        write(INSTANCE_PRICES_FILE, "service\tengine\tname\tregion\tusd_per_hour\nec2\tlinux\tm7g.large\tus-east-1\n");
        let error = Catalog::read_dir(dir.path()).unwrap_err().to_string();
        assert!(error.contains("instance-prices.tsv:4: expected 5 tab-separated columns, found 4"), "{error}");
    }

    #[test]
    fn counts_per_covered_triple_include_empty_ones() {
        let counts = sample().price_counts();
        assert!(counts.contains(&("ec2".into(), "linux".into(), "us-east-1".into(), 2)));
        assert!(counts.contains(&("elasticache".into(), "valkey".into(), "us-east-1".into(), 0)));
        assert_eq!(counts.len(), 5);
    }
}
