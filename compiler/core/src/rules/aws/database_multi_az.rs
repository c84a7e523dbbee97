use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC201",
    name: "database-multi-az",
    title: "a production database keeps a standby in another zone",
    category: Category::Reliability,
    severity: Severity::Error,
    scope: Scope::Production,
    checkov: &["CKV_AWS_157"],
    why: "A single-AZ RDS instance is down for the whole of a zone outage or an instance failure (typically minutes to hours, plus a restore from backup if storage is lost). Multi-AZ keeps a synchronous standby and fails over in about a minute.",
    fix: "set `multi_az = true` on the database (the production profile's default)",
    example: "database \"orders\" {\n  engine   = \"postgres\"\n  multi_az = true\n}",
    security_severity: None,
    check: Check::Resource(&["database"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Database(d)) = s.aws else { return };
    if !d.multi_az {
        out.hit(
            s.at("multi_az"),
            format!("`{}` has no standby in another zone{}", s.res.address, s.origin("multi_az")),
        );
    }
}
