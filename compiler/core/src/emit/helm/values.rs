//! The values of a release of stackc's `workload` chart, as types: the contract between this target
//! and `stdlib/charts/workload` (whose `values.schema.json` says the same in JSON Schema). Values
//! known only after apply are [`Str::Deferred`]: they serialize as a marker the target moves into the
//! environment's deferred-values manifest (see `deferred.rs`).

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::emit::deferred::{Part, Str};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub kind: &'static str,
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub selector: BTreeMap<String, String>,
    pub service_account: Option<ServiceAccount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_store: Option<SecretStore>,
    /// `None` once moved to the deferred-values manifest ([`Release::take_deferred`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_secrets: Option<Vec<ExternalSecret>>,
    #[serde(flatten)]
    pub workload: Option<Workload>,
}

#[derive(Debug, Serialize)]
pub struct ServiceAccount {
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct SecretStore {
    pub name: String,
    pub region: String,
}

impl Release {
    /// Moves every top-level key that holds a value known only after apply out of the release, as
    /// JSON for the deferred-values manifest; what stays is known now.
    pub fn take_deferred(&mut self) -> serde_json::Map<String, serde_json::Value> {
        let mut later = serde_json::Map::new();
        let mut take = |key: &str, v: serde_json::Result<serde_json::Value>| {
            if let Ok(v) = v {
                later.insert(key.to_owned(), v);
            }
        };
        if self.external_secrets.as_ref().is_some_and(|l| l.iter().any(ExternalSecret::is_deferred)) {
            take("externalSecrets", serde_json::to_value(self.external_secrets.take()));
        }
        if let Some(w) = self.workload.as_mut() {
            if w.env.as_ref().is_some_and(|e| e.values().any(Str::is_deferred)) {
                take("env", serde_json::to_value(w.env.take()));
            }
            if w.command.as_ref().is_some_and(|c| c.iter().any(Str::is_deferred)) {
                take("command", serde_json::to_value(w.command.take()));
            }
            if w.args.as_ref().is_some_and(|c| c.iter().any(Str::is_deferred)) {
                take("args", serde_json::to_value(w.args.take()));
            }
        }
        later
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalSecret {
    pub name: String,
    pub refresh_interval: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extract: Option<Str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<SecretKey>>,
}

impl ExternalSecret {
    fn is_deferred(&self) -> bool {
        self.extract.as_ref().is_some_and(Str::is_deferred)
            || self.data.as_ref().is_some_and(|d| d.iter().any(|k| k.remote_key.is_deferred()))
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretKey {
    pub secret_key: String,
    pub remote_key: Str,
    pub property: &'static str,
}

/// What every container workload (service, static_site, job, cron_job) has.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workload {
    pub image: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<Str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Str>>,
    /// `None` once moved to the deferred-values manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<BTreeMap<String, Str>>,
    pub env_secrets: Vec<String>,
    pub resources: Resources,
    pub security_context: SecurityContext,
    pub writable_paths: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_pool: Option<NodePool>,
    /// checkov checks the stack deliberately does not meet (`suppress`), with the reason.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub checkov_skips: BTreeMap<String, String>,
    pub network_policy: NetworkPolicy,
    #[serde(flatten)]
    pub serving: Option<Serving>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<Job>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cron_job: Option<CronJob>,
}

#[derive(Debug, Serialize)]
pub struct Resources {
    pub requests: BTreeMap<&'static str, String>,
    pub limits: BTreeMap<&'static str, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityContext {
    pub run_as_non_root: bool,
    pub run_as_user: i64,
    pub read_only_root_filesystem: bool,
}

#[derive(Debug, Serialize)]
pub struct NodePool {
    pub name: String,
    pub tolerations: Vec<Toleration>,
}

#[derive(Debug, Serialize)]
pub struct Toleration {
    pub key: String,
    pub operator: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub effect: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Serving {
    pub port: u16,
    pub protocol: &'static str,
    pub replicas: Replicas,
    pub autoscale_cpu: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probes: Option<Probes>,
    pub termination_grace_period_seconds: u64,
    pub spread: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdb: Option<Pdb>,
    pub rollout: Rollout,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Ingress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Metrics>,
}

#[derive(Debug, Serialize)]
pub struct Replicas {
    pub min: u64,
    pub max: u64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Probes {
    pub liveness: String,
    pub readiness: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup: Option<String>,
    pub period_seconds: u64,
    pub timeout_seconds: u64,
    pub initial_delay_seconds: u64,
    pub failure_threshold: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pdb {
    pub max_unavailable: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollout {
    pub strategy: &'static str,
    pub max_surge: String,
    pub max_unavailable: String,
    pub progress_deadline_seconds: u64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ingress {
    pub host: String,
    pub path: String,
    pub class_name: String,
    pub tls: bool,
    pub issuer: String,
    pub annotations: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct Metrics {
    pub path: String,
    pub port: u16,
    /// The kube-prometheus-stack release that should scrape it: its Prometheus selects
    /// ServiceMonitors labelled `release: <release>` by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
}

/// The NetworkPolicy: peers allowed in, and egress rules, as Kubernetes objects.
#[derive(Debug, Serialize)]
pub struct NetworkPolicy {
    pub ingress: Vec<Peer>,
    pub egress: Vec<EgressRule>,
}

/// A NetworkPolicyPeer; with no selector, every pod (`{}`).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Peer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace_selector: Option<Selector>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_selector: Option<Selector>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_block: Option<IpBlock>,
}

/// A label selector; with no labels, everything (`{}`).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<&'static str, String>,
}

#[derive(Debug, Serialize)]
pub struct IpBlock {
    pub cidr: String,
}

/// A NetworkPolicyEgressRule: to these peers, on these ports (all when none).
#[derive(Debug, Serialize)]
pub struct EgressRule {
    pub to: Vec<Peer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<PolicyPort>,
}

#[derive(Debug, Serialize)]
pub struct PolicyPort {
    pub protocol: &'static str,
    pub port: u16,
}

impl Peer {
    /// Every pod of namespace `name`.
    pub fn namespace(name: &str) -> Peer {
        Peer { namespace_selector: Some(Selector::label("kubernetes.io/metadata.name", name)), ..Peer::default() }
    }

    /// Pods labelled `key: value` in namespace `namespace`.
    pub fn pods(namespace: &str, key: &'static str, value: &str) -> Peer {
        Peer { pod_selector: Some(Selector::label(key, value)), ..Peer::namespace(namespace) }
    }

    /// Every pod of every namespace.
    pub fn all_namespaces() -> Peer {
        Peer { namespace_selector: Some(Selector::default()), ..Peer::default() }
    }

    /// Every address in `cidr`.
    pub fn cidr(cidr: impl Into<String>) -> Peer {
        Peer { ip_block: Some(IpBlock { cidr: cidr.into() }), ..Peer::default() }
    }
}

impl Selector {
    fn label(key: &'static str, value: &str) -> Selector {
        Selector { match_labels: BTreeMap::from([(key, value.to_owned())]) }
    }
}

impl EgressRule {
    pub fn to(peer: Peer) -> EgressRule {
        EgressRule { to: vec![peer], ports: Vec::new() }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub hook: &'static str,
    pub ttl_seconds_after_finished: u64,
    pub active_deadline_seconds: u64,
    pub backoff_limit: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CronJob {
    pub schedule: String,
    pub time_zone: String,
    pub concurrency_policy: &'static str,
    pub starting_deadline_seconds: u64,
    pub successful_jobs_history_limit: i64,
    pub failed_jobs_history_limit: i64,
    pub suspend: bool,
    pub active_deadline_seconds: u64,
    pub backoff_limit: i64,
}
