use super::pod;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC211",
    name: "probes",
    title: "serving workloads have liveness and readiness probes",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &["CKV_K8S_8", "CKV_K8S_9"],
    why: "Without a readiness probe a pod gets traffic before it can answer and during its shutdown; without a liveness probe a deadlocked process is never restarted. Rolling updates and health gates rely on both.",
    fix: "add a `health {}` block (by default liveness probes `/health` and readiness `/ready` on the service's port; set `liveness` and `readiness` if the application serves other paths)",
    example: "service \"api\" {\n  image = \"ghcr.io/acme/api:1.4.2\"\n  port  = 8080\n  health {\n    liveness  = \"/livez\"\n    readiness = \"/readyz\"\n  }\n}",
    security_severity: None,
    check: Check::Resource(&["service", "static_site"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let Some(serving) = p.serving else { return };
    if serving.health.is_none() {
        out.hit(s.res.span, format!("`{}` has no `health` block: its pods are never probed", s.res.address));
    }
}
