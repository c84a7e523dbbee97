//! What stackc prices, and the GetProducts filters that select exactly that.
//!
//! One [`Query`] is one (service, engine, region): a GetProducts call (and its pages) with `TERM_MATCH`
//! filters. The same attribute values are checked again, locally, on every product the API returns
//! (see [`crate::document`]), so a catalog never holds a product the filters were meant to exclude.

use std::fmt;

/// An AWS service stackc prices instances of, as the catalog's `service` column spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Ec2,
    Rds,
    ElastiCache,
}

impl Service {
    /// The catalog's spelling: `ec2`, `rds`, `elasticache`.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Ec2 => "ec2",
            Service::Rds => "rds",
            Service::ElastiCache => "elasticache",
        }
    }

    /// The Price List service code GetProducts is called with.
    pub fn service_code(self) -> &'static str {
        match self {
            Service::Ec2 => "AmazonEC2",
            Service::Rds => "AmazonRDS",
            Service::ElastiCache => "AmazonElastiCache",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What runs on an instance and decides its price, as the catalog's `engine` column spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Engine {
    /// EC2: Linux, shared tenancy, no pre-installed software, no license.
    Linux,
    /// RDS for PostgreSQL, Single-AZ.
    Postgres,
    /// RDS for MySQL, Single-AZ.
    Mysql,
    /// ElastiCache for Redis OSS.
    Redis,
    /// ElastiCache for Valkey.
    Valkey,
}

impl Engine {
    /// Every engine, in the order they are fetched.
    pub const ALL: [Engine; 5] = [Engine::Linux, Engine::Postgres, Engine::Mysql, Engine::Redis, Engine::Valkey];

    /// The catalog's spelling: `linux`, `postgres`, `mysql`, `redis`, `valkey`.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Linux => "linux",
            Engine::Postgres => "postgres",
            Engine::Mysql => "mysql",
            Engine::Redis => "redis",
            Engine::Valkey => "valkey",
        }
    }

    pub fn service(self) -> Service {
        match self {
            Engine::Linux => Service::Ec2,
            Engine::Postgres | Engine::Mysql => Service::Rds,
            Engine::Redis | Engine::Valkey => Service::ElastiCache,
        }
    }

    /// The product attributes (name, value) that select this engine's instance-hour products: one set per
    /// GetProducts call, each sent as `TERM_MATCH` filters after `regionCode`. Values are spelled as in the
    /// Price List: note EC2's `No License required` against RDS's `No license required`.
    ///
    /// EC2 takes two calls: the Price List lists shared-tenancy instances as `Compute Instance`, but
    /// bare-metal sizes (`m6i.metal`) only as `Compute Instance (bare metal)` with tenancy `Dedicated`
    /// (as AWS's Karpenter queries them); both are the on-demand price of the type.
    pub fn attribute_filter_sets(self) -> &'static [&'static [(&'static str, &'static str)]] {
        const EC2_SHARED: &[(&str, &str)] = &[
            ("productFamily", "Compute Instance"),
            ("operatingSystem", "Linux"),
            ("tenancy", "Shared"),
            ("preInstalledSw", "NA"),
            ("capacitystatus", "Used"),
            ("licenseModel", "No License required"),
            ("marketoption", "OnDemand"),
        ];
        const EC2_METAL: &[(&str, &str)] = &[
            ("productFamily", "Compute Instance (bare metal)"),
            ("operatingSystem", "Linux"),
            ("tenancy", "Dedicated"),
            ("preInstalledSw", "NA"),
            ("capacitystatus", "Used"),
            ("licenseModel", "No License required"),
            ("marketoption", "OnDemand"),
        ];
        match self {
            Engine::Linux => &[EC2_SHARED, EC2_METAL],
            Engine::Postgres => &[&[
                ("productFamily", "Database Instance"),
                ("databaseEngine", "PostgreSQL"),
                ("deploymentOption", "Single-AZ"),
                ("licenseModel", "No license required"),
            ]],
            Engine::Mysql => &[&[
                ("productFamily", "Database Instance"),
                ("databaseEngine", "MySQL"),
                ("deploymentOption", "Single-AZ"),
                ("licenseModel", "No license required"),
            ]],
            Engine::Redis => &[&[("productFamily", "Cache Instance"), ("cacheEngine", "Redis")]],
            Engine::Valkey => &[&[("productFamily", "Cache Instance"), ("cacheEngine", "Valkey")]],
        }
    }

    /// The kinds of instance-hour `usagetype`: the part before `:`, after an optional region prefix
    /// (`BoxUsage:m6i.large`, `DedicatedUsage:m6i.metal`, `EUW1-InstanceUsage:db.t4g.micro`,
    /// `NodeUsage:cache.t4g.micro`). Products of another kind (`HostBoxUsage`, `Multi-AZUsage`,
    /// `InstanceUsageIOOptimized`, extended support) are skipped.
    pub fn usage_kinds(self) -> &'static [&'static str] {
        match self.service() {
            Service::Ec2 => &["BoxUsage", "DedicatedUsage"],
            Service::Rds => &["InstanceUsage"],
            Service::ElastiCache => &["NodeUsage"],
        }
    }

    /// Whether `usagetype` is of one of this engine's instance-hour kinds ([`Engine::usage_kinds`]).
    pub fn is_instance_hours(self, usagetype: &str) -> bool {
        usagetype
            .split_once(':')
            .is_some_and(|(kind, _)| kind.rsplit('-').next().is_some_and(|kind| self.usage_kinds().contains(&kind)))
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One GetProducts query: the instance-hour products of one engine in one region.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Query {
    pub engine: Engine,
    pub region: String,
}

impl Query {
    pub fn new(engine: Engine, region: impl Into<String>) -> Self {
        Query { engine, region: region.into() }
    }

    pub fn service(&self) -> Service {
        self.engine.service()
    }

    /// The `TERM_MATCH` filters of each GetProducts call of this query, (field, value), in request order:
    /// `regionCode`, then [`Engine::attribute_filter_sets`].
    pub fn filter_sets(&self) -> Vec<Vec<(&'static str, String)>> {
        self.engine
            .attribute_filter_sets()
            .iter()
            .map(|set| {
                let mut filters = vec![("regionCode", self.region.clone())];
                filters.extend(set.iter().map(|&(field, value)| (field, value.to_string())));
                filters
            })
            .collect()
    }

    /// Every query of a run over `regions`: per region, every engine.
    pub fn all(regions: &[String]) -> Vec<Query> {
        regions.iter().flat_map(|region| Engine::ALL.map(|engine| Query::new(engine, region.clone()))).collect()
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} in {} ({})", self.service(), self.engine, self.region, self.service().service_code())
    }
}

/// Whether `region` looks like an AWS region code (`us-east-1`, `eu-central-2`, `us-gov-west-1`): lowercase
/// letters and digits in dash-separated parts, ending in a number. A typo is caught before any call.
pub fn is_region_code(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        && parts.last().is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts.first().is_some_and(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_start_with_the_region() {
        let q = Query::new(Engine::Postgres, "eu-west-1");
        assert_eq!(
            q.filter_sets(),
            vec![vec![
                ("regionCode", "eu-west-1".to_string()),
                ("productFamily", "Database Instance".to_string()),
                ("databaseEngine", "PostgreSQL".to_string()),
                ("deploymentOption", "Single-AZ".to_string()),
                ("licenseModel", "No license required".to_string()),
            ]]
        );
        assert_eq!(q.service().service_code(), "AmazonRDS");
    }

    #[test]
    fn ec2_takes_a_shared_and_a_bare_metal_call() {
        let sets = Query::new(Engine::Linux, "us-east-1").filter_sets();
        assert_eq!(sets.len(), 2);
        assert!(sets[0].contains(&("tenancy", "Shared".to_string())));
        assert!(sets[0].contains(&("productFamily", "Compute Instance".to_string())));
        assert!(sets[1].contains(&("tenancy", "Dedicated".to_string())));
        assert!(sets[1].contains(&("productFamily", "Compute Instance (bare metal)".to_string())));
        assert!(sets.iter().all(|s| s[0] == ("regionCode", "us-east-1".to_string()) && s.len() == 8));
    }

    #[test]
    fn all_queries_cover_every_engine_per_region() {
        let qs = Query::all(&["us-east-1".to_string(), "eu-west-1".to_string()]);
        assert_eq!(qs.len(), 10);
        assert_eq!(qs[0], Query::new(Engine::Linux, "us-east-1"));
        assert_eq!(qs[9], Query::new(Engine::Valkey, "eu-west-1"));
    }

    #[test]
    fn instance_hour_usage_types() {
        assert!(Engine::Linux.is_instance_hours("BoxUsage:m6i.large"));
        assert!(Engine::Linux.is_instance_hours("EUW1-BoxUsage:m6i.large"));
        assert!(Engine::Linux.is_instance_hours("DedicatedUsage:m6i.metal"));
        assert!(!Engine::Linux.is_instance_hours("HostBoxUsage:m6i"));
        assert!(!Engine::Linux.is_instance_hours("HostUsage:m6i"));
        assert!(!Engine::Linux.is_instance_hours("UnusedBox:m6i.large"));
        assert!(!Engine::Linux.is_instance_hours("BoxUsage"));
        assert!(Engine::Postgres.is_instance_hours("InstanceUsage:db.r5b.16xl"));
        assert!(Engine::Mysql.is_instance_hours("USW2-InstanceUsage:db.t4g.micro"));
        assert!(!Engine::Postgres.is_instance_hours("Multi-AZUsage:db.t4g.micro"));
        assert!(!Engine::Postgres.is_instance_hours("USE2-InstanceUsageIOOptimized:db.r6g.large"));
        assert!(Engine::Valkey.is_instance_hours("EU-NodeUsage:cache.t4g.micro"));
        assert!(!Engine::Redis.is_instance_hours("ExtendedSupport:cache.t4g.micro"));
    }

    #[test]
    fn region_codes() {
        for ok in ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "eu-central-2"] {
            assert!(is_region_code(ok), "{ok}");
        }
        for bad in ["", "us-east", "US-EAST-1", "us_east_1", "us-east-1a", "us--1", "1-east-1", "us-east-1 "] {
            assert!(!is_region_code(bad), "{bad:?}");
        }
    }
}
