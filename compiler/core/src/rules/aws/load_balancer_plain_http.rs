use crate::bridge;
use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC401",
    name: "load-balancer-port-80",
    title: "an internet-facing load balancer does not open port 80 to the world",
    category: Category::Network,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_AWS_260"],
    why: "An internet-facing load balancer not behind the stack's CDN admits 0.0.0.0/0 on port 80. With `domains` its port-80 listener only redirects to HTTPS, so nothing is served in clear text (checkov still reports the rule); without domains it serves plain HTTP there, which SC109 reports. A load balancer behind the CDN admits only CloudFront.",
    fix: "put the load balancer behind a `cdn`, make it `internal`, or keep the redirect and suppress it with that reason",
    example: "load_balancer \"web\" {\n  suppress = { SC401 = \"port 80 only redirects to HTTPS\" }\n}",
    security_severity: Some(2.0),
    check: Check::Resource(&["load_balancer"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::LoadBalancer(lb)) = s.aws else { return };
    if !lb.internal && !bridge::fronted_by_cdn(s.env, s.res) {
        let what = if lb.domains.is_empty() { "and serves plain HTTP there" } else { "to redirect to HTTPS" };
        out.hit(s.res.span, format!("`{}` admits port 80 from 0.0.0.0/0 {what}", s.res.address));
    }
}
