use super::{pod, WORKLOADS};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC133",
    name: "read-only-root-filesystem",
    title: "containers cannot write to their root filesystem",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &["CKV_K8S_22"],
    why: "A writable root filesystem lets an attacker who gets code execution drop tools, change binaries or plant persistence that survives until the pod is replaced. With it read-only, only the paths listed in `writable_paths` (emptyDir volumes) can be written.",
    fix: "keep `read_only_root_filesystem = true` (the default) and list the directories the process writes in `writable_paths`",
    example: "service \"api\" {\n  image          = \"ghcr.io/acme/api:1.4.2\"\n  writable_paths = [\"/tmp\"]\n}",
    security_severity: Some(4.0),
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    if !p.security.read_only_root_filesystem {
        let at = s.at("read_only_root_filesystem");
        out.hit(at, format!("`{}` can write to its container's root filesystem", s.res.address));
    }
}
