use super::{pod, WORKLOADS};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC131",
    name: "non-root",
    title: "containers do not run as root",
    category: Category::Security,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV_K8S_23"],
    why: "A process running as UID 0 is root on the node as soon as it escapes the container (a kernel or runtime bug is enough), and can write anywhere in its own filesystem meanwhile.",
    fix: "keep `run_as_non_root = true` and a non-zero `run_as_user` (the defaults); build the image to run as an unprivileged user",
    example: "service \"api\" {\n  image       = \"ghcr.io/acme/api:1.4.2\"\n  run_as_user = 10001\n}",
    security_severity: Some(7.0),
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    if !p.security.run_as_non_root && p.security.run_as_user == 0 {
        out.hit(s.at("run_as_user"), format!("`{}` runs its container as root (UID 0)", s.res.address));
    }
}
