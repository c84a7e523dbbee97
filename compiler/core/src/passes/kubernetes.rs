//! What Kubernetes (or the cluster's ingress controller) would refuse or silently break in the Helm
//! releases, found on the graph (E0705): two releases of one name in a namespace (their objects — the
//! Deployment, the Service — would be one), two workloads sharing a service account (and so an AWS
//! role), two ingresses on one host and path of a cluster (the controller routes to either). And an
//! External Secrets operator too old to serve the `external-secrets.io/v1` API the workload chart
//! writes (E0706).

use std::collections::hash_map::{Entry, HashMap};

use foldhash::fast::FixedState;

use stackc_syntax::{Code, Diagnostic};

use crate::bridge;
use crate::graph::{EnvGraph, Resource};
use crate::value::Value;

pub fn run<'a>(env: &'a EnvGraph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The default namespace is the environment's name: shown as a placeholder, so one collision is
    // one report for every environment.
    let shown = |ns: &'a str| if ns == env.name { "<environment>" } else { ns };
    // What two workloads must not share, by its parts (a namespace or host, a name or path, the
    // cluster): formatted only for a report. Only looked up: diagnostics follow the resources' order.
    type Key<'a> = (&'static str, &'a str, String, &'a str);
    let mut claims: HashMap<Key<'a>, &'a Resource, FixedState> = HashMap::default();
    let mut claim = |key: Key<'a>, res: &'a Resource, out: &mut Vec<Diagnostic>| {
        let e = match claims.entry(key) {
            Entry::Occupied(e) => e,
            Entry::Vacant(v) => {
                v.insert(res);
                return;
            }
        };
        let (first, &(what, a, ref b, cluster)) = (*e.get(), e.key());
        if first.address != res.address {
            let route = what == "the ingress route";
            let key = if route { format!("`{a}{b}` on `{cluster}`") } else { format!("`{a}/{b}` on `{cluster}`") };
            out.push(
                Diagnostic::error(Code::E0705, format!("two workloads would have {what} {key}"))
                    .primary(res.span, format!("`{}` has {what} {key}", res.address))
                    .secondary(first.span, format!("and so has `{}`", first.address))
                    .help(if route {
                        "give one of them another `host` or `path`"
                    } else {
                        "rename one of them, or put it in another `namespace`"
                    }),
            );
        }
    };
    for res in env.resources() {
        let kind = res.kind.name.as_str();
        if !matches!(kind, "service" | "static_site" | "job" | "cron_job" | "addon") {
            continue;
        }
        if kind == "static_site" && res.attr("mode").as_str() == Some("bucket") {
            continue;
        }
        let (Value::Ref(cluster), Some(namespace)) = (res.attr("cluster"), res.attr("namespace").as_str()) else {
            continue;
        };
        let ns = shown(namespace);
        let release = match (kind, res.attr("release").as_str()) {
            ("addon", Some(r)) => r.to_owned(),
            _ => crate::emit::helm::release_name(res),
        };
        claim(("the Helm release", ns, release, cluster), res, &mut out);
        let account = match kind {
            "addon" => res.attr("service_account").as_str().map(str::to_owned),
            _ => Some(bridge::identity::service_account(res)),
        };
        if let Some(account) = account {
            claim(("the service account", ns, account, cluster), res, &mut out);
        }
        if let Some(ingress) = res.blocks("ingress").first() {
            if let (Some(host), Some(path)) = (ingress.attr("host").as_str(), ingress.attr("path").as_str()) {
                claim(("the ingress route", host, path.to_owned(), cluster), res, &mut out);
            }
        }
    }
    out.extend(external_secrets_version(env));
    out
}

/// The oldest External Secrets operator serving `external-secrets.io/v1` (v0.16.2; 0.17 stopped
/// serving v1beta1).
const EXTERNAL_SECRETS_V1: (u64, u64, u64) = (0, 16, 2);

fn external_secrets_version(env: &EnvGraph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for addon in env.of_kind("addon").filter(|a| a.attr("chart").as_str() == Some("external-secrets")) {
        let Some(version) = addon.attr("version").as_str() else { continue };
        let mut parts = version.trim_start_matches('v').split(['.', '-', '+']).map(|p| p.parse::<u64>().unwrap_or(0));
        let v = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        if v < EXTERNAL_SECRETS_V1 {
            out.push(
                Diagnostic::error(
                    Code::E0706,
                    format!("external-secrets {version} does not serve the external-secrets.io/v1 API"),
                )
                .primary(
                    addon.attr_span("version"),
                    "stackc's ExternalSecrets and SecretStores are external-secrets.io/v1",
                )
                .help("use chart 0.16.2 or later (v1 is served from 0.16.2; 0.17 dropped v1beta1), like \"2.10.0\""),
            );
        }
    }
    out
}
