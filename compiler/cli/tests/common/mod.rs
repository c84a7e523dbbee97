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
