//! The target registry against the standard library: every kind whose platform a target realises is
//! lowered by it, and every output of such a kind becomes a Terraform output another target can read.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use std::collections::BTreeSet;

mod common;

use stackc_core::emit::{self, Emitter, TARGETS};
use stackc_core::{bridge, compile, MemorySources};

#[test]
fn every_realised_kind_has_a_lowering() {
    let (program, _, diags) = stackc_core::stdlib();
    assert!(diags.is_empty(), "{diags:?}");
    for target in TARGETS {
        let lowered: BTreeSet<&str> = target.kinds().iter().copied().collect();
        let declared: BTreeSet<&str> =
            program.kinds.values().filter(|k| k.target == target.realises()).map(|k| k.name.as_str()).collect();
        assert_eq!(lowered, declared, "target `{}` and the kinds realised on {:?}", target.name(), target.realises());
    }
}

/// An example plus a service that reads every output of every AWS resource declared at its root.
fn reading_every_output(example: &str) -> (MemorySources, Vec<(String, String)>) {
    let stack = format!("examples/{example}");
    let mut sources = common::example_sources(example);
    let first = compile(&sources, &stack).unwrap();
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let prod = &first.environment("prod").unwrap().graph;
    let mut wanted = Vec::new();
    let mut env = String::new();
    for res in prod.resources().iter().filter(|r| r.kind.target == stackc_core::schema::Target::Aws) {
        if !res.module_path.is_empty() {
            continue;
        }
        for output in res.kind.outputs.keys() {
            let var = format!("V{}", wanted.len());
            env.push_str(&format!("    {var} = tostring({}.{output})\n", res.address));
            wanted.push((res.address.clone(), output.clone()));
        }
    }
    let reader = format!("service \"reader\" {{\n  image = \"ghcr.io/acme/reader:1.0.0\"\n  env = {{\n{env}  }}\n}}\n");
    sources.add(format!("{stack}/reader.stack.hcl"), reader);
    (sources, wanted)
}

#[test]
fn every_output_of_every_aws_kind_is_a_terraform_output() {
    let mut covered = BTreeSet::new();
    for example in ["platform", "product"] {
        let (sources, wanted) = reading_every_output(example);
        let c = compile(&sources, &format!("examples/{example}")).unwrap();
        assert!(!c.has_errors(), "{example}: {:?}", c.diagnostics);
        let artifacts = emit::build(&c, Some("prod")).unwrap();
        let outputs = &artifacts.iter().find(|a| a.path == "prod/terraform/outputs.tf").unwrap().contents;
        for (address, output) in &wanted {
            let name = bridge::terraform_output(address, output);
            assert!(
                outputs.contains(&format!("output \"{name}\" {{")),
                "{example}: no Terraform output for {address}.{output}"
            );
            covered.insert(address.split('.').next().unwrap_or_default().to_owned());
        }
    }
    let aws: BTreeSet<String> = emit::terraform::Terraform.kinds().iter().map(|k| (*k).to_owned()).collect();
    assert_eq!(covered, aws, "every AWS kind's outputs are read by the test stacks");
}

#[test]
fn the_workload_chart_is_embedded_whole() {
    // Every file of stdlib/charts/workload is written with a build (a template added to the chart but
    // not to emit/helm/chart.rs would silently be missing from the output).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stdlib/charts/workload");
    let mut on_disk = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                on_disk.push(format!(
                    "charts/workload/{}",
                    p.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/")
                ));
            }
        }
    }
    on_disk.sort();
    let sources = stackc_core::MemorySources::new().with(
        "s/main.stack.hcl",
        "stack \"s\" {\n  region = \"us-east-1\"\n}\nenvironment \"dev\" {\n  profile = \"development\"\n}\n\
         network \"main\" {\n  cidr = \"10.0.0.0/16\"\n}\ncluster \"c\" {\n  node_pool \"p\" {\n    ingress = true\n  }\n}\n\
         service \"api\" {\n  image = \"ghcr.io/acme/api:1.0.0\"\n}\n"
            .to_owned(),
    );
    let c = stackc_core::compile(&sources, "s").unwrap();
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    let built = stackc_core::emit::build(&c, None).unwrap();
    let mut emitted: Vec<String> =
        built.into_iter().map(|a| a.path).filter(|p| p.starts_with("charts/workload/")).collect();
    emitted.sort();
    assert_eq!(emitted, on_disk);
}
