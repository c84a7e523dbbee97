use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC118",
    name: "dns-query-logs",
    title: "a public zone logs the queries it answers",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV2_AWS_39"],
    why: "Route 53 query logs show who resolves which names, useful to spot reconnaissance or a misrouted client. They go to CloudWatch Logs in us-east-1 at ingestion prices and stackc does not write them yet, so every public zone gets this note.",
    fix: "nothing to change in the stack: suppress it with the reason no one consumes the logs",
    example: "dns_zone \"public\" {\n  domain   = \"example.com\"\n  suppress = { SC118 = \"no consumer for query logs\" }\n}",
    security_severity: Some(1.0),
    check: Check::Resource(&["dns_zone"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::DnsZone(z)) = s.aws else { return };
    if !z.private {
        out.hit(s.res.span, format!("`{}` logs no DNS queries", s.res.address));
    }
}
