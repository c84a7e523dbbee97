//! Targets: lowering a compiled stack to the files the real tools run. Pure: they return the files as
//! data; the CLI writes them.
//!
//! Each target is a folder here with one lowering per kind, registered in [`TARGETS`]; [`build`] runs
//! them all. A target reads the environment graphs, the typed kind views and [`bridge`](crate::bridge)
//! for names another target writes; it never depends on another target.

pub mod terraform;

use std::collections::BTreeSet;

use stackc_syntax::Diagnostic;

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
    /// The artifacts of every environment (or only `env`). Errors are internal (E0901).
    fn emit(&self, c: &Compilation, env: Option<&str>) -> Result<Vec<Artifact>, Vec<Diagnostic>>;
}

/// Every target stackc builds, in the order they run.
pub static TARGETS: &[&dyn Emitter] = &[&terraform::Terraform];

/// Every artifact of every target, for every environment (or only `env`), sorted by path. Call only
/// on a compilation without errors: lowering trusts what the checks established.
pub fn build(c: &Compilation, env: Option<&str>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for target in TARGETS {
        match target.emit(c, env) {
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
