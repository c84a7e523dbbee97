use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC209",
    name: "cdn-origin-failover",
    title: "a CDN fails over to a second origin",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_AWS_310"],
    why: "An origin group lets CloudFront retry a second origin (another region's bucket or load balancer) when the first fails. stackc writes one origin per `origin` block and no origin groups, so every distribution gets this note; it matters for multi-region designs.",
    fix: "nothing to change in the stack: suppress it with the reason one region is the design",
    example: "cdn \"edge\" {\n  suppress = { SC209 = \"one region by design; the origin is multi-AZ\" }\n  origin \"site\" {\n    bucket = bucket.site\n    path   = \"*\"\n  }\n}\n\nbucket \"site\" {}",
    security_severity: None,
    check: Check::Resource(&["cdn"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    out.hit(s.res.span, format!("`{}` has no failover origin", s.res.address));
}
