use crate::kinds::bucket::Encryption;
use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC102",
    name: "bucket-kms",
    title: "a bucket is encrypted with the environment's KMS key",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_145"],
    why: "SSE-S3 encrypts at rest with keys anyone with `s3:GetObject` can use. With SSE-KMS reading also needs `kms:Decrypt` on the environment's key, whose use CloudTrail logs and whose policy can be revoked on its own.",
    fix: "set `encryption = \"kms\"` (the default is `\"s3\"`); keep S3-managed keys for public assets served through a CDN, with a suppression saying so",
    example: "bucket \"uploads\" {\n  encryption = \"kms\"\n}",
    security_severity: Some(4.0),
    check: Check::Resource(&["bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Bucket(b)) = s.aws else { return };
    if b.encryption == Encryption::S3 {
        out.hit(s.at("encryption"), format!("`{}` is encrypted with S3-managed keys, not KMS", s.res.address));
    }
}
