use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC107",
    name: "cluster-secrets-encryption",
    title: "a cluster encrypts Kubernetes Secrets with KMS",
    category: Category::Security,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV_AWS_58"],
    why: "Without envelope encryption, Kubernetes Secrets sit in etcd protected only by the volume encryption AWS applies to everything; with it, each Secret is encrypted with the environment's KMS key, whose use is logged and can be revoked.",
    fix: "keep `secrets_encryption = true` (the default)",
    example: "cluster \"main\" {\n  secrets_encryption = true\n  node_pool \"general\" {}\n}",
    security_severity: Some(6.0),
    check: Check::Resource(&["cluster"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cluster(c)) = s.aws else { return };
    if !c.secrets_encryption {
        out.hit(
            s.at("secrets_encryption"),
            format!("`{}` keeps Kubernetes Secrets without KMS envelope encryption", s.res.address),
        );
    }
}
