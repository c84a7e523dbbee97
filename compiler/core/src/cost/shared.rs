//! What several models price the same way (CloudWatch log groups, WAF web ACLs) and what the
//! environment shares: its KMS keys (one in its region, one in us-east-1 when a CloudFront web ACL
//! logs there from another region) and its access-log bucket.

use super::Pricer;
use crate::emit::terraform::log_retention_days;
use crate::graph::EnvGraph;
use crate::kinds::bucket::{Bucket, Encryption};
use crate::kinds::{AwsKind, Profile, ViewError};

/// A CloudWatch log group: ingestion of `gb` a month, and storage of what its retention keeps at steady
/// state (`gb` per month retained, uncompressed; CloudWatch bills compressed bytes, so less in practice).
pub(super) fn log_group(p: &mut Pricer<'_>, what: &str, gb: f64, key: &'static str, days: u64, region: Option<&str>) {
    let region = region.unwrap_or(p.region()).to_owned();
    p.unit_in(format!("{what}: ingestion"), "logs.ingest", gb, &region)
        .assumed(key)
        .bills("aws_cloudwatch_log_group", 1);
    let months = days as f64 / 30.0;
    p.unit_in(format!("{what}: storage ({days} days kept)"), "logs.storage", gb * months, &region).assumed(key);
}

/// A WAF web ACL of `rules` AWS managed rule groups, its requests and its logs (in `region`, the
/// environment's when `None`).
pub(super) fn web_acl(p: &mut Pricer<'_>, env: &EnvGraph, rules: usize, region: Option<&str>) -> Result<(), ViewError> {
    p.unit("WAF web ACL", "waf.acl", 1.0).bills("aws_wafv2_web_acl", 1);
    p.unit(format!("WAF rules: {rules} managed rule groups"), "waf.rule", rules as f64);
    let requests = p.usage.get("waf_requests_million");
    p.unit("WAF requests", "waf.requests", requests).assumed("waf_requests_million");
    let gb = p.usage.get("waf_logs_gb");
    let retention = log_retention_days(Profile::view(env)?.log_retention);
    log_group(p, "WAF logs", gb, "waf_logs_gb", retention, region);
    Ok(())
}

/// Whether the lowering asks for the environment's KMS key in its own region: every kind that
/// encrypts with it (caches, clusters, databases, queues, secrets, topics, VMs, log groups, KMS-
/// encrypted buckets and CDN origins reading them).
fn uses_key(view: &AwsKind<'_>, region: &str) -> bool {
    match view {
        AwsKind::Cache(_)
        | AwsKind::Cluster(_)
        | AwsKind::Database(_)
        | AwsKind::Queue(_)
        | AwsKind::Secret(_)
        | AwsKind::Topic(_)
        | AwsKind::Vm(_) => true,
        AwsKind::Bucket(b) => b.encryption == Encryption::Kms,
        AwsKind::Network(n) => n.flow_logs,
        AwsKind::LoadBalancer(lb) => lb.waf,
        AwsKind::Cdn(c) => c.waf && region == "us-east-1",
        AwsKind::DnsZone(_) => false,
    }
}

/// What the environment's resources ask of what it shares, noted resource by resource.
#[derive(Default)]
pub(super) struct Shared {
    main_key: bool,
    us_east_1_key: bool,
    log_bucket: bool,
}

impl Shared {
    pub(super) fn note(&mut self, view: &AwsKind<'_>, env: &EnvGraph) -> Result<(), ViewError> {
        self.main_key |= uses_key(view, &env.region);
        match view {
            AwsKind::Cdn(c) => {
                self.us_east_1_key |= c.waf && env.region != "us-east-1";
                self.log_bucket |= c.access_logs;
                for origin in &c.origin {
                    if let Some(b) = origin.bucket {
                        self.main_key |= b.resolve(env).map(|b: Bucket<'_>| b.encryption == Encryption::Kms)?;
                    }
                }
            }
            AwsKind::Bucket(b) => self.log_bucket |= b.access_logs,
            AwsKind::LoadBalancer(lb) => self.log_bucket |= lb.access_logs,
            _ => {}
        }
        Ok(())
    }

    pub(super) fn price(&self, p: &mut Pricer<'_>) {
        let requests = p.usage.get("kms_requests_thousand");
        let region = p.region().to_owned();
        for (present, region) in [(self.main_key, region.as_str()), (self.us_east_1_key, "us-east-1")] {
            if present {
                p.unit_in(format!("KMS key in {region}"), "kms.key", 1.0, region).bills("aws_kms_key", 1);
                p.unit_in(format!("KMS requests in {region}"), "kms.requests", requests / 10.0, region)
                    .assumed("kms_requests_thousand");
            }
        }
        if self.log_bucket {
            let gb = p.usage.get("log_bucket_storage_gb");
            p.unit("access-log bucket storage", "s3.standard", gb)
                .assumed("log_bucket_storage_gb")
                .bills("aws_s3_bucket", 1);
        }
    }
}
