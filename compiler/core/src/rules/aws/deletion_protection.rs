use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC202",
    name: "deletion-protection",
    title: "production databases and load balancers refuse deletion",
    category: Category::Reliability,
    severity: Severity::Error,
    scope: Scope::Production,
    checkov: &["CKV_AWS_293", "CKV_AWS_150"],
    why: "A `terraform destroy`, a renamed resource or a mistaken plan deletes the instance and, for a database without protection, skips its final snapshot. Deletion protection makes AWS refuse until someone turns it off on purpose.",
    fix: "set `deletion_protection = true` (the production profile's default)",
    example: "database \"orders\" {\n  engine              = \"postgres\"\n  deletion_protection = true\n}",
    security_severity: None,
    check: Check::Resource(&["database", "load_balancer"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let (on, id) = match s.aws {
        Some(AwsKind::Database(d)) => (d.deletion_protection, "CKV_AWS_293"),
        Some(AwsKind::LoadBalancer(lb)) => (lb.deletion_protection, "CKV_AWS_150"),
        _ => return,
    };
    if !on {
        let origin = s.origin("deletion_protection");
        out.only(
            s.at("deletion_protection"),
            format!("`{}` can be deleted without a second step{origin}", s.res.address),
            &[id],
        );
    }
}
