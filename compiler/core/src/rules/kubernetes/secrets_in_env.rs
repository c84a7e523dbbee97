use super::{pod, WORKLOADS};
use crate::kinds::KubernetesKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC134",
    name: "secrets-as-files",
    title: "secrets reach containers as files, not environment variables",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_K8S_35"],
    why: "Environment variables are inherited by every child process, printed by crash handlers and debug endpoints, and visible in `/proc`; files in a mounted Secret volume are not. stackc passes `secrets` and database credentials as environment variables from an ExternalSecret-synced Secret (`envFrom`), which most applications expect, so this is a note.",
    fix: "nothing to change in the stack if the application reads its settings from the environment: suppress it with that reason",
    example: "service \"api\" {\n  image    = \"ghcr.io/acme/api:1.4.2\"\n  port     = 8080\n  secrets  = [secret.payments]\n  suppress = { SC134 = \"the app reads its settings from the environment; ExternalSecrets sync the values\" }\n}",
    security_severity: Some(2.0),
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let databases = match s.k8s {
        Some(KubernetesKind::Service(v)) => v.access.databases.len(),
        Some(KubernetesKind::Job(v)) => v.access.databases.len(),
        Some(KubernetesKind::CronJob(v)) => v.access.databases.len(),
        _ => 0,
    };
    let secrets = p.container.secrets.len();
    if secrets + databases > 0 {
        let at = if secrets > 0 { s.at("secrets") } else { s.at("databases") };
        let msg = format!(
            "`{}` gets {} secret(s) and {} database credential(s) as environment variables",
            s.res.address, secrets, databases
        );
        out.hit(at, msg);
    }
}
