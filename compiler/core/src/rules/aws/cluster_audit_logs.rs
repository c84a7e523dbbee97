use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC112",
    name: "cluster-control-plane-logs",
    title: "a production cluster sends every control-plane log type to CloudWatch",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_37"],
    why: "The audit and authenticator logs are the only record of who did what through the Kubernetes API; the API, controller-manager and scheduler logs explain failures. EKS keeps none of them unless asked.",
    fix: "set `logs = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]` (the production profile's default)",
    example: "cluster \"main\" {\n  logs = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]\n  node_pool \"general\" {}\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["cluster"], check),
};

const ALL: [&str; 5] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cluster(c)) = s.aws else { return };
    let missing: Vec<&str> = ALL.iter().copied().filter(|t| !c.logs.iter().any(|l| l.as_str() == *t)).collect();
    if c.logs.is_empty() {
        // checkov gives no result for an empty list (its check fails on it): stackc's own finding.
        out.only(s.at("logs"), format!("`{}` sends no control-plane logs{}", s.res.address, s.origin("logs")), &[]);
    } else if !missing.is_empty() {
        let msg = format!("`{}` does not log {}{}", s.res.address, missing.join(", "), s.origin("logs"));
        out.hit(s.at("logs"), msg);
    }
}
