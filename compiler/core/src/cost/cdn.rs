//! A CloudFront distribution: data to viewers and HTTPS requests (`cdn_data_gb`,
//! `cdn_requests_million`, at the United States and Europe rate), and its WAF web ACL, which lives in
//! us-east-1 with its logs.

use super::{shared::web_acl, Pricer};
use crate::emit::terraform::WAF_CDN_RULE_GROUPS;
use crate::graph::EnvGraph;
use crate::kinds::cdn::Cdn;
use crate::kinds::ViewError;

pub(super) fn price(p: &mut Pricer<'_>, env: &EnvGraph, c: &Cdn<'_>) -> Result<(), ViewError> {
    let gb = p.usage.get("cdn_data_gb");
    p.unit("data to viewers", "cloudfront.data_out", gb).assumed("cdn_data_gb").bills("aws_cloudfront_distribution", 1);
    let requests = p.usage.get("cdn_requests_million");
    p.unit("HTTPS requests", "cloudfront.https_requests", requests * 100.0).assumed("cdn_requests_million");
    if c.waf {
        web_acl(p, env, WAF_CDN_RULE_GROUPS.len(), Some("us-east-1"))?;
    }
    Ok(())
}
