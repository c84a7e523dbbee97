use crate::kinds::database::Engine;
use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC203",
    name: "database-insights",
    title: "a production database has Performance Insights and Enhanced Monitoring",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_353", "CKV_AWS_118"],
    why: "Without query-level metrics (Performance Insights) and OS metrics at one-minute resolution (Enhanced Monitoring), a slow production database can only be diagnosed after the fact from logs. The 7-day Performance Insights retention stackc writes is free.",
    fix: "set `performance_insights = true` (the production profile's default)",
    example: "database \"orders\" {\n  engine               = \"postgres\"\n  performance_insights = true\n}",
    security_severity: None,
    check: Check::Resource(&["database"], check),
};

/// checkov does not evaluate Performance Insights for MySQL on these classes (RDS does not offer
/// it there); read replicas are written without `engine`, so checkov evaluates them regardless.
const NO_INSIGHTS_FOR_MYSQL: [&str; 6] =
    ["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"];

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Database(d)) = s.aws else { return };
    if !d.performance_insights {
        let origin = s.origin("performance_insights");
        let msg = format!("`{}` has neither Performance Insights nor Enhanced Monitoring{origin}", s.res.address);
        let exempt = d.engine == Engine::Mysql && NO_INSIGHTS_FOR_MYSQL.contains(&d.instance.name);
        if exempt && d.read_replicas == 0 {
            out.only(s.at("performance_insights"), msg, &["CKV_AWS_118"]);
        } else {
            out.hit(s.at("performance_insights"), msg);
        }
    }
}
