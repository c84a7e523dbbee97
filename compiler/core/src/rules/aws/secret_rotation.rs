use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC105",
    name: "secret-rotation",
    title: "a secret is rotated automatically",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV2_AWS_57"],
    why: "A secret that never changes stays valid for whoever copied it once. Secrets Manager can rotate on a schedule with a rotation Lambda; stackc writes none (the value's owner differs per secret: a vendor console, a release), so every secret, including a cache's AUTH token, gets this note.",
    fix: "rotate it where it is issued and say so in a suppression; database passwords are managed and rotated by RDS and are not reported",
    example: "secret \"stripe\" {\n  keys     = [\"api_key\"]\n  suppress = { SC105 = \"rotated in the Stripe dashboard quarterly, then put here\" }\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["secret", "cache"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    match s.aws {
        Some(AwsKind::Secret(_)) => out.hit(s.res.span, format!("`{}` is never rotated", s.res.address)),
        Some(AwsKind::Cache(_)) => {
            out.hit(s.res.span, format!("the AUTH token of `{}` is never rotated", s.res.address))
        }
        _ => {}
    }
}
