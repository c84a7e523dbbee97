//! `stackc policy`: the report in its three formats, on every example and the policy fixtures. SARIF
//! validates against the vendored SARIF 2.1.0 schema (`vendor/sarif-schema-2.1.0.json`) with
//! check-jsonschema and has what GitHub code scanning reads (rules with help and
//! `security-severity`, locations relative to the repository root, fingerprints that follow the
//! resource, not the line); JSON totals add up; exit codes follow the unsuppressed findings; and
//! suppressions expire on the day after `until` (`STACKC_TODAY` pins the day).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;

use common::{repo, sarif_schema_check, stackc_output};

const STACKS: &[&str] = &[
    "examples/platform",
    "examples/product",
    "examples/static-site",
    "tests/policy/from-the-docs",
    "tests/policy/every-rule",
];

fn policy(dir: &str, extra: &[&str]) -> (i32, String, String) {
    let path = repo().join(dir);
    let mut args = vec!["policy", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    stackc_output(&args)
}

#[test]
fn sarif_is_valid_and_what_code_scanning_reads() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in STACKS {
        let (code, out, err) = policy(dir, &["--format", "sarif", "--all"]);
        assert!(code == 0 || code == 1, "{dir}: {err}");
        let file = tmp.path().join(format!("{}.sarif", dir.replace('/', "_")));
        std::fs::write(&file, &out).unwrap();
        if let Err(report) = sarif_schema_check(&file) {
            panic!("{dir}: SARIF schema:\n{report}");
        }

        let log: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{dir}: no results");
        for rule in rules {
            let id = rule["id"].as_str().unwrap();
            assert!(rule["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{id}");
            assert!(rule["help"]["markdown"].as_str().is_some_and(|t| !t.is_empty()), "{id}");
            let tags: Vec<&str> =
                rule["properties"]["tags"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            if tags.contains(&"security") {
                let sev: f64 = rule["properties"]["security-severity"].as_str().unwrap().parse().unwrap();
                assert!((0.0..=10.0).contains(&sev), "{id}: security-severity {sev}");
            }
        }
        let mut fingerprints = std::collections::BTreeSet::new();
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"], "{dir}: ruleIndex points at another rule");
            let loc = &r["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
            assert!(
                !uri.starts_with('/') && repo().join(uri).is_file(),
                "{dir}: {uri} is not a file of the repository"
            );
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
            let fp = r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().to_owned();
            assert!(fingerprints.insert(fp), "{dir}: two results share a fingerprint");
            assert_eq!(r["locations"][0]["logicalLocations"][0]["kind"], "resource");
        }
    }
}

#[test]
fn sarif_for_code_scanning_holds_open_findings_only_and_stays_valid_on_errors() {
    // By default only what should be an alert: unsuppressed errors and warnings.
    for dir in STACKS {
        let (_, out, _) = policy(dir, &["--format", "sarif"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        for r in log["runs"][0]["results"].as_array().unwrap() {
            assert!(r["level"] != "note" && r.get("suppressions").is_none(), "{dir}: {r}");
        }
        assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
    }
    // A stack that does not compile still gives a valid log, with the errors as notifications.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("stack");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("main.stack.hcl"), "stack \"s\" {\n  region = \"mars-1\"\n}\n").unwrap();
    let (code, out, _) = stackc_output(&["policy", dir.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(code, 1);
    let file = tmp.path().join("failed.sarif");
    std::fs::write(&file, &out).unwrap();
    if let Err(report) = sarif_schema_check(&file) {
        panic!("the log of a failed compilation: SARIF schema:\n{report}");
    }
    let log: Value = serde_json::from_str(&out).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let texts: Vec<&str> = invocation["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["message"]["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("E0118 unknown region `mars-1`")), "{texts:?}");
}

#[test]
fn fingerprints_follow_the_resource_not_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let stack = root.join("stack");
    std::fs::create_dir_all(&stack).unwrap();
    std::fs::copy(repo().join("tests/policy/from-the-docs/stack.stack.hcl"), stack.join("main.stack.hcl")).unwrap();
    let sarif = |dir: &Path| {
        let (_, out, err) = stackc_output(&["policy", dir.to_str().unwrap(), "--format", "sarif", "--all"]);
        let log: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let fp = r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().to_owned();
                (fp, r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap())
            })
            .collect::<Vec<_>>()
    };
    let before = sarif(&stack);
    let text = std::fs::read_to_string(stack.join("main.stack.hcl")).unwrap();
    std::fs::write(stack.join("main.stack.hcl"), format!("# moved\n\n\n{text}")).unwrap();
    let after = sarif(&stack);
    assert_eq!(before.len(), after.len());
    for ((fb, lb), (fa, la)) in before.iter().zip(&after) {
        assert_eq!(fb, fa, "a fingerprint changed when only lines moved");
        assert_eq!(lb + 3, *la, "the location did not move with the text");
    }
}

#[test]
fn json_totals_add_up_and_human_lists_every_finding() {
    for dir in STACKS {
        let (_, out, err) = policy(dir, &["--format", "json"]);
        let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{dir}: {e}\n{err}"));
        assert_eq!(report["schema"], "stackc-policy/1");
        let findings = report["findings"].as_array().unwrap();
        let count =
            |level: &str| findings.iter().filter(|f| f["level"] == level && f["suppressed"].is_null()).count() as u64;
        let summary = &report["summary"];
        assert_eq!(summary["errors"].as_u64().unwrap(), count("error"), "{dir}");
        assert_eq!(summary["warnings"].as_u64().unwrap(), count("warning"), "{dir}");
        assert_eq!(summary["notes"].as_u64().unwrap(), count("note"), "{dir}");
        let suppressed = findings.iter().filter(|f| !f["suppressed"].is_null()).count() as u64;
        assert_eq!(summary["suppressed"].as_u64().unwrap(), suppressed, "{dir}");
        for f in findings {
            assert!(!f["environments"].as_array().unwrap().is_empty());
            assert!(repo().join(f["file"].as_str().unwrap()).is_file(), "{dir}: {f}");
        }

        let (_, human, _) = policy(dir, &[]);
        let heads = human.lines().filter(|l| l.starts_with("  ") && !l.starts_with("   ")).count() as u64;
        assert_eq!(heads, findings.len() as u64, "{dir}: one line per finding");
        let name = dir.replace('/', "__");
        insta::with_settings!({ snapshot_path => repo().join("snapshots/policy"), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, human);
        });
    }
}

#[test]
fn exit_codes_follow_unsuppressed_findings() {
    // The examples: notes and suppressed findings only, or warnings: exit 0; with --deny-warnings,
    // exit 1 when there is a warning.
    let (code, _, _) = policy("examples/static-site", &[]);
    assert_eq!(code, 0);
    let (code, out, _) = policy("tests/policy/every-rule", &["--deny-warnings"]);
    assert_eq!(code, 1, "every-rule has warnings:\n{out}");
    let (code, _, _) = policy("tests/policy/every-rule", &[]);
    assert_eq!(code, 0, "its errors are suppressed");
    // --env narrows the report; an unknown environment is a usage error.
    let (_, prod, _) = policy("tests/policy/from-the-docs", &["--env", "prod", "--format", "json"]);
    let prod: Value = serde_json::from_str(&prod).unwrap();
    assert!(prod["findings"].as_array().unwrap().iter().all(|f| f["environments"] == serde_json::json!(["prod"])));
    let (code, _, err) = policy("tests/policy/from-the-docs", &["--env", "qa"]);
    assert_eq!(code, 2, "{err}");
}

/// A one-environment stack whose cluster keeps Secrets unencrypted (SC107, an error), with `suppress`
/// (HCL, or empty) on the cluster, in a temporary directory.
fn unencrypted_cluster(suppress: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("stack");
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "stack \"s\" {{\n  region = \"us-east-1\"\n  tags = {{ owner = \"me\" }}\n}}\n\
         environment \"dev\" {{\n  profile = \"development\"\n}}\n\
         network \"main\" {{\n  cidr = \"10.0.0.0/16\"\n}}\n\
         cluster \"main\" {{\n  secrets_encryption = false\n  {suppress}\n  node_pool \"general\" {{}}\n}}\n"
    );
    std::fs::write(dir.join("main.stack.hcl"), text).unwrap();
    (tmp, dir)
}

#[test]
fn an_unsuppressed_error_fails_policy_and_check() {
    let (_tmp, dir) = unencrypted_cluster("");
    let (code, out, _) = stackc_output(&["policy", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SC107 cluster-secrets-encryption"), "{out}");
    let (code, _, err) = stackc_output(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("P0002") && err.contains("SC107"), "{err}");
}

#[test]
fn suppressions_expire_after_their_day() {
    let (_tmp, dir) = unencrypted_cluster(
        r#"suppress = { SC107 = { reason = "migrating the etcd data first", until = "2027-01-31" } }"#,
    );
    let check = |today: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_stackc"))
            .args(["check", dir.to_str().unwrap()])
            .env("NO_COLOR", "1")
            .env("STACKC_TODAY", today)
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = check("2027-01-31");
    assert_eq!(code, 0, "the last day still holds:\n{err}");
    assert!(err.contains("W0419") && err.contains("expires today"), "{err}");
    let (code, err) = check("2027-02-01");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0419") && err.contains("expired on 2027-01-31"), "{err}");
    let (code, err) = check("yesterday");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("STACKC_TODAY"), "{err}");
}

#[test]
fn suppressions_reach_the_emitted_checkov_skips() {
    // A rule ID in `suppress` becomes a skip comment for each checkov check of the rule.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _, err) = stackc_output(&[
        "build",
        repo().join("tests/policy/every-rule").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let cluster = std::fs::read_to_string(out.join("prod/terraform/cluster.tf")).unwrap();
    assert!(cluster.contains("checkov:skip=CKV_AWS_58:fixture: exercises the rule's checkov claims"), "{cluster}");
}

#[test]
fn check_shows_a_few_findings_of_a_rule_and_counts_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("stack");
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from(
        "stack \"s\" {\n  region = \"us-east-1\"\n  tags = { owner = \"me\" }\n}\nenvironment \"prod\" {\n  profile = \"production\"\n  approval {\n    reviewers = 1\n  }\n  suppress = { SC501 = \"a fixture\" }\n}\nnetwork \"main\" {\n  cidr = \"10.0.0.0/16\"\n}\ncluster \"main\" {\n  node_pool \"general\" {}\n}\n",
    );
    for i in 0..15 {
        text.push_str(&format!(
            "service \"s{i}\" {{\n  image = \"ghcr.io/acme/s{i}:1.0.0\"\n  port  = 8080\n  health {{}}\n}}\n"
        ));
    }
    std::fs::write(dir.join("main.stack.hcl"), text).unwrap();
    let (code, _, err) = stackc_output(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("SC135 image-digest:").count(), 10, "{err}");
    assert!(err.contains("… and 5 more warnings of rule SC135 (`stackc policy` lists them all)"), "{err}");
    assert!(err.contains("0 error(s), 15 warning(s)"), "{err}");
    let (_, json, _) = stackc_output(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.matches("SC135 image-digest:").count(), 15, "JSON lists every finding");
}
