use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC207",
    name: "bucket-event-notifications",
    title: "a bucket sends event notifications",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV2_AWS_62"],
    why: "checkov asks every bucket to notify something on object events. stackc writes no notification configuration (the stack language has no attribute for it yet), so every bucket and replica gets this note; it matters only where something should react to new objects.",
    fix: "nothing to change in the stack: suppress it with the reason nothing reacts to the bucket's objects",
    example: "bucket \"backups\" {\n  suppress = { SC207 = \"written by the dump job, read only for restores\" }\n}",
    security_severity: None,
    check: Check::Resource(&["bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    out.hit(s.res.span, format!("nothing is notified of changes to `{}`", s.res.address));
}
