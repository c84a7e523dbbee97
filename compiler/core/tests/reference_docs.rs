//! `docs/reference.md` — kinds, profiles and functions — is generated from the embedded standard
//! library and must match it. `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test reference_docs`
//! rewrites it.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use std::fmt::Write as _;

use stackc_core::schema::DefaultValue;
use stackc_core::value::Value;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn attribute_row(out: &mut String, a: &stackc_core::schema::AttrDef, sources: &stackc_syntax::SourceMap) {
    let default = match &a.default {
        DefaultValue::Required => "**required**".to_owned(),
        DefaultValue::Null => "none".to_owned(),
        DefaultValue::Expr(e) => format!("`{}`", cell(sources.slice(e.span))),
    };
    let _ = writeln!(out, "| `{}` | `{}` | {default} | {} |", a.name, cell(&a.ty.to_string()), cell(&a.doc));
}

fn render() -> String {
    let (program, sources, diags) = stackc_core::stdlib();
    assert!(diags.is_empty(), "the standard library has diagnostics: {diags:?}");
    let mut out = String::from(
        "# Reference: kinds, profiles, functions\n\n\
         Generated from the standard library embedded in stackc (`stdlib/`, `environments/`); do not edit by hand.\n\n",
    );
    out.push_str("## Kinds\n\n| kind | realised on | what it is |\n|---|---|---|\n");
    for kind in program.kinds.values() {
        let _ = writeln!(out, "| [`{0}`](#{0}) | {1} | {2} |", kind.name, kind.target.as_str(), cell(&kind.doc));
    }
    for kind in program.kinds.values() {
        let _ = write!(out, "\n### {}\n\n{}\n\nRealised on: {}.", kind.name, kind.doc, kind.target.as_str());
        if !kind.groups.is_empty() {
            let groups: Vec<String> = kind.groups.iter().map(|g| format!("[`{g}`](#group-{g})")).collect();
            let _ = write!(out, " Includes the attribute groups {}.", groups.join(", "));
        }
        out.push_str("\n\n| attribute | type | default | meaning |\n|---|---|---|---|\n");
        for a in kind.attributes.values() {
            attribute_row(&mut out, a, &sources);
        }
        for b in kind.blocks.values() {
            let labels: String = b.labels.iter().map(|l| format!(" \"<{l}>\"")).collect();
            let count = match (b.min, b.max) {
                (0, None) => "any number".to_owned(),
                (min, None) => format!("at least {min}"),
                (0, Some(max)) => format!("at most {max}"),
                (min, Some(max)) => format!("{min} to {max}"),
            };
            let _ = write!(out, "\nBlock `{}{labels} {{ … }}` ({count}): {}\n\n", b.name, b.doc);
            out.push_str("| attribute | type | default | meaning |\n|---|---|---|---|\n");
            for a in b.attributes.values() {
                attribute_row(&mut out, a, &sources);
            }
        }
        if !kind.outputs.is_empty() {
            out.push_str("\nOutputs (known after apply):\n\n| output | meaning |\n|---|---|\n");
            for o in kind.outputs.values() {
                let _ = writeln!(out, "| `{}` | {} |", o.name, cell(&o.doc));
            }
        }
    }
    out.push_str(
        "\n## Attribute groups\n\nAttributes several kinds share, declared once in `stdlib/groups/` and taken in with \
         `include`. A kind may give an included attribute another default (the kind tables above show the \
         default that applies).\n",
    );
    for group in program.groups.values() {
        let _ = write!(out, "\n### group {}\n\n{}\n\n", group.name, group.doc);
        let users: Vec<String> = program
            .kinds
            .values()
            .filter(|k| k.groups.contains(&group.name))
            .map(|k| format!("[`{0}`](#{0})", k.name))
            .collect();
        let _ = write!(out, "Included by {}.\n\n", users.join(", "));
        let attrs: Vec<String> = group.attributes.keys().map(|a| format!("`{a}`")).collect();
        let blocks: Vec<String> = group.blocks.keys().map(|b| format!("`{b}`")).collect();
        let _ = write!(out, "Attributes: {}.", attrs.join(", "));
        if !blocks.is_empty() {
            let _ = write!(out, " Blocks: {}.", blocks.join(", "));
        }
        out.push('\n');
    }
    out.push_str(
        "\n## Profiles\n\nWhat each built-in profile sets; kind defaults read them as `profile.<field>`.\n\n| field |",
    );
    let builtins: Vec<_> = program.profiles.values().filter(|p| p.builtin).collect();
    for p in &builtins {
        let _ = write!(out, " {} |", p.name);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(builtins.len()));
    out.push('\n');
    if let Some(first) = builtins.first() {
        for field in first.fields.keys() {
            let _ = write!(out, "| `{field}` |");
            for p in &builtins {
                let v = p.fields.get(field).map_or(Value::Null, |(v, _)| v.clone());
                let _ = write!(out, " `{}` |", cell(&v.to_string()));
            }
            out.push('\n');
        }
    }
    out.push_str("\n## Functions\n\n| function | signature | what it does |\n|---|---|---|\n");
    for (name, sig, doc) in stackc_core::functions::FUNCTIONS {
        let _ = writeln!(out, "| `{name}` | `{sig}` | {doc} |");
    }
    out
}

#[test]
fn reference_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/reference.md");
    let rendered = render();
    if std::env::var_os("STACKC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == rendered,
        "docs/reference.md is stale: run `STACKC_UPDATE_DOCS=1 cargo test -p stackc-core --test reference_docs`"
    );
}
