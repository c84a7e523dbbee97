use super::{pod, WORKLOADS};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC137",
    name: "not-default-namespace",
    title: "workloads do not run in the `default` namespace",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &["CKV_K8S_21"],
    why: "Everything without a namespace lands in `default`; RBAC bindings, network policies and quotas written for it apply to whatever else ends up there. A namespace of its own scopes all of them to the workload.",
    fix: "set `namespace` to the application's namespace (the default is the environment's name)",
    example: "service \"api\" {\n  image     = \"ghcr.io/acme/api:1.4.2\"\n  port      = 8080\n  namespace = \"shop\"\n}",
    security_severity: Some(2.0),
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    if p.workload.namespace.known() == Some("default") {
        out.hit(s.at("namespace"), format!("`{}` runs in the `default` namespace", s.res.address));
    }
}
