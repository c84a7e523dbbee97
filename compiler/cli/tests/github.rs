//! `stackc build` for GitHub Actions, judged by the real tools on every example: actionlint (with
//! shellcheck on every `run:` script) reports nothing; the workflows validate against the GitHub
//! workflow JSON schema (check-jsonschema's vendored copy); zizmor finds nothing at its default
//! persona; checkov (github_actions) fails no check; yamllint is clean. And what a reviewer checks by
//! reading: every `uses:` is pinned to a full SHA with its version; `id-token: write` only on jobs
//! that assume an AWS role; deploys follow `promotion`, one environment at a time, never cancelled.
//! The workflows are snapshotted.
//!
//! The tools come from `scripts/validators/install`; a missing one fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const EXAMPLES: &[&str] = &["platform", "product", "static-site"];

mod common;

use common::{repo, tool};

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

fn workflows(example: &str, out: &Path) -> Vec<PathBuf> {
    workflows_of(&repo().join("examples").join(example), out)
}

#[test]
fn every_workflow_passes_the_real_tools() {
    for example in EXAMPLES {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let files = workflows(example, &out);
        assert!(files.len() == 2, "{example}: {files:?}");

        let bin = tool("actionlint/bin");
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
        let (ok, report) = run(Command::new(bin.join("actionlint")).arg("-no-color").args(&files).env("PATH", &path));
        assert!(ok && report.trim().is_empty(), "{example}: actionlint:\n{report}");

        let (ok, report) = run(Command::new(tool("check-jsonschema/bin/check-jsonschema"))
            .args(["--builtin-schema", "vendor.github-workflows"])
            .args(&files));
        assert!(ok, "{example}: check-jsonschema:\n{report}");

        let (ok, report) = run(Command::new(tool("zizmor/bin/zizmor"))
            .args(["--offline", "--no-progress", "--no-exit-codes"])
            .args(&files));
        assert!(ok && report.contains("No findings to report"), "{example}: zizmor:\n{report}");

        let yamllint =
            "{extends: default, rules: {line-length: disable, document-start: disable, truthy: {check-keys: false}}}";
        let (ok, report) = run(Command::new(tool("yamllint/bin/yamllint")).args(["-s", "-d", yamllint]).args(&files));
        assert!(ok, "{example}: yamllint:\n{report}");

        // checkov reads workflows from .github/workflows.
        let repo_dir = tmp.path().join("repo");
        std::fs::create_dir_all(repo_dir.join(".github/workflows")).unwrap();
        for f in &files {
            std::fs::copy(f, repo_dir.join(".github/workflows").join(f.file_name().unwrap())).unwrap();
        }
        let (_, report) = run(Command::new(tool("checkov/bin/checkov"))
            .args(["--framework", "github_actions", "--skip-download", "--compact", "--quiet", "-o", "json", "-d"])
            .arg(&repo_dir)
            .env("BC_SKIP_MAPPING", "TRUE")
            .env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true"));
        let json = &report[report.find('{').unwrap_or(0)..];
        let parsed: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{example}: checkov: {e}\n{report}"));
        let failed = parsed["results"]["failed_checks"].as_array().cloned().unwrap_or_default();
        let passed = parsed["summary"]["passed"].as_u64().unwrap_or(0);
        assert!(failed.is_empty() && passed > 0, "{example}: checkov failed: {failed:#?}");

        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            reviewed(example, f, &text);
            let name = format!("{example}__{}", f.file_stem().unwrap().to_string_lossy());
            insta::with_settings!({ snapshot_path => repo().join("snapshots/github"), prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(name, text);
            });
        }
    }
}

/// What a reviewer of the workflow checks by reading it.
fn reviewed(example: &str, file: &Path, text: &str) {
    let at = format!("{example}/{}", file.file_name().unwrap().to_string_lossy());
    for line in text.lines().filter(|l| l.trim_start().starts_with("uses:")) {
        let (_, pin) = line.split_once('@').unwrap_or_else(|| panic!("{at}: unpinned {line}"));
        let (sha, version) = pin.split_once("  # ").unwrap_or_else(|| panic!("{at}: no version comment: {line}"));
        assert!(sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()), "{at}: {line}");
        assert!(!version.is_empty(), "{at}: {line}");
    }
    let doc: Value = serde_saphyr::from_str(text).unwrap();
    assert_eq!(doc["permissions"], serde_json::json!({}), "{at}: the workflow grants nothing by default");
    let jobs = doc["jobs"].as_object().unwrap();
    let mut deploys = Vec::new();
    for (id, job) in jobs {
        let uses_oidc = job["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("aws-actions/configure-aws-credentials@")));
        let has_id_token = job["permissions"]["id-token"] == "write";
        assert_eq!(uses_oidc, has_id_token, "{at}: job {id}: id-token: write exactly where OIDC is used");
        assert!(job["permissions"].is_object(), "{at}: job {id} states its permissions");
        for step in job["steps"].as_array().unwrap() {
            if let Some(script) = step["run"].as_str() {
                assert!(!script.contains("${{"), "{at}: job {id}: an expression expanded in a script");
            }
            if step["uses"].as_str().is_some_and(|u| u.starts_with("actions/checkout@")) {
                assert_eq!(step["with"]["persist-credentials"], false, "{at}: job {id}: checkout keeps no token");
            }
        }
        if id.starts_with("deploy-") {
            assert_eq!(job["concurrency"]["cancel-in-progress"], false, "{at}: {id} is never cancelled");
            assert_eq!(job["environment"].as_str(), id.strip_prefix("deploy-"), "{at}: {id} in its environment");
            deploys.push((id.clone(), job["needs"].clone()));
        }
    }
    // The health gate is each environment's own (the static site: 10 checks, 15 in production).
    if example == "static-site" && file.file_name().is_some_and(|f| f == "delivery.yml") {
        let retries = |env: &str| {
            jobs[&format!("deploy-{env}")]["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find_map(|s| s["env"]["RETRIES"].as_str().map(str::to_owned))
        };
        assert_eq!(retries("staging").as_deref(), Some("10"), "{at}");
        assert_eq!(retries("prod").as_deref(), Some("15"), "{at}");
    }
    // Each deploy waits for the previous one.
    for pair in deploys.windows(2) {
        assert_eq!(pair[1].1, serde_json::json!([pair[0].0]), "{at}: {} must need {}", pair[1].0, pair[0].0);
    }
}

#[test]
fn github_dir_gets_the_workflows_and_keeps_hand_written_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let stack = tmp.path().join("stack");
    let copy = |from: &Path, to: &Path| {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "hcl") {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    };
    copy(&repo().join("examples/static-site"), &stack);
    let github = tmp.path().join(".github");
    let workflows = github.join("workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(workflows.join("lint.yml"), "name: lint\n").unwrap();
    std::fs::write(workflows.join("old.yml"), "# Generated by stackc from stack \"monkeytown\", pipeline \"old\".\n")
        .unwrap();
    let build = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_stackc"))
            .arg("build")
            .arg(&stack)
            .arg("--github-dir")
            .arg(&github)
            .args(extra)
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = build(&[]);
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> =
        std::fs::read_dir(&workflows).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["delivery-pull-request.yml", "delivery.yml", "lint.yml"], "the stale generated one is gone");
    assert_eq!(std::fs::read_to_string(workflows.join("lint.yml")).unwrap(), "name: lint\n");
    assert_eq!(
        std::fs::read_to_string(workflows.join("delivery.yml")).unwrap(),
        std::fs::read_to_string(stack.join("generated/github/workflows/delivery.yml")).unwrap()
    );

    // A hand-written file where a workflow goes: refused, and nothing written anywhere.
    std::fs::write(workflows.join("delivery.yml"), "name: mine\n").unwrap();
    std::fs::remove_dir_all(stack.join("generated")).unwrap();
    let (code, err) = build(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("was not generated by stackc"), "{err}");
    assert_eq!(std::fs::read_to_string(workflows.join("delivery.yml")).unwrap(), "name: mine\n");
    assert!(!stack.join("generated").exists(), "a refused build wrote the generated tree");
}

#[test]
fn a_bucket_site_is_built_uploaded_and_invalidated() {
    let tmp = tempfile::tempdir().unwrap();
    let stack = tmp.path().join("stack");
    std::fs::create_dir_all(&stack).unwrap();
    std::fs::write(
        stack.join("main.stack.hcl"),
        r#"stack "docs" {
  region = "us-east-1"
}

environment "prod" {
  profile = "production"
}

bucket "site" {}

cdn "site" {
  default_root_object = "index.html"
  spa_fallback        = true
  origin "site" {
    bucket = bucket.site
  }
}

static_site "docs" {
  mode       = "bucket"
  bucket     = bucket.site
  cdn        = cdn.site
  assets     = "dist"
  build_args = { BASE_URL = "https://docs.example.com" }
}

pipeline "delivery" {
  repository   = "acme/docs"
  static_sites = [static_site.docs]
  promotion    = ["prod"]
}
"#,
    )
    .unwrap();
    let out = tmp.path().join("out");
    let files = workflows_of(&stack, &out);
    let bin = tool("actionlint/bin");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let (ok, report) = run(Command::new(bin.join("actionlint")).arg("-no-color").args(&files).env("PATH", &path));
    assert!(ok && report.trim().is_empty(), "actionlint:\n{report}");
    let (ok, report) = run(Command::new(tool("zizmor/bin/zizmor"))
        .args(["--offline", "--no-progress", "--no-exit-codes"])
        .args(&files));
    assert!(ok && report.contains("No findings to report"), "zizmor:\n{report}");
    let delivery = std::fs::read_to_string(out.join("github/workflows/delivery.yml")).unwrap();
    for expected in [
        "outputs: type=local,dest=${{ runner.temp }}/site-0",
        "BASE_URL=https://docs.example.com",
        "jq -er '.bucket_site_name.value'",
        "--cache-control 'public, max-age=31536000, immutable'",
        "jq -er '.cdn_site_id.value'",
        "aws cloudfront create-invalidation",
    ] {
        assert!(delivery.contains(expected), "{expected} missing:\n{delivery}");
    }
    // Nothing runs on Kubernetes: no image to push, no helmfile.
    assert!(!delivery.contains("helmfile") && !delivery.contains("images:"), "{delivery}");
}

fn workflows_of(stack: &Path, out: &Path) -> Vec<PathBuf> {
    let status = Command::new(env!("CARGO_BIN_EXE_stackc"))
        .args(["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(out.join("github/workflows")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}
