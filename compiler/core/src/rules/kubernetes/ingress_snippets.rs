use crate::kinds::KubernetesKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC136",
    name: "ingress-snippets",
    title: "ingress annotations inject no NGINX configuration",
    category: Category::Security,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV_K8S_153", "CKV_K8S_152", "CKV_K8S_154"],
    why: "`*-snippet` annotations paste raw configuration into ingress-nginx, which runs with a service account that can read every Secret in the cluster (CVE-2021-25742, CVE-2025-1974); Lua code or `alias` directives in them read arbitrary files. Anyone who can create an Ingress then owns the cluster.",
    fix: "remove the snippet annotation and use the dedicated annotation or a ConfigMap setting of the controller",
    example: "service \"api\" {\n  image = \"ghcr.io/acme/api:1.4.2\"\n  port  = 8080\n  ingress {\n    host        = \"api.example.com\"\n    annotations = { \"nginx.ingress.kubernetes.io/proxy-body-size\" = \"10m\" }\n  }\n}",
    security_severity: Some(8.0),
    check: Check::Resource(&["service", "static_site"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let serving = match s.k8s {
        Some(KubernetesKind::Service(v)) => &v.serving,
        Some(KubernetesKind::StaticSite(v)) => &v.serving,
        _ => return,
    };
    let Some(ingress) = &serving.ingress else { return };
    for (key, value) in &ingress.annotations {
        if !key.contains("snippet") {
            continue;
        }
        let value = value.known().unwrap_or_default();
        let mut ids = vec!["CKV_K8S_153"];
        if value.contains("lua_") || value.contains("kubernetes.io") {
            ids.push("CKV_K8S_152");
        }
        if value.contains("alias") {
            ids.push("CKV_K8S_154");
        }
        let span = ingress.block.attr_span("annotations");
        out.only(span, format!("`{}` injects NGINX configuration through `{key}`", s.res.address), &ids);
    }
}
