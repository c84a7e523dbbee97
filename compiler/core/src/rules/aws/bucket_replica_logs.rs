use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC120",
    name: "bucket-replica-access-logs",
    title: "a production bucket's cross-region replica logs who reads it",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_18"],
    why: "stackc writes the environment's access-log bucket in the stack's region only, and S3 delivers server access logs within one region, so a replica in another region keeps none: reads of the copy are not recorded. It is reported apart from SC111 so a suppression of one does not silence the other.",
    fix: "nothing in the stack yet (there is no log bucket in the replica's region): suppress it with the reason, e.g. that the replica is only written by replication and read for restores",
    example: "bucket \"backups\" {\n  replica_region = \"us-west-2\"\n  suppress       = { SC120 = \"the replica is written by replication only and read for restores\" }\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Bucket(b)) = s.aws else { return };
    if let Some(region) = b.replica_region.and_then(|r| r.known()) {
        out.hit(s.at("replica_region"), format!("the replica of `{}` in {region} keeps no access logs", s.res.address));
    }
}
