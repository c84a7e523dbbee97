//! Snapshots of the dependency graph of each example, in every environment: the readable JSON
//! adjacency list for all examples, and DOT and Mermaid for one.

use std::path::{Path, PathBuf};

use stackc::commands::graph;
use stackc::disk::DiskSources;
use stackc_core::EnvGraph;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn compile(example: &str) -> stackc_core::Compilation {
    let (disk, rel) = DiskSources::open(&repo().join("examples").join(example)).unwrap();
    let c = stackc_core::compile(&disk, &rel).unwrap();
    assert!(c.diagnostics.is_empty(), "examples/{example} has diagnostics: {:?}", c.diagnostics);
    c
}

fn snapshot(name: &str, value: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("snapshots/graph"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

#[test]
fn example_graphs() {
    for example in ["platform", "product", "static-site"] {
        let c = compile(example);
        let envs: Vec<&EnvGraph> = c.graphs().collect();
        assert_eq!(envs.len(), 3);
        for env in &envs {
            assert!(env.topological_order().is_some(), "{example}/{}: cycle", env.name);
        }
        snapshot(&format!("{example}.json"), graph::json(&envs));
    }
    let c = compile("static-site");
    let envs: Vec<&EnvGraph> = c.graphs().collect();
    snapshot("static-site.dot", graph::dot(&envs));
    snapshot("static-site.mermaid", graph::mermaid(&envs));
}

#[test]
fn topological_order_puts_dependencies_first() {
    let c = compile("platform");
    for env in c.graphs() {
        let order = env.topological_order().unwrap();
        let position = |a: &str| order.iter().position(|r| r.address == a).unwrap();
        for (from, to, _) in env.edges() {
            assert!(position(to) < position(from), "{}: {to} must come before {from}", env.name);
        }
    }
}
