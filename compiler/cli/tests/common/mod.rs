//! What the integration tests share: where the repository is, and the validators
//! `scripts/validators/install` puts in `.cache/validators` (a missing one fails the test).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

pub fn tool(rel: &str) -> PathBuf {
    let p = repo().join(".cache/validators").join(rel);
    assert!(p.exists(), "{} is missing: run scripts/validators/install", p.display());
    p
}
