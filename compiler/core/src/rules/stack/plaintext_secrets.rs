use std::sync::LazyLock;

use regex::Regex;

use crate::kinds::{AwsKind, KubernetesKind, Text};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC110",
    name: "plaintext-secret",
    title: "no secret is written in the stack source",
    category: Category::Security,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV_AWS_46"],
    why: "A literal password, token or key in the stack source is in the repository's history forever, in every clone and fork, and in the generated files (Helm values, Terraform, inventories). Secrets belong in a `secret` resource, whose value lives in Secrets Manager and reaches the workload at runtime.",
    fix: "declare a `secret` with the key, list it in the workload's `secrets` (or read it from Secrets Manager in `user_data`), and rotate the exposed value",
    example: "secret \"payments\" {\n  keys = [\"STRIPE_API_KEY\"]\n}\n\nservice \"api\" {\n  image   = \"ghcr.io/acme/api:1.4.2\"\n  port    = 8080\n  secrets = [secret.payments]\n}",
    security_severity: Some(9.0),
    check: Check::Resource(&["service", "job", "cron_job", "static_site", "vm"], check),
};

/// Variable names that hold credentials, matched lowercased (the workspace builds `regex` without
/// its Unicode tables, so no `(?i)`).
static SECRET_NAME: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(password|passwd|secret|token|api_?key|private_?key|access_?key|credential)").ok());
/// Values that are credentials whatever their name: AWS access keys, private keys, GitHub and
/// Slack tokens.
static SECRET_VALUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"((A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,})").ok()
});

fn is_secret_value(v: &str) -> bool {
    SECRET_VALUE.as_ref().is_some_and(|r| r.is_match(v))
}

/// A literal that looks like a credential under a name that says it is one (not a reference, not
/// empty, not a placeholder like `changeme` shorter than 8 characters).
fn literal_secret(name: &str, value: &Text<'_>) -> bool {
    let Some(v) = value.known() else { return false };
    is_secret_value(v)
        || (SECRET_NAME.as_ref().is_some_and(|r| r.is_match(&name.to_ascii_lowercase()))
            && v.len() >= 8
            && !v.contains("://"))
}

fn check(s: &Subject<'_>, out: &mut Hits) {
    let env = match s.k8s {
        Some(KubernetesKind::Service(v)) => &v.container.env,
        Some(KubernetesKind::Job(v)) => &v.container.env,
        Some(KubernetesKind::CronJob(v)) => &v.container.env,
        Some(KubernetesKind::StaticSite(v)) => &v.container.env,
        _ => {
            if let Some(AwsKind::Vm(vm)) = s.aws {
                if vm.user_data.and_then(|u| u.known()).is_some_and(is_secret_value) {
                    let msg = format!("`{}` has a credential in its `user_data`", s.res.address);
                    out.hit(s.at("user_data"), msg);
                }
                for (name, value) in &vm.vars {
                    if literal_secret(name, value) {
                        out.only(s.at("vars"), format!("`{}` sets `{name}` to a literal secret", s.res.address), &[]);
                    }
                }
            }
            return;
        }
    };
    for (name, value) in env {
        if literal_secret(name, value) {
            out.only(s.at("env"), format!("`{}` sets `{name}` to a literal secret", s.res.address), &[]);
        }
    }
}
