use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC215",
    name: "backup-retention",
    title: "production databases keep a week of backups and caches a week of snapshots",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &[],
    why: "Backups are how a bad migration, a deleted table or corrupted data is undone, and such mistakes are often noticed days later: with a day of point-in-time recovery, Monday's mistake found on Wednesday cannot be undone. checkov only asks that backups are on, which stackc always writes for databases.",
    fix: "keep `backup_retention` (databases) and `snapshot_retention` (caches) at 7d or more (the production profile's default is 30d)",
    example: "database \"orders\" {\n  engine           = \"postgres\"\n  backup_retention = \"14d\"\n}",
    security_severity: None,
    check: Check::Resource(&["database", "cache"], check),
};

/// A week, in seconds.
const WEEK: u64 = 7 * 86_400;

fn check(s: &Subject<'_>, out: &mut Hits) {
    let (retention, attr, what) = match s.aws {
        Some(AwsKind::Database(d)) => (d.backup_retention, "backup_retention", "backups"),
        Some(AwsKind::Cache(c)) => (c.snapshot_retention, "snapshot_retention", "snapshots"),
        _ => return,
    };
    if retention.seconds() < WEEK {
        let days = retention.days_ceil();
        let msg = format!("`{}` keeps {days} day(s) of {what}{}", s.res.address, s.origin(attr));
        out.hit(s.at(attr), msg);
    }
}
