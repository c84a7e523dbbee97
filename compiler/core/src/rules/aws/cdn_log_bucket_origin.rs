use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC119",
    name: "cdn-s3-origin-access",
    title: "a CDN reads S3 only through origin access control",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV2_AWS_46"],
    why: "stackc gives every bucket origin an origin access control, so the bucket stays private and only the distribution reads it. checkov also reports a distribution whose only connection to S3 is its access-log bucket (it cannot tell a log destination from an origin), which is what this note predicts: there is nothing to fix.",
    fix: "nothing to change: the distribution's access logs go to the environment's log bucket, which is not an origin; suppress it with that reason if the note is unwanted",
    example: "cdn \"edge\" {\n  suppress = { SC119 = \"the only bucket is the access-log destination\" }\n  origin \"app\" {\n    load_balancer = load_balancer.web\n    path          = \"*\"\n  }\n}\n\nload_balancer \"web\" {\n  domains = [\"app.example.com\"]\n  zone    = dns_zone.public\n  cluster = cluster.main\n}",
    security_severity: Some(1.0),
    check: Check::Resource(&["cdn"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cdn(c)) = s.aws else { return };
    if c.access_logs && c.origin.iter().all(|o| o.bucket.is_none()) {
        let msg = format!(
            "`{}` is connected to S3 only by its access logs, which checkov reads as an origin without access control",
            s.res.address
        );
        out.hit(s.at("access_logs"), msg);
    }
}
