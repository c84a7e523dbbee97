//! `stackc cost` on every example: the table snapshotted (reviewed like code), the JSON of the stable
//! schema checked against the table's totals, Markdown for pull requests, and the errors.

mod common;

use std::process::Command;

use common::{repo, stackc, stackc_output, tool};

/// Standard output of a run that must succeed.
fn run(args: &[&str]) -> String {
    let (code, out, err) = stackc_output(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

const EXAMPLES: &[&str] = &["platform", "product", "static-site"];

#[test]
fn cost_of_every_example() {
    for example in EXAMPLES {
        let dir = repo().join("examples").join(example);
        let dir = dir.to_str().unwrap();
        let table = run(&["cost", dir]);
        insta::with_settings!({ snapshot_path => repo().join("snapshots/cost"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("{example}"), table);
        });

        let json = run(&["cost", dir, "--format", "json"]);
        // The output is an instance of its published schema (docs/schemas/stackc-cost-1.schema.json).
        let tmp = tempfile::tempdir().unwrap();
        let doc_path = tmp.path().join("cost.json");
        std::fs::write(&doc_path, &json).unwrap();
        let out = Command::new(tool("check-jsonschema/bin/check-jsonschema"))
            .arg("--schemafile")
            .arg(repo().join("docs/schemas/stackc-cost-1.schema.json"))
            .arg(&doc_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{example}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["schema"], "stackc-cost/1");
        assert_eq!(doc["currency"], "USD");
        // The table's header says when the total is a lower bound, and the JSON how many lines make it one.
        for env in doc["environments"].as_array().unwrap() {
            let unpriced = env["unpriced_lines"].as_u64().unwrap();
            let header =
                format!("{} ({}): at least ", env["environment"].as_str().unwrap(), env["region"].as_str().unwrap());
            assert_eq!(table.contains(&header), unpriced > 0, "{example}: {header}");
        }
        for env in doc["environments"].as_array().unwrap() {
            let total: f64 = env["resources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let items: f64 =
                        r["items"].as_array().unwrap().iter().map(|i| i["monthly"].as_f64().unwrap()).sum();
                    assert!((items - r["monthly"].as_f64().unwrap()).abs() < 0.005, "{r}");
                    r["monthly"].as_f64().unwrap()
                })
                .sum();
            assert!((total - env["monthly"].as_f64().unwrap()).abs() < 0.005, "{example}: {env}");
            // Every line the table shows without a price says why.
            for r in env["resources"].as_array().unwrap() {
                for i in r["items"].as_array().unwrap() {
                    assert_eq!(i["usd_per_unit"].is_null(), i.get("no_price").is_some(), "{i}");
                }
            }
        }

        let md = run(&["cost", dir, "--format", "markdown", "--env", "prod"]);
        assert!(md.starts_with("| Environment | Region | Monthly |\n|---|---|---:|\n| prod |"), "{md}");
        assert!(md.contains("\n### prod — ") && md.contains("| **total** |"), "{md}");
    }
}

#[test]
fn unknown_environment_and_broken_stack() {
    let dir = repo().join("examples/platform");
    let (code, out) = stackc(&["cost", dir.to_str().unwrap(), "--env", "qa"]);
    assert_eq!(code, 2);
    assert!(out.contains("no environment `qa` (environments: dev, staging, prod)"), "{out}");
    let broken = tempfile::tempdir().unwrap();
    std::fs::write(broken.path().join("main.stack.hcl"), "network \"n\" {\n  cidr = 5\n}\n").unwrap();
    let (code, out) = stackc(&["cost", broken.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
}
