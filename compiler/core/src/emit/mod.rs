//! Emitters: lowering a compiled stack to the files the real tools run. Pure: they return the
//! files; the CLI writes them.

pub mod terraform;
pub mod tf;

use crate::Compilation;

/// One generated file, with its path relative to the output directory (`prod/terraform/main.tf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub path: String,
    pub contents: String,
}

/// Every artifact of every environment (or only `env`), sorted by path. Call only on a
/// compilation without errors: lowering trusts what the checks established.
pub fn build(c: &Compilation, env: Option<&str>) -> Vec<Artifact> {
    let mut out: Vec<Artifact> =
        c.graphs().filter(|g| env.is_none_or(|e| g.name == e)).flat_map(terraform::lower).collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
