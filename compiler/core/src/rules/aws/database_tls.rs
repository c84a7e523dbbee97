use crate::kinds::database::Engine;
use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC106",
    name: "database-tls",
    title: "a database refuses unencrypted connections",
    category: Category::Security,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV2_AWS_69"],
    why: "stackc's parameter group makes RDS refuse clients that do not use TLS (`rds.force_ssl = 1` for PostgreSQL, `require_secure_transport = 1` for MySQL). A `parameters` entry that turns it off lets credentials and data cross the network in clear text.",
    fix: "remove the parameter from `parameters` (stackc sets it), or set it to \"1\"",
    example: "database \"orders\" {\n  engine     = \"postgres\"\n  parameters = { log_min_duration_statement = \"500\" }\n}",
    security_severity: Some(7.0),
    check: Check::Resource(&["database"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Database(d)) = s.aws else { return };
    let param = match d.engine {
        Engine::Postgres => "rds.force_ssl",
        Engine::Mysql => "require_secure_transport",
    };
    let Some((_, value)) = d.parameters.iter().find(|(k, _)| *k == param) else { return };
    let value = value.known().unwrap_or_default();
    if value != "1" {
        let msg = format!("`{}` sets `{param} = \"{value}\"`: TLS is not required", s.res.address);
        out.hit(s.at("parameters"), msg);
    }
}
