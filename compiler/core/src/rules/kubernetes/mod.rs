//! Rules over the workloads realised on Kubernetes through the first-party chart, one per file.

mod cpu_limit;
mod default_namespace;
mod high_uid;
mod image_digest;
mod ingress_snippets;
mod network_policy;
mod non_root;
mod probes;
mod read_only_root;
mod replicas;
mod secrets_in_env;
mod zone_spread;

use super::Rule;
use crate::kinds::container::Container;
use crate::kinds::pod_security::PodSecurity;
use crate::kinds::serving::Serving;
use crate::kinds::static_site::Mode;
use crate::kinds::workload::Workload;
use crate::kinds::KubernetesKind;

pub(super) static RULES: &[&Rule] = &[
    &non_root::RULE,
    &high_uid::RULE,
    &read_only_root::RULE,
    &secrets_in_env::RULE,
    &image_digest::RULE,
    &ingress_snippets::RULE,
    &default_namespace::RULE,
    &probes::RULE,
    &cpu_limit::RULE,
    &replicas::RULE,
    &zone_spread::RULE,
    &network_policy::RULE,
];

/// The kinds the chart runs as pods (a static site only in `nginx` mode).
pub(super) const WORKLOADS: &[&str] = &["service", "static_site", "job", "cron_job"];

/// What the chart writes a pod from.
pub(super) struct Pod<'v, 'a> {
    pub workload: &'v Workload<'a>,
    pub container: &'v Container<'a>,
    pub security: &'v PodSecurity<'a>,
    /// Services and static sites: what they serve.
    pub serving: Option<&'v Serving<'a>>,
}

/// The pod of a workload the chart renders; `None` for add-ons and bucket-mode static sites.
pub(super) fn pod<'v, 'a>(k: Option<&'v KubernetesKind<'a>>) -> Option<Pod<'v, 'a>> {
    Some(match k? {
        KubernetesKind::Service(s) => {
            Pod { workload: &s.workload, container: &s.container, security: &s.pod_security, serving: Some(&s.serving) }
        }
        KubernetesKind::StaticSite(s) if s.mode == Mode::Nginx => {
            Pod { workload: &s.workload, container: &s.container, security: &s.pod_security, serving: Some(&s.serving) }
        }
        KubernetesKind::Job(j) => {
            Pod { workload: &j.workload, container: &j.container, security: &j.pod_security, serving: None }
        }
        KubernetesKind::CronJob(j) => {
            Pod { workload: &j.workload, container: &j.container, security: &j.pod_security, serving: None }
        }
        _ => return None,
    })
}
