use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC402",
    name: "network-flow-logs",
    title: "a production network records its traffic in flow logs",
    category: Category::Network,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV2_AWS_11"],
    why: "VPC flow logs are the record of which addresses talked to which, and the first thing an incident responder asks for; they cannot be turned on after the fact for traffic already gone.",
    fix: "set `flow_logs = true` (the production profile's default)",
    example: "network \"main\" {\n  cidr      = \"10.0.0.0/16\"\n  flow_logs = true\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["network"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Network(n)) = s.aws else { return };
    if !n.flow_logs {
        out.hit(s.at("flow_logs"), format!("`{}` keeps no flow logs{}", s.res.address, s.origin("flow_logs")));
    }
}
