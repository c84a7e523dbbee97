//! The built-in rules: their registry is sound (unique, well-formed IDs in the range of their
//! category; documentation in every field; a `security-severity` for every security rule), each
//! rule's example compiles inside a minimal stack without the rule reporting it, and `docs/rules/`
//! (one page per rule and the index) is generated from the registry.
//! `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test rules` rewrites the pages.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests may use files

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use stackc_core::rules::{self, Category, Check, Rule, Scope};
use stackc_syntax::Severity;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn sorted() -> Vec<&'static Rule> {
    let mut all: Vec<&Rule> = rules::all().collect();
    all.sort_by_key(|r| r.id);
    all
}

fn digit(c: Category) -> char {
    match c {
        Category::Security => '1',
        Category::Reliability => '2',
        Category::Delivery => '3',
        Category::Network => '4',
        Category::Cost => '5',
        Category::Tagging => '6',
    }
}

#[test]
fn registry_is_sound() {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for r in rules::all() {
        assert!(rules::is_rule_id(r.id), "{}: not SC and three digits", r.id);
        assert!(ids.insert(r.id), "{}: two rules share the ID", r.id);
        assert!(names.insert(r.name), "{}: two rules share the name {}", r.id, r.name);
        assert_eq!(r.id.as_bytes()[2] as char, digit(r.category), "{}: the ID's hundreds say the category", r.id);
        assert!(
            r.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}: name {}",
            r.id,
            r.name
        );
        for (what, text) in [("title", r.title), ("why", r.why), ("fix", r.fix), ("example", r.example)] {
            assert!(!text.trim().is_empty(), "{}: empty {what}", r.id);
        }
        assert!(!r.title.ends_with('.'), "{}: a title is not a sentence with a period", r.id);
        for c in r.checkov {
            assert!(c.starts_with("CKV_") || c.starts_with("CKV2_"), "{}: {c} is not a checkov ID", r.id);
        }
        match (r.category, r.security_severity) {
            (Category::Security, Some(s)) => assert!((0.0..=10.0).contains(&s), "{}", r.id),
            (Category::Security, None) => panic!("{}: a security rule needs a security-severity", r.id),
            _ => {}
        }
        assert!(rules::by_id(r.id).is_some_and(|found| std::ptr::eq(found, r)));
    }
    assert!(ids.len() >= 40, "expected the full rule set, found {}", ids.len());
}

/// Each rule's example, inside a minimal stack with one production environment, compiles and the
/// rule reports nothing on what the example declares.
#[test]
fn examples_meet_their_rule() {
    let prelude = r#"
stack "doc" {
  region = "us-east-1"
  state {
    bucket = "doc-tfstate"
  }
  tags = { owner = "docs" }
}
environment "prod" {
  profile = "production"
  approval {
    reviewers = 1
  }
  budget {
    monthly = 100000
  }
}
network "main" {
  cidr = "10.0.0.0/16"
}
cluster "main" {
  node_pool "general" {
    ingress = true
  }
}
dns_zone "public" {
  domain = "example.com"
}
secret "payments" {
  keys = ["STRIPE_API_KEY"]
}
service "api" {
  image = "ghcr.io/acme/api:1.4.2@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
  port  = 8080
  health {}
}
"#;
    let mut failures = Vec::new();
    for r in sorted() {
        // A block the example declares again (by its header) replaces the prelude's; a `stack`
        // block replaces the prelude's whatever its name.
        let mut stack = prelude.to_owned();
        for header in r.example.lines().filter(|l| !l.starts_with(' ') && l.ends_with('{')) {
            let find = if header.starts_with("stack ") { "stack \"doc\" {" } else { header };
            if let Some(start) = stack.find(find) {
                let end = start + stack[start..].find("\n}\n").unwrap() + 3;
                stack.replace_range(start..end, "");
            }
        }
        stack.push_str(r.example);
        stack.push('\n');
        let sources = stackc_core::MemorySources::new().with("doc/main.stack.hcl", stack.clone());
        let c = stackc_core::compile(&sources, "doc").unwrap();
        let errors: Vec<String> = c.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
        if !errors.is_empty() {
            failures.push(format!("{}: the example does not compile: {errors:?}\n{stack}", r.id));
            continue;
        }
        // The example's own resource: the first block of the example.
        let kind = r.example.split_whitespace().next().unwrap();
        let name = r.example.split('"').nth(1).unwrap_or_default();
        let address = match kind {
            "environment" => format!("environment.{name}"),
            "stack" => "environment.prod".to_owned(),
            _ => format!("{kind}.{name}"),
        };
        for env in &c.environments {
            for f in env.findings.iter().filter(|f| f.rule.id == r.id && f.address == address && f.suppressed.is_none())
            {
                failures.push(format!("{}: its example still reports: {}", r.id, f.message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn severity_text(r: &Rule) -> String {
    let sev = match r.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    match r.scope {
        Scope::Everywhere => format!("{sev} in every environment"),
        Scope::Production => format!("{sev} in production environments, a note elsewhere"),
        Scope::Advisory => "a note in every environment (advisory)".to_owned(),
    }
}

fn applies_to(r: &Rule) -> String {
    match r.check {
        Check::Resource(kinds, _) => kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
        Check::Environment(_) => "each environment".to_owned(),
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect()
}

fn page(r: &Rule) -> String {
    let checkov = if r.checkov.is_empty() { "none (stackc's own rule)".to_owned() } else { r.checkov.join(", ") };
    let security = r.security_severity.map_or(String::new(), |s| format!("| security-severity (SARIF) | {s:.1} |\n"));
    let target = match r.check {
        Check::Resource(kinds, _) => kinds[0],
        Check::Environment(_) => "environment",
    };
    format!(
        "# {id}: {name}\n\n\
         <!-- Generated from compiler/core/src/rules/ by `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test rules`. -->\n\n\
         **What it checks:** {title}.\n\n\
         | | |\n|---|---|\n\
         | category | {category} |\n\
         | severity | {severity} |\n\
         | applies to | {applies} |\n\
         | checkov | {checkov} |\n\
         {security}\n\
         ## Why\n\n{why}\n\n\
         ## How to fix\n\n{fix}.\n\n\
         ```hcl\n{example}\n```\n\n\
         ## When it is deliberate\n\n\
         Suppress it where it is reported, with the reason (and, for a temporary exception, the last day it\n\
         holds){skips}:\n\n\
         ```hcl\n{target} \"…\" {{\n  suppress = {{\n    {id} = {{ reason = \"…\", until = \"2027-06-30\" }}\n  }}\n}}\n```\n\n\
         See [the rules](README.md), [parity with checkov](parity.md) and [P0002](../diagnostics/P0002.md).\n",
        id = r.id,
        name = r.name,
        title = r.title,
        category = r.category.as_str(),
        severity = severity_text(r),
        applies = applies_to(r),
        why = r.why,
        fix = capitalized(r.fix),
        example = r.example,
        skips = if r.checkov.is_empty() {
            String::new()
        } else {
            format!("; the reason is copied into the generated files as `checkov:skip` for {}", r.checkov.join(", "))
        },
    )
}

fn index() -> String {
    let mut out = String::from(
        "# Built-in rules\n\n\
         <!-- Generated from compiler/core/src/rules/ by `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test rules`. -->\n\n\
         stackc checks these on the typed stack in every compilation (`stackc check`, `build`, `cost`, `policy`) and\n\
         reports each finding at the stack source (P0002); `stackc policy` lists all of them, notes and\n\
         suppressed ones included, as text, JSON or SARIF. How severities, production environments and\n\
         suppressions work: [docs/policy.md](../policy.md). Which checkov checks each rule predicts, as measured:\n\
         [parity.md](parity.md).\n\n",
    );
    for cat in [
        Category::Security,
        Category::Reliability,
        Category::Delivery,
        Category::Network,
        Category::Cost,
        Category::Tagging,
    ] {
        let rules: Vec<&Rule> = sorted().into_iter().filter(|r| r.category == cat).collect();
        if rules.is_empty() {
            continue;
        }
        let title = capitalized(cat.as_str());
        out.push_str(&format!("## {title}\n\n| rule | checks | severity | checkov |\n|---|---|---|---|\n"));
        for r in rules {
            out.push_str(&format!(
                "| [{}]({}.md) {} | {} | {} | {} |\n",
                r.id,
                r.id,
                r.name,
                r.title,
                severity_text(r),
                r.checkov.join(", ")
            ));
        }
        out.push('\n');
    }
    out
}

#[test]
fn docs_are_generated_from_the_registry() {
    let dir = repo().join("docs/rules");
    let mut expected: Vec<(PathBuf, String)> =
        sorted().iter().map(|r| (dir.join(format!("{}.md", r.id)), page(r))).collect();
    expected.push((dir.join("README.md"), index()));
    let update = std::env::var_os("STACKC_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (path, text) in &expected {
        if update {
            std::fs::write(path, text).unwrap();
        } else if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    // No page for a rule that no longer exists.
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("SC") && !expected.iter().any(|(q, _)| *q == p) {
            stale.push(format!("{} (no such rule)", p.display()));
        }
    }
    assert!(stale.is_empty(), "stale: {stale:?}; run STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test rules");
}
