use std::sync::LazyLock;

use regex::Regex;

use crate::kinds::{AwsKind, KubernetesKind};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use crate::value::Value;
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
    check: Check::Resource(&["service", "job", "cron_job", "static_site", "vm", "addon", "host", "host_group"], check),
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

/// Names that hold where a secret is, not the secret: `DB_PASSWORD_ARN`, `SECRETS_MOUNT_PATH`.
const LOCATORS: [&str; 11] =
    ["_arn", "_path", "_file", "_dir", "_name", "_url", "_uri", "_id", "_region", "_host", "_endpoint"];

/// A literal that looks like a credential: one whatever its name (an AWS access key, a private key,
/// a GitHub or Slack token), or a value of 8 or more characters under a name that says it is one —
/// unless the value is a path, an ARN or a URL, or the name says it locates the secret.
fn literal_secret(name: &str, value: &str) -> bool {
    if is_secret_value(value) {
        return true;
    }
    let name = name.to_ascii_lowercase();
    // Helm charts name the Secret object that holds the value: `existingSecret`,
    // `existingPasswordSecret`, `passwordSecretKey`, `secretKeyRef`.
    let locator = LOCATORS.iter().any(|s| name.ends_with(s))
        || name.starts_with("existing")
        || ["secretname", "secretkey", "secretref", "keyref", "passwordkey"].iter().any(|s| name.contains(s));
    let reference = value.starts_with('/') || value.starts_with("arn:") || value.contains("://");
    !locator && !reference && value.len() >= 8 && SECRET_NAME.as_ref().is_some_and(|r| r.is_match(&name))
}

/// The names (`a.b.c`) of the literal secrets in a nested value: Helm values, inventory variables.
fn secrets_in(path: &str, name: &str, v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if literal_secret(name, s) => out.push(path.to_owned()),
        Value::Map(m) => {
            for (k, v) in m {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                secrets_in(&p, k, v, out);
            }
        }
        Value::List(items) => {
            for (i, v) in items.iter().enumerate() {
                secrets_in(&format!("{path}[{i}]"), name, v, out);
            }
        }
        _ => {}
    }
}

fn check(s: &Subject<'_>, out: &mut Hits) {
    let address = &s.res.address;
    // Add-ons' Helm `values`; workloads' `env`; VMs', hosts' and groups' `vars`.
    let attr = match s.k8s {
        Some(KubernetesKind::Addon(_)) => "values",
        _ if s.res.kind.attributes.contains_key("env") => "env",
        _ => "vars",
    };
    let mut found = Vec::new();
    secrets_in("", "", s.res.attr(attr), &mut found);
    for path in found {
        out.only(s.at(attr), format!("`{address}` sets `{path}` to a literal secret"), &[]);
    }
    if let Some(AwsKind::Vm(vm)) = s.aws {
        if vm.user_data.and_then(|u| u.known()).is_some_and(is_secret_value) {
            out.hit(s.at("user_data"), format!("`{address}` has a credential in its `user_data`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_but_not_their_locations() {
        assert!(literal_secret("STRIPE_API_KEY", "sk_live_51HxQ2eLkdIwHu7ixOtZ"));
        assert!(literal_secret("adminPassword", "S3cr3t-Pr0d-Passw0rd"));
        assert!(literal_secret("ANYTHING", "AKIAQYLPMN5HFIQR7XYA"));
        assert!(!literal_secret("SECRETS_MOUNT_PATH", "/var/run/secrets/app"));
        assert!(!literal_secret("AWS_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:x"));
        assert!(!literal_secret("TOKEN_URL", "https://auth.example.com/token"));
        assert!(!literal_secret("existingPasswordSecret", "rabbitmq-credentials"));
        assert!(!literal_secret("passwordSecretKey", "rabbitmq-password"));
        assert!(!literal_secret("DB_PASSWORD", "changeme"[..4].as_ref()), "shorter than 8 characters");
        let values = Value::Map(
            [(
                "grafana".to_owned(),
                Value::Map(
                    [("adminPassword".to_owned(), Value::String("S3cr3t-Pr0d-Passw0rd".into()))].into_iter().collect(),
                ),
            )]
            .into_iter()
            .collect(),
        );
        let mut found = Vec::new();
        secrets_in("", "", &values, &mut found);
        assert_eq!(found, ["grafana.adminPassword"]);
    }
}
