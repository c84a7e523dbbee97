use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC114",
    name: "edge-access-logs",
    title: "a production CDN or load balancer logs its requests",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_86", "CKV_AWS_91"],
    why: "Request logs at the edge (client address, path, status, latency) are how abuse, scraping and outages are investigated; neither CloudFront nor an ALB keeps them unless told to. stackc writes them to the environment's log bucket.",
    fix: "set `access_logs = true` (the production profile's default)",
    example: "load_balancer \"web\" {\n  access_logs = true\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["cdn", "load_balancer"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let (on, id) = match s.aws {
        Some(AwsKind::Cdn(c)) => (c.access_logs, "CKV_AWS_86"),
        Some(AwsKind::LoadBalancer(lb)) => (lb.access_logs, "CKV_AWS_91"),
        _ => return,
    };
    if !on {
        let msg = format!("`{}` keeps no request logs{}", s.res.address, s.origin("access_logs"));
        out.only(s.at("access_logs"), msg, &[id]);
    }
}
