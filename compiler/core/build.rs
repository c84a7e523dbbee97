//! Embeds the standard library (`stdlib/`), the built-in profiles (`environments/`) and the first-party
//! modules (`modules/`) into the binary, so that adding a kind is adding a file.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.to_string_lossy().ends_with(".stack.hcl") {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let repo = manifest.join("../..");
    let mut code =
        String::from("/// (virtual path, text) of every embedded file.\npub static FILES: &[(&str, &str)] = &[\n");
    for top in ["stdlib", "environments", "modules"] {
        let dir = repo.join(top);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        collect(&dir, &repo, &mut files);
        for (rel, path) in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let abs = path.canonicalize().unwrap_or(path);
            let _ =
                writeln!(code, "    ({:?}, include_str!({:?})),", format!("<stackc>/{rel}"), abs.display().to_string());
        }
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
