//! AWS WAF web ACLs for load balancers (regional) and CDNs (CloudFront, in us-east-1): AWS managed rule
//! groups, and logs in a CloudWatch log group.

use hcl::Expression;

use super::shared::{in_region, log_group};
use super::tf::{self, Blk};
use super::{log_retention_days, Lowerer};
use crate::graph::Resource;
use crate::kinds::{Profile, ViewError};

const FILE: &str = "edge";

/// The AWS managed rule groups of a load balancer's web ACL.
pub const LOAD_BALANCER_RULE_GROUPS: &[&str] = &[
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesAnonymousIpList",
];

/// The AWS managed rule groups of a CDN's web ACL.
pub const CDN_RULE_GROUPS: &[&str] =
    &["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAnonymousIpList"];

/// A web ACL of `scope` (`REGIONAL` or `CLOUDFRONT`) with the managed rule `groups`; returns its ARN.
pub fn web_acl(
    l: &mut Lowerer,
    res: &Resource,
    id: &str,
    scope: &str,
    provider: Option<&Expression>,
    groups: &[&str],
) -> Result<Expression, ViewError> {
    let name = format!("{}-{}", l.aws_name(res), scope.to_lowercase());
    let visibility = |metric: &str| {
        Blk::new("visibility_config", &[])
            .set("cloudwatch_metrics_enabled", true)
            .set("metric_name", tf::string(metric))
            .set("sampled_requests_enabled", true)
    };
    let mut acl = in_region(Blk::resource("aws_wafv2_web_acl", id), provider)
        .set("name", tf::string(name.clone()))
        .set("scope", tf::string(scope))
        .block(Blk::new("default_action", &[]).block(Blk::new("allow", &[])));
    for (priority, group) in groups.iter().enumerate() {
        acl = acl.block(
            Blk::new("rule", &[])
                .set("name", tf::string(*group))
                .set("priority", priority as u64 + 1)
                .block(Blk::new("override_action", &[]).block(Blk::new("none", &[])))
                .block(
                    Blk::new("statement", &[]).block(
                        Blk::new("managed_rule_group_statement", &[])
                            .set("name", tf::string(*group))
                            .set("vendor_name", tf::string("AWS")),
                    ),
                )
                .block(visibility(group)),
        );
    }
    let acl = l.add(FILE, acl.block(visibility(&name)).set("tags", l.tags(res, &name)));
    // WAF logs must go to a log group whose name starts with aws-waf-logs-.
    let retention = log_retention_days(Profile::view(l.env)?.log_retention);
    // A CloudFront web ACL and its log group live in us-east-1, and so does the key that encrypts it.
    let region = provider.map(|p| ("us-east-1", p));
    let group = log_group(l, res, &format!("{id}_waf"), tf::string(format!("aws-waf-logs-{name}")), retention, region)?;
    let group = l.add(FILE, group);
    l.add(
        FILE,
        in_region(Blk::resource("aws_wafv2_web_acl_logging_configuration", id), provider)
            .set("resource_arn", acl.attr("arn"))
            .set("log_destination_configs", tf::list([group.attr("arn")])),
    );
    Ok(acl.attr("arn"))
}
