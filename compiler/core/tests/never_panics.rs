//! The front end never panics: not on arbitrary bytes, not on mutations of real stacks.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use proptest::prelude::*;
use stackc_core::{compile, MemorySources};

const SEED: &str = r#"
stack "shop" {
  region = "us-east-1"
  state {
    bucket = "shop-tfstate"
  }
}
environment "dev" { profile = "development" }
environment "prod" {
  profile = "production"
  override "network.main" { zones = 3 }
}
locals {
  names = ["a", "b"]
  upper = [for n in local.names : upper(n) if n != ""]
  by    = { for i, n in local.names : n => i }
}
network "main" {
  cidr = "10.0.0.0/16"
}
policy "p" {
  when    = env.profile == "production"
  assert  = length(local.names) > 1
  message = "need ${length(local.names)} names"
}
"#;

fn compile_text(text: &str) {
    let sources = MemorySources::new().with("s/main.stack.hcl", text.to_owned());
    let _ = compile(&sources, "s");
}

/// Real stacks from the repository's examples, read at test time, as mutation seeds.
fn seeds() -> Vec<String> {
    let mut out = vec![SEED.to_owned()];
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    if let Ok(dirs) = std::fs::read_dir(examples) {
        for dir in dirs.flatten() {
            if let Ok(files) = std::fs::read_dir(dir.path()) {
                for f in files.flatten() {
                    if f.path().to_string_lossy().ends_with(".stack.hcl") {
                        if let Ok(t) = std::fs::read_to_string(f.path()) {
                            out.push(t);
                        }
                    }
                }
            }
        }
    }
    out
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "${",
    "%{",
    "=",
    "==",
    "?",
    ":",
    ",",
    ".",
    "..",
    "...",
    "*",
    "/",
    "%",
    "\n",
    "#",
    "<<EOF\n",
    "EOF",
    "null",
    "true",
    "-1",
    "1e309",
    "0.5",
    "for",
    "in",
    "if",
    "=>",
    "self",
    "env",
    "profile",
    "local",
    "module",
    "database",
    "network.main",
    "only(network)",
    "\u{0}",
    "\u{feff}",
    "é",
    "[*]",
    "depends_on = [network.main]",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}") {
        compile_text(&text);
    }

    #[test]
    fn mutated_stacks(seed_index in 0usize..64, edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, prop::sample::select(TOKENS)), 1..8)) {
        let seeds = seeds();
        let mut text = seeds[seed_index % seeds.len()].clone();
        for (at, op, token) in edits {
            if text.is_empty() {
                text.push_str(token);
                continue;
            }
            let mut pos = at.index(text.len());
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            match op {
                0 => text.insert_str(pos, token),
                1 => {
                    let mut end = (pos + token.len()).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(pos..end, "");
                }
                2 => {
                    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
                    text.replace_range(pos..line_end, token);
                }
                _ => {
                    let dup = text[pos..].chars().take(40).collect::<String>();
                    text.insert_str(pos, &dup);
                }
            }
        }
        compile_text(&text);
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    for depth in [64usize, 512] {
        let text = format!("locals {{\n  x = {}1{}\n}}\n", "[".repeat(depth), "]".repeat(depth));
        compile_text(&text);
        let text = format!("locals {{\n  x = {}1{}\n}}\n", "(".repeat(depth), ")".repeat(depth));
        compile_text(&text);
    }
}

/// The examples as one file each (they compile on their own when the module is next to them).
fn whole_examples() -> Vec<Vec<(String, String)>> {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for example in ["platform", "product", "static-site"] {
        let mut files = Vec::new();
        for dir in [format!("examples/{example}"), "modules/web-service".to_owned()] {
            let mut entries: Vec<_> = std::fs::read_dir(repo.join(&dir)).unwrap().flatten().map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                if path.to_string_lossy().ends_with(".stack.hcl") {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    files.push((format!("{dir}/{name}"), std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        out.push(files);
    }
    out
}

/// Values that keep a stack well-formed but change what it means.
const VALUES: &[&str] = &["0", "1", "2", "3", "7", "100", "true", "false", "null", "\"\"", "\"x\"", "[]", "{}"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Every target runs on whatever the front end accepts, and succeeds: a stack without errors never
    /// meets an internal error (E0901) or a panic in an emitter.
    #[test]
    fn emitters_accept_what_the_front_end_accepts(
        example in 0usize..3,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop::sample::select(VALUES)), 1..5),
    ) {
        let mut files = whole_examples().swap_remove(example);
        for (file, line, value) in edits {
            let f = file.index(files.len());
            let lines: Vec<String> = files[f].1.lines().map(str::to_owned).collect();
            let i = line.index(lines.len().max(1));
            let mut lines = lines;
            if let Some(l) = lines.get_mut(i) {
                // Replace the value of an attribute line (`name = value`), keeping the name.
                if let Some(eq) = l.find(" = ") {
                    let rest = &l[eq + 3..];
                    if !rest.ends_with('{') && !rest.ends_with('[') && !rest.ends_with('(') {
                        *l = format!("{} = {value}", &l[..eq]);
                    }
                }
            }
            files[f].1 = lines.join("\n") + "\n";
        }
        let mut sources = MemorySources::new();
        let stack = files[0].0.rsplit_once('/').map(|(d, _)| d.to_owned()).unwrap_or_default();
        for (path, text) in files {
            sources.add(path, text);
        }
        let c = compile(&sources, &stack).unwrap();
        if !c.has_errors() {
            let built = stackc_core::emit::build(&c, None);
            prop_assert!(built.is_ok(), "an accepted stack failed to build: {:?}", built.err());
            prop_assert!(!built.unwrap_or_default().is_empty());
        }
    }
}
