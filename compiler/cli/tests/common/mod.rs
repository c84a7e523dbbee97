//! What the integration tests share: where the repository is, and the validators
//! `scripts/validators/install` puts in `.cache/validators` (a missing one fails the test).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

pub fn tool(rel: &str) -> PathBuf {
    let p = repo().join(".cache/validators").join(rel);
    assert!(p.exists(), "{} is missing: run scripts/validators/install", p.display());
    p
}

/// The cached helm binary, with its cache, config and data kept under `.cache/validators/helm/home`.
pub fn helm() -> Command {
    let home = repo().join(".cache/validators/helm/home");
    let mut c = Command::new(tool("helm/helm"));
    c.env("HELM_CACHE_HOME", home.join("cache"))
        .env("HELM_CONFIG_HOME", home.join("config"))
        .env("HELM_DATA_HOME", home.join("data"));
    c
}

/// Validates `file` against the vendored SARIF 2.1.0 schema with check-jsonschema: `Err(report)`
/// when it does not.
pub fn sarif_schema_check(file: &Path) -> Result<(), String> {
    let out = Command::new(tool("check-jsonschema/bin/check-jsonschema"))
        .arg("--schemafile")
        .arg(repo().join("vendor/sarif-schema-2.1.0.json"))
        .arg(file)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// Runs the stackc binary: its exit code and standard error.
pub fn stackc(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stackc")).args(args).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Runs the stackc binary: its exit code, standard output and standard error.
pub fn stackc_output(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stackc")).args(args).env("NO_COLOR", "1").output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// `stackc fill OUT --env ENV --terraform-outputs OUTPUTS`: its exit code and standard error.
pub fn fill(out: &Path, env: &str, outputs: &Path) -> (i32, String) {
    stackc(&["fill", out.to_str().unwrap(), "--env", env, "--terraform-outputs", outputs.to_str().unwrap()])
}
