use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC115",
    name: "cdn-geo-restriction",
    title: "a CDN restricts which countries it serves",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_AWS_374"],
    why: "checkov asks every CloudFront distribution to allow or block countries. stackc serves every country (the stack language has no attribute for a restriction yet); that is right for a public product and matters only where sanctions or licensing limit who may be served.",
    fix: "nothing to change in the stack: suppress it with the reason the audience is worldwide",
    example: "cdn \"edge\" {\n  suppress = { SC115 = \"customers are worldwide\" }\n  origin \"site\" {\n    bucket = bucket.site\n    path   = \"*\"\n  }\n}\n\nbucket \"site\" {}",
    security_severity: Some(1.0),
    check: Check::Resource(&["cdn"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    out.hit(s.res.span, format!("`{}` serves every country", s.res.address));
}
