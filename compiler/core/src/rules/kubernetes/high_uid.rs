use super::{pod, WORKLOADS};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC132",
    name: "high-uid",
    title: "containers run with a UID above 10000",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_K8S_40"],
    why: "Low UIDs collide with users of the node (system accounts from 1 to 999, people from 1000); a process that escapes its container as such a user inherits what that user may do on the host. A UID above 10000 belongs to no one there.",
    fix: "set `run_as_user = 10001` (or another UID above 10000) and build the image so that user can run it",
    example: "static_site \"web\" {\n  mode        = \"nginx\"\n  image       = \"ghcr.io/acme/web:2.0.1\"\n  run_as_user = 10101\n}",
    security_severity: Some(3.0),
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let uid = p.security.run_as_user;
    if uid < 10_000 {
        out.hit(s.at("run_as_user"), format!("`{}` runs as UID {uid}", s.res.address));
    }
}
