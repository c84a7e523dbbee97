//! `stackc build` for Terraform: whole-tree snapshots, determinism, the real validators on every
//! example and environment, and the output directory's safety rules.
//!
//! The validators come from `scripts/validators/install` (run by `scripts/test`); a missing one
//! fails the test rather than skipping it. terraform itself is used when it is on the machine.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: &[&str] = &["platform", "product", "static-site"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn stackc(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stackc")).args(args).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn build(stack: &Path, out: &Path) {
    let (code, stderr) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "stackc build {} failed:\n{stderr}", stack.display());
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

fn tool(rel: &str) -> PathBuf {
    let p = repo().join(".cache/validators").join(rel);
    assert!(p.exists(), "{} is missing: run scripts/validators/install", p.display());
    p
}

#[test]
fn every_example_snapshots_and_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let (a, b) = (tmp.path().join(format!("{example}-a")), tmp.path().join(format!("{example}-b")));
        build(&repo().join("examples").join(example), &a);
        build(&repo().join("examples").join(example), &b);
        let (ta, tb) = (tree(&a), tree(&b));
        assert_eq!(ta, tb, "two builds of {example} differ");
        let mut per_env: BTreeMap<String, String> = BTreeMap::new();
        // The Terraform only: the Helm files have snapshots of their own (tests/helm.rs).
        for (path, contents) in ta.iter().filter(|(p, _)| p.contains("/terraform/")) {
            if let Some((env, rest)) = path.split_once('/') {
                per_env.entry(env.to_owned()).or_default().push_str(&format!("=== {rest}\n{contents}\n"));
            }
        }
        let roots: Vec<&String> = per_env.keys().collect();
        assert_eq!(
            roots,
            ["bootstrap", "dev", "prod", "staging"],
            "{example}: one tree per environment and the bootstrap"
        );
        for (env, text) in per_env {
            insta::with_settings!({ snapshot_path => repo().join("snapshots/terraform"), prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(format!("{example}__{env}"), text);
            });
        }
    }
}

#[test]
fn real_validators_accept_every_example() {
    let tmp = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        build(&repo().join("examples").join(example), &tmp.path().join(example));
    }
    // terraform fmt: exactly canonical, alignment included.
    let terraform =
        ["/usr/local/bin/terraform", "/usr/bin/terraform"].into_iter().map(PathBuf::from).find(|p| p.exists());
    if let Some(terraform) = terraform {
        let out = Command::new(terraform)
            .args(["fmt", "-check", "-diff", "-recursive"])
            .arg(tmp.path())
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .output()
            .unwrap();
        assert!(out.status.success(), "terraform fmt -check:\n{}", String::from_utf8_lossy(&out.stdout));
    }
    // python-hcl2 parses every file, everything exists in the schema of the oldest provider the
    // Terraform admits, and every reference names a declared block and an attribute of its type.
    let out = Command::new(tool("hcl2/bin/python"))
        .arg(repo().join("scripts/validators/tf-schema-check"))
        .arg(schema())
        .arg(tmp.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "tf-schema-check:\n{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains(" 0 problems"), "{report}");
    // checkov: no failed check on any example's production output or bootstrap root.
    for (example, root) in EXAMPLES.iter().flat_map(|e| [(*e, "prod"), (*e, "bootstrap")]) {
        let dir = tmp.path().join(example).join(root).join("terraform");
        let out = Command::new(tool("checkov/bin/checkov"))
            .args(["--framework", "terraform", "--skip-download", "--compact", "--quiet", "-o", "json", "-d"])
            .arg(&dir)
            .env("BC_SKIP_MAPPING", "TRUE")
            .env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("checkov output for {example}: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
        let report = if json.is_array() { &json[0] } else { &json };
        let failed: Vec<String> = report["results"]["failed_checks"]
            .as_array()
            .map(|a| a.iter().map(|c| format!("{} {}", c["check_id"], c["resource"])).collect())
            .unwrap_or_default();
        assert!(failed.is_empty(), "checkov failed checks in {example}/{root}:\n{}", failed.join("\n"));
        let least = if root == "prod" { 100 } else { 20 };
        assert!(
            report["summary"]["passed"].as_u64().unwrap_or(0) > least,
            "{example}/{root}: checkov checked too little"
        );
    }
}

/// The provider schema the output is checked against: that of the oldest hashicorp/aws release
/// `versions.tf` admits, so every argument written exists in every admitted release.
fn schema() -> PathBuf {
    let path =
        repo().join(format!("vendor/aws-provider-schema-{}.json.gz", stackc_core::emit::terraform::AWS_PROVIDER_MIN));
    assert!(path.exists(), "no vendored schema for the provider floor: {}", path.display());
    path
}

#[test]
fn schema_checker_checks_itself() {
    // Its own cases: references, attributes, counts, ephemeral resources, each with expected output.
    let out = Command::new(repo().join("scripts/validators/tf-schema-check-selftest")).output().unwrap();
    assert!(
        out.status.success(),
        "tf-schema-check-selftest:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn schema_checker_catches_known_bad_terraform() {
    let out = Command::new(tool("hcl2/bin/python"))
        .arg(repo().join("scripts/validators/tf-schema-check"))
        .arg(schema())
        .arg(repo().join("scripts/validators/testdata/bad"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    for expected in [
        "aws_vcp.typo: unknown resource type (did you mean 'aws_vpc'?)",
        "aws_vpc.unknown_attribute: unknown attribute 'cidr'",
        "'vpc_config' is a block, written as an attribute",
        "missing required attribute 'role_arn'",
        "aws_s3_bucket.twice: declared twice",
    ] {
        assert!(report.contains(expected), "missing `{expected}` in:\n{report}");
    }
}

fn small_stack(dir: &Path, zones: u32) {
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join("main.stack.hcl"),
        format!(
            "stack \"s\" {{\n  region = \"us-east-1\"\n}}\n\nenvironment \"dev\" {{\n  profile = \"development\"\n}}\n\n\
             environment \"prod\" {{\n  profile = \"production\"\n}}\n\nnetwork \"main\" {{\n  cidr  = \"10.0.0.0/16\"\n  zones = {zones}\n}}\n"
        ),
    )
    .unwrap();
}

#[test]
fn build_keeps_foreign_files_and_replaces_only_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let stack = tmp.path().join("stack");
    small_stack(&stack, 2);
    let out = stack.join("generated");
    build(&stack, &out);
    assert!(out.join("prod/terraform/network.tf").exists());
    assert!(out.join(".stackc-manifest.json").exists());

    // Hand-written files beside and inside the generated tree survive a rebuild untouched.
    std::fs::write(out.join("README.md"), "hand-written\n").unwrap();
    std::fs::write(out.join("prod/terraform/override.tf"), "# mine\n").unwrap();
    // A generated file that is no longer generated is removed.
    let manifest = std::fs::read_to_string(out.join(".stackc-manifest.json")).unwrap();
    std::fs::write(out.join("prod/terraform/stale.tf"), "# old\n").unwrap();
    std::fs::write(
        out.join(".stackc-manifest.json"),
        manifest.replace("\"files\": [", "\"files\": [\n    \"prod/terraform/stale.tf\","),
    )
    .unwrap();
    build(&stack, &out);
    assert_eq!(std::fs::read_to_string(out.join("README.md")).unwrap(), "hand-written\n");
    assert_eq!(std::fs::read_to_string(out.join("prod/terraform/override.tf")).unwrap(), "# mine\n");
    assert!(!out.join("prod/terraform/stale.tf").exists(), "stale generated file kept");

    // A hand-written file where stackc would write is never overwritten: the build fails first.
    std::fs::remove_file(out.join(".stackc-manifest.json")).unwrap();
    std::fs::write(out.join("dev/terraform/network.tf"), "# hand-written network\n").unwrap();
    let before = tree(&out);
    let (code, stderr) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("was not generated by stackc"), "{stderr}");
    assert_eq!(tree(&out), before, "a refused build changed the output directory");
}

#[test]
fn an_unchanged_tree_is_left_alone_and_a_changed_file_is_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let stack = tmp.path().join("stack");
    small_stack(&stack, 2);
    let out = stack.join("generated");
    build(&stack, &out);
    let network = out.join("prod/terraform/network.tf");
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before = (tree(&out), inode(&network), inode(&out));

    // Nothing changed: nothing is written (same files, same inodes: no new tree was swapped in).
    let (code, stderr) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("up to date: ") && stderr.contains("nothing written"), "{stderr}");
    assert_eq!((tree(&out), inode(&network), inode(&out)), before);

    // A generated file edited by hand (drift) is put back; so is a deleted one.
    std::fs::write(&network, "# edited\n").unwrap();
    std::fs::remove_file(out.join("dev/terraform/network.tf")).unwrap();
    let (code, stderr) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("wrote ") || stderr.contains("\nwrote "), "{stderr}");
    assert_eq!(tree(&out), before.0);
}

#[test]
fn failed_build_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let stack = tmp.path().join("stack");
    small_stack(&stack, 2);
    let out = stack.join("generated");
    build(&stack, &out);
    let before = tree(&out);
    small_stack(&stack, 9); // more zones than us-east-1 has: E0701
    let (code, stderr) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("E0701") && stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(tree(&out), before);

    // Building one environment leaves the other's files as they were.
    small_stack(&stack, 1);
    let (code, stderr) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap(), "--env", "prod"]);
    assert_eq!(code, 0, "{stderr}");
    let after = tree(&out);
    assert_eq!(after["dev/terraform/network.tf"], before["dev/terraform/network.tf"]);
    assert_ne!(after["prod/terraform/network.tf"], before["prod/terraform/network.tf"]);
}
