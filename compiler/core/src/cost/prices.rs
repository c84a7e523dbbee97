//! The service unit prices (`data/service-prices.tsv`, embedded): USD per unit of a key such as
//! `eks.cluster` or `vpc.nat_data`, per region, or `global` for services priced the same everywhere.

use std::collections::HashMap;
use std::sync::OnceLock;

static PRICES_TSV: &str = include_str!("../../data/service-prices.tsv");

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitPrice {
    pub usd: f64,
    pub unit: &'static str,
    pub source: &'static str,
}

fn table() -> &'static HashMap<(&'static str, &'static str), UnitPrice> {
    static TABLE: OnceLock<HashMap<(&'static str, &'static str), UnitPrice>> = OnceLock::new();
    TABLE.get_or_init(|| {
        PRICES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .skip(1)
            .filter_map(|line| {
                let cols: Vec<&'static str> = line.split('\t').collect();
                let [key, region, usd, unit, source] = cols.as_slice() else { return None };
                Some(((*key, *region), UnitPrice { usd: usd.parse().ok()?, unit, source }))
            })
            .collect()
    })
}

/// The price of `key` in `region`, or its global price.
pub fn unit(key: &str, region: &str) -> Option<UnitPrice> {
    let t: &HashMap<(&str, &str), UnitPrice> = table();
    t.get(&(key, region)).or_else(|| t.get(&(key, "global"))).copied()
}

/// The unit `key` is priced in, from any region's line.
pub fn unit_name(key: &str) -> &'static str {
    table().iter().find(|((k, _), _)| *k == key).map_or("unit", |(_, p)| p.unit)
}

/// Every key, region and price, sorted.
#[cfg(test)]
fn all() -> Vec<(&'static str, &'static str, UnitPrice)> {
    let mut all: Vec<_> = table().iter().map(|((k, r), p)| (*k, *r, *p)).collect();
    all.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_parses_and_is_positive() {
        let lines = PRICES_TSV.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count() - 1;
        assert_eq!(table().len(), lines, "a line failed to parse or repeats a (key, region)");
        for (key, region, p) in all() {
            assert!(p.usd > 0.0 && p.source.starts_with("https://aws.amazon.com/"), "{key} {region}");
            assert!(region == "global" || crate::domain::is_known_region(region), "{region}");
        }
        assert_eq!(unit("eks.cluster", "us-east-1").map(|p| p.usd), Some(0.1));
        assert_eq!(unit("route53.zone", "eu-west-1").map(|p| p.usd), Some(0.5));
        assert_eq!(unit("eks.cluster", "sa-east-1"), None);
    }
}
