//! Cost: what an environment costs a month, on demand, in USD — line items per resource, priced from
//! the embedded catalogs (instance prices generated from public data, `data/catalog/`; service unit
//! prices, `data/service-prices.tsv`) and explicit usage assumptions ([`usage`]).
//!
//! One model per priced kind (`cluster.rs`, `database.rs`, …), each over the kind's typed view. What
//! the lowering decides — how many NAT gateways, which interface endpoints, whether a load balancer
//! gets a health check, the WAF rule groups — is read from the functions the lowering itself calls
//! (`Network::nat_gateways`, `bridge::fronted_by_cdn`, `waf::*_RULE_GROUPS`), never re-derived. Every
//! line says which Terraform resource type it bills and how many, and a test compares those counts
//! with the lowered Terraform of every example, so a lowering change the models miss fails.
//!
//! Cost runs in every compilation (after evaluation, before policies, so policies read
//! `self.monthly_cost` and `env.monthly_cost`); budgets and missing prices are diagnostics.

mod bucket;
mod cache;
mod cdn;
mod cluster;
mod database;
mod dns_zone;
mod load_balancer;
mod network;
pub mod prices;
mod queue;
pub mod report;
mod secret;
mod shared;
mod topic;
pub mod usage;
mod vm;

use std::borrow::Cow;

use serde::Serialize;
use stackc_syntax::Span;

pub use usage::Usage;

use crate::domain::{InstanceService, NoPrice};
use crate::graph::EnvGraph;
use crate::kinds::{AwsKind, ViewError};

/// Hours in the average month (8,760 / 12), as AWS's pricing calculator counts them.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// One priced quantity of one resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineItem {
    /// What is priced: `control plane`, `node pool general: 3 × m6i.xlarge` (a fixed label is not
    /// allocated: an estimate is kept for every resource of every environment).
    pub what: Cow<'static, str>,
    pub quantity: f64,
    /// The unit of `quantity`: `hour`, `GB-month`, `million requests`.
    pub unit: &'static str,
    /// `None`: no price for it (reported as C0002); the line counts for nothing.
    pub usd_per_unit: Option<f64>,
    pub monthly: f64,
    /// The usage assumption the quantity comes from (`nat_data_gb`), when it is not a setting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<&'static str>,
    /// Why there is no price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_price: Option<String>,
    /// The Terraform resource type this line bills and how many of them the lowering writes.
    #[serde(skip)]
    pub billed: Option<(&'static str, u64)>,
}

/// The line items of one stack resource (or of what the environment shares: its KMS keys, its
/// access-log bucket).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceCost {
    /// The stack address, or `environment` for what is shared.
    pub address: String,
    pub kind: String,
    pub items: Vec<LineItem>,
    pub monthly: f64,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// What one environment costs a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvCost {
    pub environment: String,
    pub region: String,
    /// Priced resources in graph order, the shared costs last; resources with nothing to price are
    /// left out.
    pub resources: Vec<ResourceCost>,
    pub monthly: f64,
    /// How many line items that would cost something have no price: when not 0, `monthly` is a lower
    /// bound.
    pub unpriced_lines: usize,
    /// The usage assumptions in effect, overridden or not.
    pub usage: Vec<usage::Assumed>,
}

impl EnvCost {
    /// The line items without a price that would cost something (a node pool scaled to zero costs
    /// nothing, priced or not), with their resource.
    pub fn unpriced(&self) -> impl Iterator<Item = (&ResourceCost, &LineItem)> {
        self.resources
            .iter()
            .flat_map(|r| r.items.iter().filter(|i| i.usd_per_unit.is_none() && i.quantity > 0.0).map(move |i| (r, i)))
    }

    /// The monthly cost of a resource (0 for one with nothing priced).
    pub fn of(&self, address: &str) -> f64 {
        self.resources.iter().find(|r| r.address == address).map_or(0.0, |r| r.monthly)
    }
}

/// Adds line items for one resource.
pub(crate) struct Pricer<'a> {
    region: &'a str,
    pub usage: &'a Usage,
    items: Vec<LineItem>,
}

impl<'a> Pricer<'a> {
    fn new(region: &'a str, usage: &'a Usage) -> Pricer<'a> {
        Pricer { region, usage, items: Vec::new() }
    }

    pub fn region(&self) -> &'a str {
        self.region
    }

    /// `quantity` of the service unit price `key` (`eks.cluster`) in the environment's region.
    pub fn unit(&mut self, what: impl Into<Cow<'static, str>>, key: &str, quantity: f64) -> &mut LineItem {
        let region = self.region;
        self.unit_in(what, key, quantity, region)
    }

    /// `quantity` of the unit price `key` in `region` (a CloudFront web ACL's logs are in us-east-1).
    pub fn unit_in(
        &mut self,
        what: impl Into<Cow<'static, str>>,
        key: &str,
        quantity: f64,
        region: &str,
    ) -> &mut LineItem {
        let (price, unit, no_price) = match prices::unit(key, region) {
            Some(p) => (Some(p.usd), p.unit, None),
            None => (None, prices::unit_name(key), Some(format!("no price for `{key}` in {region}"))),
        };
        self.push(what.into(), quantity, unit, price, no_price)
    }

    /// `hours` of an instance type running `engine`, on demand, at `discount` (0–1) off.
    pub fn instance(
        &mut self,
        what: impl Into<Cow<'static, str>>,
        service: InstanceService,
        engine: &str,
        name: &str,
        hours: f64,
    ) -> &mut LineItem {
        let (price, no_price) = match crate::domain::catalog().price(service, engine, name, self.region) {
            Ok(usd) => (Some(usd), None),
            Err(NoPrice::NotOffered) => (None, Some(format!("`{name}` is not offered in {}", self.region))),
            Err(NoPrice::NoSource) => (
                None,
                Some(format!(
                    "no on-demand price for `{name}` ({}) in {}: the catalog's sources do not cover it",
                    engine_label(service, engine),
                    self.region
                )),
            ),
        };
        self.push(what.into(), hours, "hour", price, no_price)
    }

    fn push(
        &mut self,
        what: Cow<'static, str>,
        quantity: f64,
        unit: &'static str,
        price: Option<f64>,
        no_price: Option<String>,
    ) -> &mut LineItem {
        let monthly = price.map_or(0.0, |p| cents(p * quantity));
        self.items.push(LineItem {
            what,
            quantity,
            unit,
            usd_per_unit: price,
            monthly,
            assumption: None,
            no_price,
            billed: None,
        });
        let last = self.items.len() - 1;
        &mut self.items[last]
    }
}

impl LineItem {
    /// This line bills `count` Terraform resources of type `ty`.
    pub fn bills(&mut self, ty: &'static str, count: u64) -> &mut LineItem {
        self.billed = Some((ty, count));
        self
    }

    /// The quantity comes from usage assumption `key`.
    pub fn assumed(&mut self, key: &'static str) -> &mut LineItem {
        self.assumption = Some(key);
        self
    }

    /// A discount off the on-demand price (Spot), applied to the unit price.
    pub fn discounted(&mut self, fraction: f64) -> &mut LineItem {
        if let Some(p) = self.usd_per_unit {
            let p = p * (1.0 - fraction);
            self.usd_per_unit = Some(p);
            self.monthly = cents(p * self.quantity);
        }
        self
    }
}

fn engine_label(service: InstanceService, engine: &str) -> String {
    match service {
        InstanceService::Ec2 => "EC2 Linux".to_owned(),
        InstanceService::Rds => format!("RDS {engine}"),
        InstanceService::ElastiCache => format!("ElastiCache {engine}"),
    }
}

/// `1,460`: an integer with thousands separators.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `$1,234.50`.
pub fn usd(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}${}.{:02}", thousands((cents / 100).abs()), (cents % 100).abs())
}

/// Rounded to the cent, so totals add up to what the table shows.
pub fn cents(usd: f64) -> f64 {
    (usd * 100.0).round() / 100.0
}

/// Prices every resource of `env` realised on AWS. `Err` only for internal errors (a value of the
/// wrong type in a view), which the lowering reports too.
pub fn estimate(env: &EnvGraph, usage: &Usage) -> Result<EnvCost, ViewError> {
    let views: Vec<_> = env.resources().iter().map(AwsKind::view).collect();
    estimate_with(env, usage, &views)
}

/// [`estimate`] over views already built, one per resource of `env` in order (the passes build
/// them once for cost and the rules).
pub fn estimate_with(
    env: &EnvGraph,
    usage: &Usage,
    views: &[Result<Option<AwsKind<'_>>, ViewError>],
) -> Result<EnvCost, ViewError> {
    let mut resources = Vec::new();
    let mut shared = shared::Shared::default();
    for (res, view) in env.resources().iter().zip(views) {
        let Some(view) = view.as_ref().map_err(Clone::clone)? else { continue };
        shared.note(view, env)?;
        let mut p = Pricer::new(&env.region, usage);
        match &view {
            AwsKind::Bucket(v) => bucket::price(&mut p, v),
            AwsKind::Cache(v) => cache::price(&mut p, v),
            AwsKind::Cdn(v) => cdn::price(&mut p, env, v)?,
            AwsKind::Cluster(v) => cluster::price(&mut p, v)?,
            AwsKind::Database(v) => database::price(&mut p, v),
            AwsKind::DnsZone(v) => dns_zone::price(&mut p, v),
            AwsKind::LoadBalancer(v) => load_balancer::price(&mut p, env, v)?,
            AwsKind::Network(v) => network::price(&mut p, v),
            AwsKind::Queue(v) => queue::price(&mut p, v),
            AwsKind::Secret(v) => secret::price(&mut p, v),
            AwsKind::Topic(v) => topic::price(&mut p, v),
            AwsKind::Vm(v) => vm::price(&mut p, v),
        }
        if !p.items.is_empty() {
            resources.push(ResourceCost {
                address: res.address.clone(),
                kind: res.kind.name.clone(),
                monthly: cents(p.items.iter().map(|i| i.monthly).sum()),
                items: p.items,
                span: Some(res.span),
            });
        }
    }
    let mut p = Pricer::new(&env.region, usage);
    shared.price(&mut p);
    if !p.items.is_empty() {
        resources.push(ResourceCost {
            address: "environment".to_owned(),
            kind: "shared".to_owned(),
            monthly: cents(p.items.iter().map(|i| i.monthly).sum()),
            items: p.items,
            span: None,
        });
    }
    let monthly = cents(resources.iter().map(|r| r.monthly).sum());
    let mut estimate = EnvCost {
        environment: env.name.clone(),
        region: env.region.clone(),
        resources,
        monthly,
        unpriced_lines: 0,
        usage: usage.assumed(),
    };
    estimate.unpriced_lines = estimate.unpriced().count();
    Ok(estimate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_counts_as_people_read_them() {
        assert_eq!(usd(1234.5), "$1,234.50");
        assert_eq!(usd(0.004), "$0.00");
        assert_eq!(usd(1_000_000.0), "$1,000,000.00");
        assert_eq!(usd(-3.5), "-$3.50");
        assert_eq!(thousands(1460), "1,460");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(-1234567), "-1,234,567");
    }
}
