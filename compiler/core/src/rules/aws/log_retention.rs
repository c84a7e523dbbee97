use crate::emit::terraform::log_retention_days;
use crate::kinds::{AwsKind, Profile};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC113",
    name: "log-retention",
    title: "production log groups keep a year of logs",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_338"],
    why: "Incidents are often found months after they start; audit frameworks (SOC 2, ISO 27001, PCI DSS) ask for a year of security-relevant logs. The cluster's control-plane logs, VPC flow logs and WAF logs are those logs.",
    fix: "keep `log_retention` (cluster), `flow_logs_retention` (network) and the profile's `log_retention` (WAF logs) at 365d or more",
    example: "cluster \"main\" {\n  log_retention = \"365d\"\n  node_pool \"general\" {}\n}",
    security_severity: Some(2.0),
    check: Check::Resource(&["cluster", "network", "load_balancer", "cdn"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let (what, days, attr) = match s.aws {
        Some(AwsKind::Cluster(c)) => ("control-plane logs", log_retention_days(c.log_retention), "log_retention"),
        Some(AwsKind::Network(n)) if n.flow_logs => {
            ("flow logs", log_retention_days(n.flow_logs_retention), "flow_logs_retention")
        }
        Some(AwsKind::LoadBalancer(lb)) if lb.waf => ("WAF logs", profile_days(s), "waf"),
        Some(AwsKind::Cdn(c)) if c.waf => ("WAF logs", profile_days(s), "waf"),
        _ => return,
    };
    if days < 365 {
        let origin =
            if attr == "waf" { format!(" (the {} profile's `log_retention`)", s.env.profile) } else { s.origin(attr) };
        out.hit(s.at(attr), format!("the {what} of `{}` are kept {days} days{origin}", s.res.address));
    }
}

fn profile_days(s: &Subject<'_>) -> u64 {
    Profile::view(s.env).map_or(365, |p| log_retention_days(p.log_retention))
}
