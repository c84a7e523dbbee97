use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC111",
    name: "bucket-access-logs",
    title: "a production bucket logs who reads and writes it",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_18"],
    why: "S3 server access logs are the only record of object-level reads and writes that CloudTrail does not keep by default; an investigation of leaked or deleted data starts from them.",
    fix: "set `access_logs = true` (the production profile's default)",
    example: "bucket \"uploads\" {\n  access_logs = true\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Bucket(b)) = s.aws else { return };
    if !b.access_logs {
        out.hit(s.at("access_logs"), format!("`{}` keeps no access logs{}", s.res.address, s.origin("access_logs")));
    }
}
