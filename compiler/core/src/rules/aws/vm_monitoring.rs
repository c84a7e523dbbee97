use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC208",
    name: "vm-detailed-monitoring",
    title: "a production VM reports metrics every minute",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_126"],
    why: "Basic monitoring samples every five minutes: alarms fire late and short spikes disappear. Detailed monitoring costs about $2 a month per instance.",
    fix: "set `detailed_monitoring = true` (the production profile's default)",
    example: "vm \"reports\" {\n  detailed_monitoring = true\n}",
    security_severity: None,
    check: Check::Resource(&["vm"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Vm(v)) = s.aws else { return };
    if !v.detailed_monitoring {
        let origin = s.origin("detailed_monitoring");
        out.hit(
            s.at("detailed_monitoring"),
            format!("`{}` reports metrics every five minutes only{origin}", s.res.address),
        );
    }
}
