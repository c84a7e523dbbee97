use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC202",
    name: "deletion-protection",
    title: "production databases, load balancers, VMs and buckets refuse deletion",
    category: Category::Reliability,
    severity: Severity::Error,
    scope: Scope::Production,
    checkov: &["CKV_AWS_293", "CKV_AWS_150"],
    why: "A `terraform destroy`, a renamed resource or a mistaken plan deletes the instance and, for a database without protection, skips its final snapshot. Deletion protection makes AWS refuse until someone turns it off on purpose.",
    fix: "set `deletion_protection = true` on databases and load balancers and `termination_protection = true` on VMs (the production profile's defaults), and leave `force_destroy` off on buckets",
    example: "database \"orders\" {\n  engine              = \"postgres\"\n  deletion_protection = true\n}",
    security_severity: None,
    check: Check::Resource(&["database", "load_balancer", "vm", "bucket"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let address = &s.res.address;
    let (on, attr, ids): (bool, &str, &[&'static str]) = match s.aws {
        Some(AwsKind::Database(d)) => (d.deletion_protection, "deletion_protection", &["CKV_AWS_293"]),
        Some(AwsKind::LoadBalancer(lb)) => (lb.deletion_protection, "deletion_protection", &["CKV_AWS_150"]),
        // No checkov check for these two: stackc's own findings.
        Some(AwsKind::Vm(v)) => (v.termination_protection, "termination_protection", &[]),
        Some(AwsKind::Bucket(b)) => (!b.force_destroy, "force_destroy", &[]),
        _ => return,
    };
    if !on {
        let msg = if attr == "force_destroy" {
            format!("`{address}` is deleted with every object in it by `terraform destroy`")
        } else {
            format!("`{address}` can be deleted without a second step{}", s.origin(attr))
        };
        out.only(s.at(attr), msg, ids);
    }
}
