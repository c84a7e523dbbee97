//! Usage assumptions: the quantities a stack does not state (data through NAT, requests to a queue),
//! each with a documented default and overridable per environment in a `usage` block:
//!
//! ```hcl
//! environment "prod" {
//!   profile = "production"
//!   usage {
//!     nat_data_gb = 2000
//!   }
//! }
//! ```

use serde::Serialize;

/// One assumption: its key, default, unit and what it means.
pub struct Assumption {
    pub key: &'static str,
    pub default: f64,
    pub unit: &'static str,
    pub doc: &'static str,
}

/// Every assumption, in the order `stackc cost` lists them.
pub const ASSUMPTIONS: &[Assumption] = &[
    Assumption { key: "nat_data_gb", default: 100.0, unit: "GB/month per network", doc: "Data processed by a network's NAT gateways (all of them together)." },
    Assumption { key: "endpoint_data_gb", default: 10.0, unit: "GB/month per network", doc: "Data processed by a network's interface VPC endpoints." },
    Assumption { key: "flow_logs_gb", default: 10.0, unit: "GB/month per network", doc: "VPC flow log data ingested into CloudWatch Logs." },
    Assumption { key: "cluster_logs_gb", default: 30.0, unit: "GB/month per cluster", doc: "EKS control-plane log data ingested into CloudWatch Logs (when the cluster sends logs; the audit log dominates)." },
    Assumption { key: "lb_lcu", default: 1.0, unit: "LCU per hour per load balancer", doc: "Average load balancer capacity units in use (an LCU is 25 new connections/s, 3,000 active connections, 1 GB/hour or 1,000 rule evaluations/s, whichever is highest)." },
    Assumption { key: "cdn_data_gb", default: 100.0, unit: "GB/month per CDN", doc: "Data a CDN serves to viewers (priced at CloudFront's United States and Europe rate)." },
    Assumption { key: "cdn_requests_million", default: 1.0, unit: "million HTTPS requests/month per CDN", doc: "HTTPS requests a CDN serves." },
    Assumption { key: "waf_requests_million", default: 1.0, unit: "million requests/month per web ACL", doc: "Requests a WAF web ACL inspects." },
    Assumption { key: "waf_logs_gb", default: 1.0, unit: "GB/month per web ACL", doc: "WAF log data ingested into CloudWatch Logs." },
    Assumption { key: "bucket_storage_gb", default: 10.0, unit: "GB per bucket", doc: "Data stored in a bucket (S3 Standard); a replica bucket stores as much again." },
    Assumption { key: "bucket_writes_thousand", default: 10.0, unit: "thousand PUT/COPY/POST/LIST requests/month per bucket", doc: "Write-class requests to a bucket." },
    Assumption { key: "bucket_reads_thousand", default: 100.0, unit: "thousand GET requests/month per bucket", doc: "Read-class requests to a bucket." },
    Assumption { key: "log_bucket_storage_gb", default: 10.0, unit: "GB per environment", doc: "Access logs kept in the environment's log bucket." },
    Assumption { key: "queue_requests_million", default: 1.0, unit: "million requests/month per queue", doc: "SQS requests (send, receive, delete: each 64 KiB chunk is one request)." },
    Assumption { key: "topic_publishes_million", default: 1.0, unit: "million publishes/month per topic", doc: "SNS publishes (deliveries to SQS and Lambda are free; others are not priced)." },
    Assumption { key: "dns_queries_million", default: 1.0, unit: "million queries/month per zone", doc: "Route 53 standard queries to a hosted zone (alias queries to AWS resources are free)." },
    Assumption { key: "secret_api_calls_thousand", default: 1.0, unit: "thousand API calls/month per secret", doc: "Secrets Manager API calls (the External Secrets operator reads each secret once an hour: 730 a month)." },
    Assumption { key: "kms_requests_thousand", default: 10.0, unit: "thousand requests/month per key", doc: "KMS requests (S3 bucket keys and data-key caching keep them low)." },
    Assumption { key: "database_daily_change_percent", default: 5.0, unit: "% of storage per day", doc: "How much of a database's storage changes a day: each day of backup retention beyond the first keeps that much more backup storage; backup storage up to the provisioned storage is free." },
    Assumption { key: "spot_discount_percent", default: 60.0, unit: "% off on-demand", doc: "The discount of Spot node pools (AWS quotes up to 90 %; 55–65 % is typical for general-purpose types in large regions)." },
    Assumption { key: "database_logs_gb", default: 1.0, unit: "GB/month per database instance", doc: "Engine and upgrade logs a database (and each read replica) exports to CloudWatch Logs." },
    Assumption { key: "cache_data_gb", default: 1.0, unit: "GB per cache shard", doc: "Data a cache holds: every retained snapshot beyond the first stores it again." },
];

/// The value of every assumption for one environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    values: Vec<f64>,
    overridden: Vec<bool>,
}

/// An assumption in effect, for reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumed {
    pub key: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub overridden: bool,
}

impl Default for Usage {
    fn default() -> Usage {
        Usage { values: ASSUMPTIONS.iter().map(|a| a.default).collect(), overridden: vec![false; ASSUMPTIONS.len()] }
    }
}

impl Usage {
    /// The index of `key`, if it is an assumption.
    pub fn position(key: &str) -> Option<usize> {
        ASSUMPTIONS.iter().position(|a| a.key == key)
    }

    /// Whether `value` is acceptable for the assumption at `index` (a percentage is at most 100).
    pub fn accepts(index: usize, value: f64) -> bool {
        value >= 0.0
            && value.is_finite()
            && (ASSUMPTIONS.get(index).is_none_or(|a| !a.key.ends_with("_percent")) || value <= 100.0)
    }

    /// Sets an assumption by its index.
    pub fn set(&mut self, index: usize, value: f64) {
        if let (Some(v), Some(o)) = (self.values.get_mut(index), self.overridden.get_mut(index)) {
            *v = value;
            *o = true;
        }
    }

    /// The value of `key` (which must be an assumption: a misspelled key is a bug caught by tests).
    pub fn get(&self, key: &str) -> f64 {
        Usage::position(key).and_then(|i| self.values.get(i).copied()).unwrap_or(0.0)
    }

    pub fn assumed(&self) -> Vec<Assumed> {
        ASSUMPTIONS
            .iter()
            .zip(self.values.iter().zip(&self.overridden))
            .map(|(a, (v, o))| Assumed { key: a.key, value: *v, unit: a.unit, overridden: *o })
            .collect()
    }
}
