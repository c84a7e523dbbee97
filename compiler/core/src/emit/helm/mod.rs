//! Kubernetes through Helm: `<env>/helm/` for every environment and the first-party chart in
//! `charts/workload/`.
//!
//! Services, static sites (nginx mode), jobs and cron jobs become releases of stackc's `workload`
//! chart (`stdlib/charts/workload`, emitted with the output so it is self-contained), each with a
//! values file written from the kind's typed view to the chart's contract ([`values`]). Add-ons become
//! releases of their community charts at the pinned version, with the stack's values, and — when they
//! use AWS buckets or secrets — a small `<addon>-stackc` release of the workload chart holding their
//! service account, SecretStore and ExternalSecrets. `helmfile.yaml` lists them with `needs:` that
//! follow the dependency graph and the CRDs a release uses (External Secrets, Prometheus operator),
//! pre-deploy jobs before the services of their namespace and post-deploy ones after.
//!
//! Values known only after apply go to the deferred-values manifest ([`deferred`]); credentials reach
//! pods only through ExternalSecrets from Secrets Manager, never through a values file.

mod chart;
pub mod values;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value as Json};
use stackc_syntax::Diagnostic;

use self::values::{Part, Str};
use super::{deferred, header, Artifact, Emitter};
use crate::bridge;
use crate::graph::{EnvGraph, Resource};
use crate::kinds::{self, KubernetesKind, Text, ViewError};
use crate::schema::Target;
use crate::value::{format_number, DeferredPart, Value};
use crate::Compilation;

/// The Helm target: `<env>/helm/` and `charts/workload/`.
pub struct Helm;

impl Emitter for Helm {
    fn name(&self) -> &'static str {
        "helm"
    }

    fn realises(&self) -> Target {
        Target::Kubernetes
    }

    fn kinds(&self) -> &'static [&'static str] {
        KubernetesKind::KINDS
    }

    fn emit_stack(&self, c: &Compilation) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        // The chart is written only for a stack that runs something on Kubernetes.
        let used = c.graphs().any(|g| g.resources().iter().any(|r| r.kind.target == Target::Kubernetes));
        Ok(if used { chart::artifacts() } else { Vec::new() })
    }

    fn emit_env(&self, env: &EnvGraph) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        lower(env)
    }
}

fn yaml(v: &impl serde::Serialize) -> Result<String, ViewError> {
    super::yaml::to_string(v).map_err(|e| ViewError {
        address: String::new(),
        path: "helm values".into(),
        expected: "values YAML can represent",
        found: Box::leak(e.to_string().into_boxed_str()),
    })
}

/// One release of the environment's helmfile.
struct Release {
    namespace: String,
    name: String,
    /// The stack resource it comes from.
    address: String,
    cluster: String,
    chart: String,
    version: Option<String>,
    create_namespace: bool,
    wait: bool,
    timeout: u64,
    /// Values files relative to `<env>/helm/`, in order.
    values: Vec<String>,
    /// Other releases' `namespace/name`, before this one.
    needs: BTreeSet<String>,
    /// Whether it creates ExternalSecrets (then it needs the External Secrets operator's CRDs).
    uses_secrets: bool,
}

impl Release {
    fn id(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// What the environment's releases are built from.
struct Lowering<'a> {
    env: &'a EnvGraph,
    releases: Vec<Release>,
    files: Vec<Artifact>,
    deferred: Vec<deferred::ManifestOverlay>,
    outputs: BTreeMap<String, String>,
    /// Serving workloads' NetworkPolicies, computed with their serving values.
    policies: BTreeMap<String, values::NetworkPolicy>,
}

/// The Helm artifacts of one environment; empty when nothing runs on Kubernetes there.
pub fn lower(env: &EnvGraph) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut l = Lowering {
        env,
        releases: Vec::new(),
        files: Vec::new(),
        deferred: Vec::new(),
        outputs: BTreeMap::new(),
        policies: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    for res in env.resources() {
        let result = match KubernetesKind::view(res) {
            Ok(Some(view)) => l.resource(&view),
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            errors.push(e.diagnostic(Some(res)));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if l.releases.is_empty() {
        return Ok(Vec::new());
    }
    l.order();
    match l.finish() {
        Ok(files) => Ok(files),
        Err(e) => Err(vec![e.diagnostic(None)]),
    }
}

impl<'a> Lowering<'a> {
    fn resource(&mut self, view: &KubernetesKind<'a>) -> Result<(), ViewError> {
        match view {
            KubernetesKind::Service(s) => {
                let metrics = s.metrics_path.map(|p| (p, s.metrics_port.unwrap_or(s.serving.port).get()));
                let serving =
                    self.serving(s.resource, &s.serving, &s.workload, s.protocol.as_str(), &s.allow_from, metrics)?;
                self.workload(
                    s.resource,
                    "service",
                    &s.workload,
                    &s.container,
                    &s.pod_security,
                    Some(&s.access),
                    serving,
                    None,
                    None,
                )
            }
            KubernetesKind::StaticSite(s) => {
                if s.mode == kinds::static_site::Mode::Bucket {
                    return Ok(());
                }
                let serving = self.serving(s.resource, &s.serving, &s.workload, "http", &[], None)?;
                self.workload(
                    s.resource,
                    "static_site",
                    &s.workload,
                    &s.container,
                    &s.pod_security,
                    None,
                    serving,
                    None,
                    None,
                )
            }
            KubernetesKind::Job(j) => {
                let job = values::Job {
                    hook: match j.phase {
                        kinds::job::Phase::PreDeploy => "pre",
                        kinds::job::Phase::PostDeploy => "post",
                    },
                    ttl_seconds_after_finished: j.ttl.seconds(),
                    active_deadline_seconds: j.batch.timeout.seconds(),
                    backoff_limit: j.batch.retries,
                };
                self.workload(
                    j.resource,
                    "job",
                    &j.workload,
                    &j.container,
                    &j.pod_security,
                    Some(&j.access),
                    None,
                    Some(job),
                    None,
                )
            }
            KubernetesKind::CronJob(c) => {
                let cron = values::CronJob {
                    schedule: c.schedule.require(c.resource, "schedule")?.to_owned(),
                    time_zone: c.timezone.require(c.resource, "timezone")?.to_owned(),
                    concurrency_policy: match c.concurrency {
                        kinds::cron_job::Concurrency::Allow => "Allow",
                        kinds::cron_job::Concurrency::Forbid => "Forbid",
                        kinds::cron_job::Concurrency::Replace => "Replace",
                    },
                    starting_deadline_seconds: c.starting_deadline.seconds(),
                    successful_jobs_history_limit: c.history,
                    failed_jobs_history_limit: c.history,
                    suspend: c.suspend,
                    active_deadline_seconds: c.batch.timeout.seconds(),
                    backoff_limit: c.batch.retries,
                };
                self.workload(
                    c.resource,
                    "cron_job",
                    &c.workload,
                    &c.container,
                    &c.pod_security,
                    Some(&c.access),
                    None,
                    None,
                    Some(cron),
                )
            }
            KubernetesKind::Addon(a) => self.addon(a),
        }
    }

    /// A string attribute: literal, or a template of Terraform outputs (outputs of other targets are
    /// known here, like a service's in-cluster URL).
    fn text(&mut self, t: Text<'_>) -> Result<Str, ViewError> {
        match t {
            Text::Known(s) => Ok(Str::Known(s.to_owned())),
            Text::Deferred(d) => {
                let mut parts = Vec::new();
                for p in &d.parts {
                    parts.push(match p {
                        DeferredPart::Literal(s) => Part::Text(s.clone()),
                        DeferredPart::Output { resource, output } => self.output(resource, output)?,
                    });
                }
                Ok(Str::from_parts(parts))
            }
        }
    }

    /// An output another resource provides: a Terraform output (an AWS resource's, by its bridge
    /// name and declared type), or a value this target knows (a service's URL).
    fn output(&mut self, address: &str, output: &str) -> Result<Part, ViewError> {
        let unknown = || ViewError {
            address: address.to_owned(),
            path: output.to_owned(),
            expected: "an output a target provides",
            found: "an output no target writes",
        };
        let res = self.env.get(address).ok_or_else(unknown)?;
        match (res.kind.target, res.kind.name.as_str(), output) {
            (Target::Aws, _, _) => {
                deferred::terraform_part(self.env, address, output, &mut self.outputs).ok_or_else(unknown)
            }
            (Target::Kubernetes, "service", "url") => {
                let port = res.attr("port").as_number().map(format_number).unwrap_or_default();
                let namespace = res.attr("namespace").as_str().unwrap_or("default");
                let scheme = if res.attr("protocol").as_str() == Some("grpc") { "grpc" } else { "http" };
                Ok(Part::Text(bridge::kubernetes::service_url(scheme, &release_name(res), namespace, &port)))
            }
            _ => Err(unknown()),
        }
    }

    fn labels(&self, res: &Resource) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("app.kubernetes.io/part-of".to_owned(), self.env.stack.name.clone()),
            ("app.kubernetes.io/managed-by".to_owned(), "Helm".to_owned()),
            ("stackc.dev/environment".to_owned(), self.env.name.clone()),
            ("stackc.dev/resource".to_owned(), res.address.clone()),
        ])
    }

    fn selector(name: &str) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("app.kubernetes.io/name".to_owned(), name.to_owned()),
            ("app.kubernetes.io/instance".to_owned(), name.to_owned()),
        ])
    }

    /// The ExternalSecrets of a workload: one per stack secret (every key of its JSON object) and one
    /// per database (the RDS-managed master credentials as `<NAME>_DB_USER` / `<NAME>_DB_PASSWORD`).
    fn external_secrets(
        &mut self,
        name: &str,
        secrets: &[kinds::Ref<kinds::secret::Secret>],
        databases: &[kinds::Ref<kinds::database::Database>],
        same_name: bool,
    ) -> Result<Vec<values::ExternalSecret>, ViewError> {
        let mut out = Vec::new();
        for s in secrets {
            let res = s.resource(self.env)?;
            let k8s_name = if same_name { res.qualified_name() } else { object_name(&[name, &res.qualified_name()]) };
            out.push(values::ExternalSecret {
                name: k8s_name,
                refresh_interval: "1h",
                extract: Some(Str::Known(bridge::secret_name(self.env, res))),
                data: None,
            });
        }
        for d in databases {
            let res = d.resource(self.env)?;
            let arn = self.output(&res.address, "secret_arn")?;
            let prefix = res.qualified_name().to_uppercase().replace('-', "_");
            let remote = Str::Deferred(vec![arn]);
            out.push(values::ExternalSecret {
                name: object_name(&[name, &res.qualified_name(), "db"]),
                refresh_interval: "1h",
                extract: None,
                data: Some(vec![
                    values::SecretKey {
                        secret_key: format!("{prefix}_DB_USER"),
                        remote_key: remote.clone(),
                        property: "username",
                    },
                    values::SecretKey {
                        secret_key: format!("{prefix}_DB_PASSWORD"),
                        remote_key: remote,
                        property: "password",
                    },
                ]),
            });
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn workload(
        &mut self,
        res: &'a Resource,
        kind: &'static str,
        workload: &kinds::workload::Workload,
        container: &kinds::container::Container,
        security: &kinds::pod_security::PodSecurity,
        access: Option<&kinds::access::Access>,
        serving: Option<values::Serving>,
        job: Option<values::Job>,
        cron_job: Option<values::CronJob>,
    ) -> Result<(), ViewError> {
        let Some(cluster) = workload.cluster else { return Ok(()) };
        let cluster = cluster.resource(self.env)?;
        let name = release_name(res);
        let namespace = workload.namespace.require(res, "namespace")?.to_owned();
        let image = container.image.ok_or_else(|| ViewError {
            address: res.address.clone(),
            path: "image".into(),
            expected: "an image",
            found: "none",
        })?;
        let databases = access.map(|a| a.databases.as_slice()).unwrap_or(&[]);
        let external_secrets = self.external_secrets(&name, &container.secrets, databases, false)?;
        let mut env = BTreeMap::new();
        for (k, v) in &container.env {
            env.insert((*k).to_owned(), self.text(*v)?);
        }
        let texts = |l: &mut Self, list: &Option<Vec<Text>>| -> Result<Option<Vec<Str>>, ViewError> {
            list.as_ref().map(|items| items.iter().map(|t| l.text(*t)).collect()).transpose()
        };
        let command = texts(self, &container.command)?;
        let args = texts(self, &container.args)?;
        let mut limits = BTreeMap::from([("memory", container.memory_limit.to_string())]);
        if let Some(cpu) = container.cpu_limit {
            limits.insert("cpu", cpu.to_string());
        }
        let node_pool = match serving.as_ref().and(workload_node_pool(res)) {
            Some(pool) => Some(self.node_pool(cluster, &pool)?),
            None => None,
        };
        let network_policy = match self.policies.remove(&res.address) {
            Some(p) => p,
            None => {
                let inbound = Inbound { serving: None, ingress: false, metrics: false, allow_from: &[] };
                self.network_policy(res, cluster, &namespace, &inbound)?
            }
        };
        let checkov_skips = res
            .checkov_skips()
            .into_iter()
            .filter(|(check, _)| check.starts_with("CKV_K8S_") || check.starts_with("CKV2_K8S_"))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let values = values::Release {
            kind,
            name: name.clone(),
            labels: self.labels(res),
            selector: Self::selector(&name),
            service_account: Some(values::ServiceAccount { name: bridge::identity::service_account(res) }),
            secret_store: (!external_secrets.is_empty())
                .then(|| values::SecretStore { name: object_name(&[&name, "aws"]), region: self.env.region.clone() }),
            external_secrets: Some(external_secrets),
            workload: Some(values::Workload {
                image: image.to_string(),
                command,
                args,
                env: Some(env),
                env_secrets: Vec::new(),
                resources: values::Resources {
                    requests: BTreeMap::from([
                        ("cpu", container.cpu.to_string()),
                        ("memory", container.memory.to_string()),
                    ]),
                    limits,
                },
                security_context: values::SecurityContext {
                    run_as_non_root: security.run_as_non_root,
                    run_as_user: security.run_as_user,
                    read_only_root_filesystem: security.read_only_root_filesystem,
                },
                writable_paths: kinds::require_all(&security.writable_paths, res, "writable_paths")?
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                node_pool,
                checkov_skips,
                network_policy,
                serving,
                job,
                cron_job,
            }),
        };
        let mut values = values;
        let uses_secrets = values.external_secrets.as_ref().is_some_and(|e| !e.is_empty());
        if let Some(w) = values.workload.as_mut() {
            w.env_secrets = values.external_secrets.iter().flatten().map(|e| e.name.clone()).collect();
        }
        let deferred = self.release_values(&namespace, &name, values)?;
        let mut release = Release {
            namespace,
            name,
            address: res.address.clone(),
            cluster: cluster.address.clone(),
            chart: "../../charts/workload".into(),
            version: None,
            create_namespace: true,
            wait: true,
            timeout: 600,
            values: Vec::new(),
            needs: BTreeSet::new(),
            uses_secrets,
        };
        release.values = self.values_paths(&release, deferred);
        self.releases.push(release);
        Ok(())
    }

    /// Writes the values file of a release of the workload chart, straight from its typed values,
    /// and records its deferred keys; returns whether it has any.
    fn release_values(&mut self, namespace: &str, name: &str, mut values: values::Release) -> Result<bool, ViewError> {
        let later = values.take_deferred();
        let text = format!("{}{}", header(self.env), yaml(&values)?);
        self.files.push(Artifact { path: format!("{}/helm/values/{name}.yaml", self.env.name), contents: text });
        Ok(self.record_deferred(namespace, name, later))
    }

    /// Adds a release's deferred keys to the manifest; returns whether there are any.
    fn record_deferred(&mut self, namespace: &str, name: &str, later: Map<String, Json>) -> bool {
        for v in later.values() {
            deferred::outputs(v, &mut self.outputs);
        }
        if later.is_empty() {
            return false;
        }
        self.deferred.push(deferred::ManifestOverlay {
            name: format!("{namespace}/{name}"),
            file: format!("deferred/{name}.yaml"),
            values: later,
        });
        true
    }

    /// Writes an add-on's values file (any JSON) and records its deferred keys; returns whether it
    /// has any.
    fn values_file(
        &mut self,
        res: &Resource,
        namespace: &str,
        name: &str,
        values: &impl serde::Serialize,
    ) -> Result<bool, ViewError> {
        let tree = serde_json::to_value(values).map_err(|e| ViewError {
            address: res.address.clone(),
            path: "values".into(),
            expected: "values JSON can represent",
            found: Box::leak(e.to_string().into_boxed_str()),
        })?;
        let (known, later) = deferred::split(tree);
        let text = format!("{}{}", header(self.env), yaml(&known)?);
        self.files.push(Artifact { path: format!("{}/helm/values/{name}.yaml", self.env.name), contents: text });
        Ok(self.record_deferred(namespace, name, later))
    }

    fn values_paths(&self, release: &Release, deferred: bool) -> Vec<String> {
        let mut v = vec![format!("values/{}.yaml", release.name)];
        if deferred {
            v.push(format!("deferred/{}.yaml", release.name));
        }
        v
    }

    fn node_pool(&self, cluster: &Resource, pool: &str) -> Result<values::NodePool, ViewError> {
        let block =
            cluster.blocks("node_pool").iter().find(|b| b.label.as_deref() == Some(pool)).ok_or_else(|| ViewError {
                address: cluster.address.clone(),
                path: format!("node_pool.{pool}"),
                expected: "a node pool of the cluster",
                found: "none",
            })?;
        let mut tolerations = Vec::new();
        for t in block.attr("taints").as_list().unwrap_or(&[]) {
            let field = |k: &str| t.as_map().and_then(|m| m.get(k)).and_then(Value::as_str).map(str::to_owned);
            tolerations.push(values::Toleration {
                key: field("key").unwrap_or_default(),
                operator: "Equal",
                value: field("value"),
                effect: match field("effect").as_deref() {
                    Some("NoExecute") => "NoExecute",
                    Some("PreferNoSchedule") => "PreferNoSchedule",
                    _ => "NoSchedule",
                },
            });
        }
        Ok(values::NodePool { name: pool.to_owned(), tolerations })
    }

    fn serving(
        &mut self,
        res: &Resource,
        s: &kinds::serving::Serving,
        workload: &kinds::workload::Workload,
        protocol: &'static str,
        allow_from: &[kinds::Ref<kinds::service::Service>],
        metrics: Option<(Text, u16)>,
    ) -> Result<Option<values::Serving>, ViewError> {
        let Some(cluster) = workload.cluster else { return Ok(None) };
        let cluster = cluster.resource(self.env)?;
        let namespace = workload.namespace.require(res, "namespace")?;
        let min = s.replicas.min.max(0.0) as u64;
        let max = s.replicas.max.max(0.0) as u64;
        let probes = match &s.health {
            Some(h) => Some(values::Probes {
                liveness: h.liveness.require(res, "health.liveness")?.to_owned(),
                readiness: h.readiness.require(res, "health.readiness")?.to_owned(),
                startup: h.startup.map(|p| p.require(res, "health.startup")).transpose()?.map(str::to_owned),
                period_seconds: h.interval.seconds(),
                timeout_seconds: h.timeout.seconds(),
                initial_delay_seconds: h.initial_delay.seconds(),
                failure_threshold: h.failure_threshold,
            }),
            None => None,
        };
        // Without a rollout block, the stdlib's documented defaults.
        let rollout = match &s.rollout {
            Some(r) => values::Rollout {
                strategy: match r.strategy {
                    kinds::serving::Strategy::Rolling => "rolling",
                    kinds::serving::Strategy::Recreate => "recreate",
                },
                max_surge: r.max_surge.require(res, "rollout.max_surge")?.to_owned(),
                max_unavailable: r.max_unavailable.require(res, "rollout.max_unavailable")?.to_owned(),
                progress_deadline_seconds: r.progress_deadline.seconds(),
            },
            None => values::Rollout {
                strategy: "rolling",
                max_surge: "25%".into(),
                max_unavailable: "0".into(),
                progress_deadline_seconds: 600,
            },
        };
        let ingress = match &s.ingress {
            Some(i) => Some(values::Ingress {
                host: i.host.require(res, "ingress.host")?.to_owned(),
                path: i.path.require(res, "ingress.path")?.to_owned(),
                class_name: i.class.require(res, "ingress.class")?.to_owned(),
                tls: i.tls,
                issuer: i.issuer.require(res, "ingress.issuer")?.to_owned(),
                annotations: i
                    .annotations
                    .iter()
                    .map(|(k, v)| Ok(((*k).to_owned(), v.require(res, "ingress.annotations")?.to_owned())))
                    .collect::<Result<_, ViewError>>()?,
            }),
            None => None,
        };
        let metrics = match metrics {
            Some((path, port)) => Some(values::Metrics {
                path: path.require(res, "metrics_path")?.to_owned(),
                port,
                release: bridge::kubernetes::monitoring_release(self.env, cluster),
            }),
            None => None,
        };
        let inbound = Inbound { serving: Some(s), ingress: ingress.is_some(), metrics: metrics.is_some(), allow_from };
        self.policies.insert(res.address.clone(), self.network_policy(res, cluster, namespace, &inbound)?);
        Ok(Some(values::Serving {
            port: s.port.get(),
            protocol,
            replicas: values::Replicas { min, max },
            autoscale_cpu: s.autoscale_cpu,
            probes,
            termination_grace_period_seconds: s.termination_grace.seconds(),
            spread: match s.spread {
                kinds::serving::Spread::None => "none",
                kinds::serving::Spread::Host => "host",
                kinds::serving::Spread::Zone => "zone",
            },
            pdb: (min >= 2).then_some(values::Pdb { max_unavailable: s.pdb_max_unavailable }),
            rollout,
            ingress,
            metrics,
        }))
    }

    /// The NetworkPolicy: inbound per `network_policy` (the ingress controller only for a workload
    /// with an ingress, monitoring only with metrics, `allow_from` services by namespace and pod
    /// labels), outbound per `egress` — DNS always, the Pod Identity agent for a workload with an AWS
    /// role, then anywhere, the cluster and its network, or nothing, plus `egress_cidrs`.
    fn network_policy(
        &self,
        res: &Resource,
        cluster: &Resource,
        namespace: &str,
        inbound: &Inbound,
    ) -> Result<values::NetworkPolicy, ViewError> {
        use values::{EgressRule, Peer};
        let ingress_ns = bridge::kubernetes::ingress_controller_namespace(self.env, cluster);
        let monitoring_ns = bridge::kubernetes::monitoring_namespace(self.env, cluster);
        let mut ingress = Vec::new();
        // A job's pods accept no connections and reach anywhere (migrations, exports).
        let Some(s) = inbound.serving else {
            let mut egress = base_egress(res);
            egress.push(EgressRule::to(Peer::cidr("0.0.0.0/0")));
            return Ok(values::NetworkPolicy { ingress, egress });
        };
        match s.network_policy {
            kinds::serving::NetworkPolicy::Permissive => ingress.push(Peer::default()),
            kinds::serving::NetworkPolicy::Namespace => {
                ingress.push(Peer::namespace(namespace));
                ingress.push(Peer::namespace(&ingress_ns));
                ingress.push(Peer::namespace(&monitoring_ns));
            }
            kinds::serving::NetworkPolicy::DefaultDeny => {
                if inbound.ingress {
                    ingress.push(Peer::namespace(&ingress_ns));
                }
                if inbound.metrics {
                    ingress.push(Peer::namespace(&monitoring_ns));
                }
                for peer in inbound.allow_from {
                    let peer = peer.resource(self.env)?;
                    let peer_ns = peer.attr("namespace").as_str().unwrap_or(namespace);
                    ingress.push(Peer::pods(peer_ns, "app.kubernetes.io/instance", &release_name(peer)));
                }
            }
        }
        let mut egress = base_egress(res);
        match s.egress {
            kinds::serving::Egress::All => egress.push(EgressRule::to(Peer::cidr("0.0.0.0/0"))),
            kinds::serving::Egress::Cluster => {
                egress.push(EgressRule::to(Peer::all_namespaces()));
                if let Value::Ref(net) = cluster.attr("network") {
                    if let Some(Value::Cidr(c)) = self.env.get(net).map(|n| n.attr("cidr")) {
                        egress.push(EgressRule::to(Peer::cidr(c.to_string())));
                    }
                }
            }
            kinds::serving::Egress::None => {}
        }
        for cidr in &s.egress_cidrs {
            egress.push(EgressRule::to(Peer::cidr(cidr.to_string())));
        }
        Ok(values::NetworkPolicy { ingress, egress })
    }

    fn addon(&mut self, a: &kinds::addon::Addon<'a>) -> Result<(), ViewError> {
        let res = a.resource;
        let cluster = a.cluster.resource(self.env)?;
        let namespace = a.namespace.require(res, "namespace")?.to_owned();
        let name = match a.release {
            Some(r) => r.require(res, "release")?.to_owned(),
            None => release_name(res),
        };
        let repository = a.repository.require(res, "repository")?;
        let chart = a.chart.require(res, "chart")?;
        let mut needs = BTreeSet::new();

        // The add-on's service account and secrets come from a small release of the workload chart.
        let secrets = self.external_secrets(&name, &a.secrets, &[], true)?;
        let service_account = a.service_account.map(|s| s.require(res, "service_account")).transpose()?;
        if service_account.is_some() || !secrets.is_empty() {
            let support = object_name(&[&name, "stackc"]);
            let values = values::Release {
                kind: "addon_support",
                name: support.clone(),
                labels: self.labels(res),
                selector: Self::selector(&support),
                service_account: service_account.map(|s| values::ServiceAccount { name: s.to_owned() }),
                secret_store: (!secrets.is_empty()).then(|| values::SecretStore {
                    name: object_name(&[&name, "aws"]),
                    region: self.env.region.clone(),
                }),
                external_secrets: Some(secrets),
                workload: None,
            };
            let uses_secrets = values.external_secrets.as_ref().is_some_and(|e| !e.is_empty());
            let deferred = self.release_values(&namespace, &support, values)?;
            let mut release = Release {
                namespace: namespace.clone(),
                name: support,
                address: res.address.clone(),
                cluster: cluster.address.clone(),
                chart: "../../charts/workload".into(),
                version: None,
                create_namespace: a.create_namespace,
                wait: true,
                timeout: 300,
                values: Vec::new(),
                needs: BTreeSet::new(),
                uses_secrets,
            };
            release.values = self.values_paths(&release, deferred);
            needs.insert(release.id());
            self.releases.push(release);
        }

        let values = self.stack_values(res, a.values)?;
        let deferred = self.values_file(res, &namespace, &name, &values)?;
        let mut release = Release {
            namespace,
            name,
            address: res.address.clone(),
            cluster: cluster.address.clone(),
            chart: format!("{}/{chart}", repository_name(repository)),
            version: Some(a.version.require(res, "version")?.to_owned()),
            create_namespace: a.create_namespace,
            wait: a.wait,
            timeout: a.timeout.seconds(),
            values: Vec::new(),
            needs,
            uses_secrets: false,
        };
        release.values = self.values_paths(&release, deferred);
        self.releases.push(release);
        Ok(())
    }

    /// An add-on's `values` as JSON, its deferred strings as templates of Terraform outputs.
    fn stack_values(&mut self, res: &Resource, v: &Value) -> Result<Json, ViewError> {
        deferred::to_json(v, &mut |d| self.text(Text::Deferred(d)), &mut |address| {
            Err(ViewError {
                address: res.address.clone(),
                path: "values".into(),
                expected: "a value (write `<kind>.<name>.<output>` for what a chart needs)",
                found: Box::leak(format!("a reference to `{address}`").into_boxed_str()),
            })
        })
    }

    /// `needs:` from the dependency graph, the CRDs a release uses, and deploy-time job phases.
    fn order(&mut self) {
        let by_address: BTreeMap<String, Vec<String>> = self.releases.iter().fold(BTreeMap::new(), |mut m, r| {
            m.entry(r.address.clone()).or_default().push(r.id());
            m
        });
        let main_release = |address: &str| -> Option<String> {
            // An add-on's own release is its last (after its support release).
            by_address.get(address).and_then(|ids| ids.last().cloned())
        };
        let addon_release = |env: &EnvGraph, cluster: &str, chart: &str| -> Option<String> {
            env.of_kind("addon")
                .find(|a| {
                    a.attr("chart").as_str() == Some(chart)
                        && matches!(a.attr("cluster"), Value::Ref(c) if c == cluster)
                })
                .and_then(|a| main_release(&a.address))
        };
        let env = self.env;
        let phases: Vec<(String, String, String, &'static str)> = env
            .of_kind("job")
            .filter_map(|j| {
                let Value::Ref(cluster) = j.attr("cluster") else { return None };
                let phase = if j.attr("phase").as_str() == Some("post_deploy") { "post" } else { "pre" };
                Some((main_release(&j.address)?, cluster.clone(), j.attr("namespace").as_str()?.to_owned(), phase))
            })
            .collect();
        for r in &mut self.releases {
            let id = r.id();
            for (dep, _) in env.dependencies(&r.address) {
                if let Some(d) = main_release(&dep.address) {
                    if d != id {
                        r.needs.insert(d);
                    }
                }
            }
            let res = env.get(&r.address);
            let kind = res.map(|x| x.kind.name.as_str()).unwrap_or("");
            if r.uses_secrets {
                if let Some(eso) = addon_release(env, &r.cluster, "external-secrets") {
                    if eso != id {
                        r.needs.insert(eso);
                    }
                }
            }
            if res.is_some_and(|x| x.kind.attributes.contains_key("metrics_path") && !x.attr("metrics_path").is_null())
            {
                if let Some(prom) = addon_release(env, &r.cluster, "kube-prometheus-stack") {
                    r.needs.insert(prom);
                }
            }
            if matches!(kind, "service" | "static_site") {
                let ns = r.namespace.clone();
                for (job, cluster, job_ns, phase) in &phases {
                    if *cluster == r.cluster && *job_ns == ns && *phase == "pre" {
                        r.needs.insert(job.clone());
                    }
                }
            }
        }
        // Post-deploy jobs run after the services of their namespace.
        let services: Vec<(String, String, String)> = self
            .releases
            .iter()
            .filter(|r| env.get(&r.address).is_some_and(|x| matches!(x.kind.name.as_str(), "service" | "static_site")))
            .map(|r| (r.id(), r.cluster.clone(), r.namespace.clone()))
            .collect();
        for r in &mut self.releases {
            if phases.iter().any(|(job, _, _, phase)| *job == r.id() && *phase == "post") {
                for (svc, cluster, ns) in &services {
                    if *cluster == r.cluster && *ns == r.namespace {
                        r.needs.insert(svc.clone());
                    }
                }
            }
        }
        self.releases.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    }

    fn finish(mut self) -> Result<Vec<Artifact>, ViewError> {
        let env = self.env;
        let clusters: BTreeSet<&str> = self.releases.iter().map(|r| r.cluster.as_str()).collect();
        let many = clusters.len() > 1;
        let context = |cluster: &str| env.get(cluster).map(|c| bridge::physical_name(env, c)).unwrap_or_default();
        let ids: BTreeMap<String, String> = self
            .releases
            .iter()
            .map(|r| (r.id(), if many { format!("{}/{}", context(&r.cluster), r.id()) } else { r.id() }))
            .collect();
        let mut repositories: BTreeMap<String, Json> = BTreeMap::new();
        let mut releases = Vec::new();
        for r in &self.releases {
            let mut rel = Map::new();
            rel.insert("name".into(), json!(r.name));
            rel.insert("namespace".into(), json!(r.namespace));
            rel.insert("kubeContext".into(), json!(context(&r.cluster)));
            rel.insert("chart".into(), json!(r.chart));
            if let Some(v) = &r.version {
                rel.insert("version".into(), json!(v));
                let res = env.get(&r.address);
                if let Some(url) = res.and_then(|a| a.attr("repository").as_str()) {
                    let (name, entry) = repository(url);
                    repositories.insert(name, entry);
                }
            }
            rel.insert("createNamespace".into(), json!(r.create_namespace));
            rel.insert("wait".into(), json!(r.wait));
            rel.insert("timeout".into(), json!(r.timeout));
            rel.insert("atomic".into(), json!(true));
            rel.insert("values".into(), json!(r.values));
            let needs: Vec<&String> = r.needs.iter().filter_map(|n| ids.get(n)).collect();
            if !needs.is_empty() {
                rel.insert("needs".into(), json!(needs));
            }
            releases.push(Json::Object(rel));
        }
        let mut helmfile = Map::new();
        if !repositories.is_empty() {
            helmfile.insert("repositories".into(), Json::Array(repositories.into_values().collect()));
        }
        helmfile.insert("releases".into(), Json::Array(releases));
        let text = format!("{}{}", header(env), yaml(&Json::Object(helmfile))?);
        self.files.push(Artifact { path: format!("{}/helm/helmfile.yaml", env.name), contents: text });

        let manifest = deferred::Manifest {
            environment: env.name.clone(),
            outputs: std::mem::take(&mut self.outputs),
            overlays: std::mem::take(&mut self.deferred),
        };
        let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        self.files.push(Artifact { path: format!("{}/helm/deferred.json", env.name), contents: json + "\n" });
        // The filled overlays hold this deployment's values and are rewritten by every deploy.
        self.files.push(Artifact {
            path: format!("{}/helm/.gitignore", env.name),
            contents: "# Written by `stackc fill` before each deploy; never committed.\n/deferred/\n".into(),
        });
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(self.files)
    }
}

/// What a NetworkPolicy admits: a serving workload's inbound peers; none for a job.
struct Inbound<'v, 'a> {
    serving: Option<&'v kinds::serving::Serving<'a>>,
    ingress: bool,
    metrics: bool,
    allow_from: &'v [kinds::Ref<'a, kinds::service::Service<'a>>],
}

/// The egress every pod gets: DNS, and the Pod Identity agent for a workload with an AWS role.
fn base_egress(res: &Resource) -> Vec<values::EgressRule> {
    use values::{EgressRule, Peer, PolicyPort};
    let mut egress = vec![EgressRule {
        to: vec![Peer::pods("kube-system", "k8s-app", "kube-dns")],
        ports: vec![PolicyPort { protocol: "UDP", port: 53 }, PolicyPort { protocol: "TCP", port: 53 }],
    }];
    if has_aws_role(res) {
        egress.push(EgressRule {
            to: vec![Peer::cidr(bridge::kubernetes::POD_IDENTITY_AGENT_CIDR)],
            ports: vec![PolicyPort { protocol: "TCP", port: 80 }],
        });
    }
    egress
}

/// The Helm release (and object) name of a workload: its name qualified by its module instances.
pub fn release_name(res: &Resource) -> String {
    res.qualified_name()
}

/// A Kubernetes object name from parts, joined by `-`, cut to 63 characters with a stable hash.
fn object_name(parts: &[&str]) -> String {
    super::truncate(&parts.join("-"), 63)
}

/// The node pool a serving workload is pinned to.
fn workload_node_pool(res: &Resource) -> Option<String> {
    res.attr("node_pool").as_str().map(str::to_owned)
}

/// Whether a workload has an AWS role (Pod Identity) of its own.
fn has_aws_role(res: &Resource) -> bool {
    ["buckets", "queues", "topics"]
        .iter()
        .any(|a| res.kind.attributes.contains_key(*a) && res.attr(a).as_list().is_some_and(|l| !l.is_empty()))
}

/// A helmfile repository name for a chart repository URL (host and path, as letters, digits and `-`).
fn repository_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let name: String = rest
        .trim_end_matches('/')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    name.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

/// A helmfile `repositories` entry: an https:// Helm repository, or an OCI registry path.
fn repository(url: &str) -> (String, Json) {
    let name = repository_name(url);
    let entry = match url.strip_prefix("oci://") {
        Some(path) => json!({"name": name, "url": path.trim_end_matches('/'), "oci": true}),
        None => json!({"name": name, "url": url}),
    };
    (name, entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_names_are_stable_and_valid() {
        assert_eq!(repository_name("https://kubernetes.github.io/ingress-nginx"), "kubernetes-github-io-ingress-nginx");
        assert_eq!(repository_name("oci://registry-1.docker.io/bitnamicharts/"), "registry-1-docker-io-bitnamicharts");
        let (_, oci) = repository("oci://registry-1.docker.io/bitnamicharts");
        assert_eq!(oci["oci"], json!(true));
        assert_eq!(oci["url"], json!("registry-1.docker.io/bitnamicharts"));
    }
}
