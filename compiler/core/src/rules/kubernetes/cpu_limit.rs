use super::{pod, WORKLOADS};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC212",
    name: "cpu-limit",
    title: "containers have a CPU limit",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_K8S_11"],
    why: "checkov asks for a CPU limit so one pod cannot starve its neighbours. stackc always sets the CPU request (which reserves the CPU) and the memory limit; a CPU limit also throttles the process whenever it bursts, which hurts latency-sensitive services more than it protects, so leaving it unset is a note.",
    fix: "set `cpu_limit` for batch work that should not burst; for latency-sensitive services suppress it with that reason",
    example: "job \"reindex\" {\n  image     = \"ghcr.io/acme/reindex:3.1.0\"\n  cpu       = \"500m\"\n  cpu_limit = \"1\"\n}",
    security_severity: None,
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    if p.container.cpu_limit.is_none() {
        out.hit(s.res.span, format!("`{}` may use every CPU of its node", s.res.address));
    }
}
