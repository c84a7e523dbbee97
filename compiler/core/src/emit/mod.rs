//! Targets: lowering a compiled stack to the files the real tools run. Pure: they return the files as
//! data; the CLI writes them.
//!
//! Each target is a folder here with one lowering per kind, registered in [`TARGETS`]; [`build`] runs
//! them all. A target reads the environment graphs, the typed kind views and [`bridge`](crate::bridge)
//! for names another target writes; it never depends on another target.

pub mod ansible;
pub mod deferred;
pub mod github;
pub mod helm;
pub mod terraform;

use std::collections::BTreeSet;

use stackc_syntax::Diagnostic;

use crate::graph::EnvGraph;
use crate::schema::Target;
use crate::Compilation;

/// One generated file, with its path relative to the output directory (`prod/terraform/main.tf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub path: String,
    pub contents: String,
}

/// A target: the artifacts of the kinds realised on one platform.
pub trait Emitter: Sync {
    /// The target's name, as in docs and messages: `terraform`.
    fn name(&self) -> &'static str;
    /// The platform whose kinds it lowers.
    fn realises(&self) -> Target;
    /// The kinds it lowers (every kind whose `target` is [`Emitter::realises`]).
    fn kinds(&self) -> &'static [&'static str];
    /// The artifacts of the whole stack (a bootstrap root, a chart), written with every build.
    /// Errors are internal (E0901).
    fn emit_stack(&self, c: &Compilation) -> Result<Vec<Artifact>, Vec<Diagnostic>>;
    /// The artifacts of one environment. Errors are internal (E0901).
    fn emit_env(&self, env: &EnvGraph) -> Result<Vec<Artifact>, Vec<Diagnostic>>;
}

/// A name cut to a length limit (AWS names, Kubernetes object names), kept unique with a short stable
/// hash of the whole.
pub(crate) fn truncate(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let hash = name.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    let suffix = format!("-{:06x}", hash & 0xff_ffff);
    let mut keep = max.saturating_sub(suffix.len());
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{suffix}", name[..keep].trim_end_matches('-'))
}

/// YAML as stackc writes it: block style, sequences indented under their key, plain scalars unless
/// YAML would read them as something else.
pub fn yaml_options() -> serde_saphyr::SerializerOptions {
    let mut o = serde_saphyr::SerializerOptions::default();
    o.compact_list_indent = false;
    o.prefer_block_scalars = false;
    o
}

/// Every target stackc builds, in the order they run.
pub static TARGETS: &[&dyn Emitter] = &[&terraform::Terraform, &helm::Helm, &ansible::Ansible, &github::Github];

/// Every artifact of every target, for every environment (or only `env`), sorted by path. Call only
/// on a compilation without errors: lowering trusts what the checks established.
///
/// Each target's stack-wide artifacts and each (target, environment) pair are independent jobs, run
/// on as many threads as the machine has cores; the result does not depend on their order.
pub fn build(c: &Compilation, env: Option<&str>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    type Emitted = Result<Vec<Artifact>, Vec<Diagnostic>>;
    type Job<'a> = Box<dyn Fn() -> Emitted + Send + Sync + 'a>;
    let mut jobs: Vec<Job> = Vec::new();
    for target in TARGETS {
        jobs.push(Box::new(move || target.emit_stack(c)));
        for graph in c.graphs().filter(|g| env.is_none_or(|e| g.name == e)) {
            jobs.push(Box::new(move || target.emit_env(graph)));
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Emitted)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        done.push((i, job()));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (_, result) in results {
        match result {
            Ok(artifacts) => out.extend(artifacts),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The kinds a stack uses whose artifacts no target generates yet, sorted.
pub fn not_generated(c: &Compilation) -> Vec<String> {
    let realised: BTreeSet<Target> = TARGETS.iter().map(|t| t.realises()).collect();
    let mut kinds: BTreeSet<String> = BTreeSet::new();
    for graph in c.graphs() {
        for res in graph.resources() {
            if !realised.contains(&res.kind.target) {
                kinds.insert(res.kind.name.clone());
            }
        }
    }
    kinds.into_iter().collect()
}
