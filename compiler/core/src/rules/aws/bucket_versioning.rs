use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC205",
    name: "bucket-versioning",
    title: "a production bucket keeps object versions",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_21"],
    why: "Without versioning an overwrite or a delete (by a bug, a script or an attacker) is final. Versions are expired after `noncurrent_expire_after`, so the cost is bounded.",
    fix: "set `versioning = true` (the production profile's default)",
    example: "bucket \"uploads\" {\n  versioning = true\n}",
    security_severity: None,
    check: Check::Resource(&["bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Bucket(b)) = s.aws else { return };
    if !b.versioning {
        out.hit(s.at("versioning"), format!("`{}` keeps no object versions{}", s.res.address, s.origin("versioning")));
    }
}
