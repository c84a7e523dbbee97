use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC206",
    name: "bucket-replication",
    title: "a bucket is replicated to another region",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_AWS_144"],
    why: "A regional outage or a region-wide mistake leaves a single-region bucket unreadable. Most buckets can be rebuilt or are not worth a second copy, so this is a note.",
    fix: "set `replica_region = \"us-west-2\"` for data that must survive the region",
    example: "bucket \"backups\" {\n  replica_region = \"us-west-2\"\n}",
    security_severity: None,
    check: Check::Resource(&["bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Bucket(b)) = s.aws else { return };
    if b.replica_region.is_none() {
        out.hit(s.res.span, format!("`{}` lives in one region only", s.res.address));
    }
}
