//! `compiler/core/src/kinds/generated.rs` — the typed views of the standard library's kinds — is
//! generated from the embedded stdlib by this test and must match it. After changing a kind or a group:
//! `STACKC_UPDATE_GENERATED=1 cargo test -p stackc-core --test kind_views` rewrites it (then `cargo
//! build` tells which emitter has to follow).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use stackc_core::schema::{AttrDef, BlockDef, DefaultValue, KindDef, Target};
use stackc_core::types::Ty;
use stackc_syntax::ast::{Expr, ExprKind};

fn pascal(name: &str) -> String {
    let mut out = String::new();
    let mut prev_digit = false;
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let starts_digit = part.starts_with(|c: char| c.is_ascii_digit());
        if prev_digit && starts_digit {
            out.push('_');
        }
        let part = if part.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            part.to_ascii_lowercase()
        } else {
            part.to_owned()
        };
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
        prev_digit = part.ends_with(|c: char| c.is_ascii_digit());
    }
    out
}

fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ses", "xes", "ches", "shes"] {
        if name.ends_with(suffix) {
            return name[..name.len() - 2].to_owned();
        }
    }
    match name.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => name.to_owned(),
    }
}

fn ident(name: &str) -> String {
    match name {
        "type" | "match" | "ref" | "mod" | "use" | "fn" | "struct" | "enum" | "impl" | "in" | "for" | "loop" => {
            format!("r#{name}")
        }
        _ => name.to_owned(),
    }
}

fn contains_null(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Null => true,
        ExprKind::Conditional(_, a, b) => contains_null(a) || contains_null(b),
        ExprKind::List(items) => items.iter().any(contains_null),
        _ => false,
    }
}

fn may_be_null(default: &DefaultValue) -> bool {
    match default {
        DefaultValue::Required => false,
        DefaultValue::Null => true,
        DefaultValue::Expr(e) => contains_null(e),
    }
}

fn doc(out: &mut String, text: &str, indent: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{indent}/// {line}");
    }
}

/// The items (nested structs and enums) of one module, and their names so two never collide.
#[derive(Default)]
struct Module {
    items: String,
    names: BTreeSet<String>,
}

impl Module {
    fn claim(&mut self, name: &str, owner: &str) {
        assert!(self.names.insert(name.to_owned()), "two types named `{name}` in module `{owner}`");
    }

    fn enumeration(&mut self, owner: &str, name: &str, values: &[String], doc_text: &str) -> String {
        let ty = pascal(name);
        self.claim(&ty, owner);
        let out = &mut self.items;
        doc(out, doc_text, "");
        let _ = writeln!(out, "#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]");
        if values.iter().any(|v| pascal(v).contains('_')) {
            let _ = writeln!(out, "#[allow(non_camel_case_types)]");
        }
        let _ = writeln!(out, "pub enum {ty} {{");
        for v in values {
            let _ = writeln!(out, "    /// `\"{v}\"`\n    {},", pascal(v));
        }
        let _ = writeln!(out, "}}\n\nimpl {ty} {{");
        let all: Vec<String> = values.iter().map(|v| format!("{ty}::{}", pascal(v))).collect();
        let _ = writeln!(out, "    pub const ALL: &'static [{ty}] = &[{}];", all.join(", "));
        let _ = writeln!(out, "    /// The value as written in the stack language.\n    pub fn as_str(self) -> &'static str {{\n        match self {{");
        for v in values {
            let _ = writeln!(out, "            {ty}::{} => {v:?},", pascal(v));
        }
        let _ =
            writeln!(out, "        }}\n    }}\n    pub fn parse(text: &str) -> Option<{ty}> {{\n        match text {{");
        for v in values {
            let _ = writeln!(out, "            {v:?} => Some({ty}::{}),", pascal(v));
        }
        let _ = writeln!(out, "            _ => None,\n        }}\n    }}\n}}\n");
        ty
    }

    /// The Rust type of a value of `ty`, and the expression converting `v` (a `&Value`) at `at` (an
    /// `&At`) to it; it may use `?`.
    fn ty(&mut self, owner: &str, name: &str, ty: &Ty, doc_text: &str) -> (String, String) {
        let simple = |t: &str, f: &str| (t.to_owned(), format!("conv::{f}(v, at)?"));
        match ty {
            Ty::Any => simple("&'a Value", "any"),
            Ty::String => simple("Text<'a>", "text"),
            Ty::Number => simple("f64", "number"),
            Ty::Integer => simple("i64", "integer"),
            Ty::Bool => simple("bool", "boolean"),
            Ty::Size => simple("Size", "size"),
            Ty::Cpu => simple("Cpu", "cpu"),
            Ty::Duration => simple("Duration", "duration"),
            Ty::Cidr => simple("Cidr", "cidr"),
            Ty::Port => simple("Port", "port"),
            Ty::Image => simple("&'a ImageRef", "image"),
            Ty::InstanceType(_) => simple("&'static InstanceType", "instance"),
            Ty::Enum(values) => {
                let t = self.enumeration(owner, name, values, doc_text);
                (t.clone(), format!("conv::enumeration(v, at, {t}::parse)?"))
            }
            Ty::Ref(kind) => {
                let t = format!("Ref<'a, super::{kind}::{}<'a>>", pascal(kind));
                (t, "conv::reference(v, at)?".to_owned())
            }
            Ty::List(inner) => {
                let (t, c) = self.ty(owner, &singular(name), inner, doc_text);
                (format!("Vec<{t}>"), format!("conv::list(v, at, |v, at| Ok({c}))?"))
            }
            Ty::Map(inner) => {
                let (t, c) = self.ty(owner, &singular(name), inner, doc_text);
                (format!("Vec<(&'a str, {t})>"), format!("conv::map(v, at, |v, at| Ok({c}))?"))
            }
            Ty::Object(fields) => {
                let struct_name = pascal(name);
                let mut defs = Vec::new();
                let mut inits = Vec::new();
                for (fname, field) in fields {
                    let (t, c) = self.ty(owner, fname, &field.ty, "");
                    let (t, c) = if field.optional {
                        (format!("Option<{t}>"), format!("conv::optional(v, at, |v, at| Ok({c}))?"))
                    } else {
                        (t, c)
                    };
                    defs.push(format!("    pub {}: {t},", ident(fname)));
                    inits.push(format!(
                        "{}: {{ let at = &at.child({fname:?}); let v = conv::field(m, {fname:?}); {c} }}",
                        ident(fname)
                    ));
                }
                self.claim(&struct_name, owner);
                let uses_a = defs.iter().any(|d| d.contains("'a"));
                let generics = if uses_a { "<'a>" } else { "" };
                doc(&mut self.items, doc_text, "");
                let _ = writeln!(
                    self.items,
                    "#[derive(Debug, Clone, PartialEq)]\npub struct {struct_name}{generics} {{\n{}\n}}\n",
                    defs.join("\n")
                );
                (
                    format!("{struct_name}{generics}"),
                    format!("conv::object(v, at, |m, at| Ok({struct_name} {{ {} }}))?", inits.join(", ")),
                )
            }
        }
    }

    /// One field per attribute: its declaration and its initialiser, reading `v` as `from` says.
    fn fields(
        &mut self,
        owner: &str,
        attrs: &stackc_core::schema::AttrMap,
        from: From<'_>,
        optional: &dyn Fn(&AttrDef) -> bool,
    ) -> (Vec<String>, Vec<String>) {
        let mut defs = Vec::new();
        let mut inits = Vec::new();
        for (i, a) in attrs.values().enumerate() {
            let (t, c) = self.ty(owner, &a.name, &a.ty, &a.doc);
            let (t, c) = if optional(a) {
                (format!("Option<{t}>"), format!("conv::optional(v, at, |v, at| Ok({c}))?"))
            } else {
                (t, c)
            };
            let mut d = String::new();
            doc(&mut d, &a.doc, "    ");
            defs.push(format!("{d}    pub {}: {t},", ident(&a.name)));
            let (at, read) = match from {
                From::Kind(kind) => {
                    let pos = kind.attributes.get_index_of(&a.name).expect("a kind's own attribute");
                    (format!("At::new(&res.address, {:?})", a.name), format!("conv::attr_at(res, {pos}, {:?})", a.name))
                }
                From::Group => {
                    let pos = if i == 0 { "base".to_owned() } else { format!("base + {i}") };
                    (format!("At::new(&res.address, {:?})", a.name), format!("conv::attr_at(res, {pos}, {:?})", a.name))
                }
                From::Block => (format!("at.child({:?})", a.name), format!("conv::block_attr(block, {:?})", a.name)),
            };
            inits.push(format!("{}: {{ let at = &{at}; let v = {read}; {c} }}", ident(&a.name)));
        }
        (defs, inits)
    }

    /// A struct for a nested block; returns the parent's field type and initialiser.
    fn block(&mut self, owner: &str, b: &BlockDef, optional: &dyn Fn(&AttrDef) -> bool) -> (String, String) {
        let name = pascal(&b.name);
        self.claim(&name, owner);
        let (defs, inits) = self.fields(owner, &b.attributes, From::Block, optional);
        let label = if b.labels.is_empty() { "" } else { "    /// The block's label.\n    pub label: &'a str,\n" };
        let label_init = if b.labels.is_empty() { "" } else { "label: block.label.as_deref().unwrap_or_default()," };
        let mut out = String::new();
        doc(&mut out, &b.doc, "");
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone)]\npub struct {name}<'a> {{\n    pub block: &'a BlockInstance,\n{label}{}\n}}\n",
            defs.join("\n")
        );
        let _ = writeln!(
            out,
            "impl<'a> {name}<'a> {{\n    pub fn view(res: &'a Resource, block: &'a BlockInstance) -> Result<{name}<'a>, ViewError> {{\n        \
             let at = &At::new(&res.address, {:?});\n        let at = &at.child(block.label.as_deref().unwrap_or_default());\n        \
             Ok({name} {{ block, {label_init} {} }})\n    }}\n}}\n",
            b.name,
            inits.join(", ")
        );
        self.items.push_str(&out);
        let collect = format!("res.blocks({:?}).iter().map(|b| {name}::view(res, b))", b.name);
        if b.max == Some(1) {
            (format!("Option<{name}<'a>>"), format!("{collect}.next().transpose()?"))
        } else {
            (format!("Vec<{name}<'a>>"), format!("{collect}.collect::<Result<Vec<_>, _>>()?"))
        }
    }
}

const HEADER: &str = "//! Typed views of the standard library's kinds. Generated by `compiler/core/tests/kind_views.rs` \
from `stdlib/`; do not edit:\n//! `STACKC_UPDATE_GENERATED=1 cargo test -p stackc-core --test kind_views` rewrites it.\n\n\
#![allow(clippy::all, unused_imports)]\n\n\
use super::{conv, At, Ref, Text, View, ViewError};\n\
use crate::domain::{Cidr, Cpu, Duration, ImageRef, InstanceType, Port, Size};\n\
use crate::graph::{BlockInstance, Resource};\n\
use crate::value::Value;\n\n";

fn render() -> String {
    let (program, _, diags) = stackc_core::stdlib();
    assert!(diags.is_empty(), "the standard library has diagnostics: {diags:?}");
    let mut out = String::from(HEADER);

    // Group attributes are optional in the view when any kind that includes them may leave them null.
    let optional_in_group = |group: &str, block: Option<&str>, a: &AttrDef| {
        may_be_null(&a.default)
            || program.kinds.values().filter(|k| k.groups.iter().any(|g| g == group)).any(|k| {
                let def = match block {
                    None => k.attributes.get(&a.name),
                    Some(b) => k.blocks.get(b).and_then(|b| b.attributes.get(&a.name)),
                };
                def.is_some_and(|d| may_be_null(&d.default))
            })
    };

    for group in program.groups.values() {
        let mut m = Module::default();
        let g = group.name.as_str();
        // Where the group's attributes start in the viewed resource's kind (see `conv::base`).
        let base = match group.attributes.keys().next() {
            Some(first) => format!("let base = conv::base(res, {first:?});\n        "),
            None => String::new(),
        };
        let (mut defs, mut inits) = m.fields(g, &group.attributes, From::Group, &|a| optional_in_group(g, None, a));
        for b in group.blocks.values() {
            let bname = b.name.clone();
            let (t, init) = m.block(g, b, &|a| optional_in_group(g, Some(&bname), a));
            let mut d = String::new();
            doc(&mut d, &b.doc, "    ");
            defs.push(format!("{d}    pub {}: {t},", ident(&b.name)));
            inits.push(format!("{}: {init}", ident(&b.name)));
        }
        let name = pascal(g);
        m.claim(&name, g);
        let _ = writeln!(out, "pub mod {g} {{\n    use super::*;\n\n    /// The group's name in the stack language.\n    pub const NAME: &str = {g:?};\n");
        doc(&mut out, &group.doc, "    ");
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone)]\npub struct {name}<'a> {{\n    pub resource: &'a Resource,\n{}\n}}\n\n\
             impl<'a> {name}<'a> {{\n    pub fn view(res: &'a Resource) -> Result<{name}<'a>, ViewError> {{\n        \
             {base}Ok({name} {{ resource: res, {} }})\n    }}\n}}\n",
            defs.join("\n"),
            inits.join(", ")
        );
        out.push_str(&m.items);
        out.push_str("}\n\n");
    }

    for kind in program.kinds.values() {
        out.push_str(&kind_module(kind));
    }

    for (target, enum_name) in [
        (None, "Kind"),
        (Some(Target::Aws), "AwsKind"),
        (Some(Target::Kubernetes), "KubernetesKind"),
        (Some(Target::Hosts), "HostsKind"),
        (Some(Target::Github), "GithubKind"),
    ] {
        let kinds: Vec<&KindDef> =
            program.kinds.values().map(|k| &**k).filter(|k| target.is_none_or(|t| k.target == t)).collect();
        let what = target.map_or("every kind".to_owned(), |t| format!("the kinds realised on {}", t.as_str()));
        let _ =
            writeln!(out, "/// A view of a resource of {what}.\n#[derive(Debug, Clone)]\npub enum {enum_name}<'a> {{");
        for k in &kinds {
            let _ = writeln!(out, "    {0}({1}::{0}<'a>),", pascal(&k.name), k.name);
        }
        let names: Vec<String> = kinds.iter().map(|k| format!("{:?}", k.name)).collect();
        let _ = writeln!(out, "}}\n\nimpl<'a> {enum_name}<'a> {{");
        let _ = writeln!(
            out,
            "    /// The kinds of this enum, by name.\n    pub const KINDS: &'static [&'static str] = &[{}];",
            names.join(", ")
        );
        let _ = writeln!(
            out,
            "    /// The view of `res`, or `None` when its kind is not one of these.\n    \
             pub fn view(res: &'a Resource) -> Result<Option<{enum_name}<'a>>, ViewError> {{\n        \
             Ok(Some(match res.kind.name.as_str() {{"
        );
        for k in &kinds {
            let _ = writeln!(out, "            {:?} => {enum_name}::{}(View::view(res)?),", k.name, pascal(&k.name));
        }
        let _ = writeln!(out, "            _ => return Ok(None),\n        }}))\n    }}\n");
        let _ = writeln!(out, "    pub fn resource(&self) -> &'a Resource {{\n        match self {{");
        for k in &kinds {
            let _ = writeln!(out, "            {enum_name}::{}(v) => v.resource,", pascal(&k.name));
        }
        let _ = writeln!(out, "        }}\n    }}\n}}\n");
    }
    for kind in program.kinds.values() {
        let _ = writeln!(out, "pub use {}::{};", kind.name, pascal(&kind.name));
    }
    out
}

fn kind_module(kind: &KindDef) -> String {
    let k = kind.name.as_str();
    let mut m = Module::default();
    let own: stackc_core::schema::AttrMap =
        kind.attributes.iter().filter(|(_, a)| a.group.is_none()).map(|(n, a)| (n.clone(), a.clone())).collect();
    let (mut defs, mut inits) = m.fields(k, &own, From::Kind(kind), &|a| may_be_null(&a.default));
    for g in &kind.groups {
        defs.push(format!("    pub {g}: super::{g}::{}<'a>,", pascal(g)));
        inits.push(format!("{g}: super::{g}::{}::view(res)?", pascal(g)));
    }
    for b in kind.blocks.values().filter(|b| b.group.is_none()) {
        let (t, init) = m.block(k, b, &|a| may_be_null(&a.default));
        let mut d = String::new();
        doc(&mut d, &b.doc, "    ");
        defs.push(format!("{d}    pub {}: {t},", ident(&b.name)));
        inits.push(format!("{}: {init}", ident(&b.name)));
    }
    let name = pascal(k);
    m.claim(&name, k);
    let mut out = format!("pub mod {k} {{\n    use super::*;\n\n");
    doc(&mut out, &format!("`{k}`: {}", kind.doc), "    ");
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone)]\npub struct {name}<'a> {{\n    pub resource: &'a Resource,\n{}\n}}\n\n\
         impl<'a> View<'a> for {name}<'a> {{\n    const KIND: &'static str = {k:?};\n    \
         fn view(res: &'a Resource) -> Result<{name}<'a>, ViewError> {{\n        Ok({name} {{ resource: res, {} }})\n    }}\n    \
         fn resource(&self) -> &'a Resource {{\n        self.resource\n    }}\n}}\n",
        defs.join("\n"),
        inits.join(", ")
    );
    out.push_str(&m.items);
    if !kind.outputs.is_empty() {
        m.claim("Output", k);
        let values: Vec<String> = kind.outputs.keys().cloned().collect();
        let _ = writeln!(out, "/// The outputs of a {k}: values known after apply that other resources read.");
        let _ =
            writeln!(out, "#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub enum Output {{");
        for o in kind.outputs.values() {
            doc(&mut out, &o.doc, "    ");
            let _ = writeln!(out, "    {},", pascal(&o.name));
        }
        let all: Vec<String> = values.iter().map(|v| format!("Output::{}", pascal(v))).collect();
        let _ = writeln!(out, "}}\n\nimpl Output {{\n    pub const ALL: &'static [Output] = &[{}];", all.join(", "));
        let _ = writeln!(out, "    /// The output's name in the stack language.\n    pub fn name(self) -> &'static str {{\n        match self {{");
        for v in &values {
            let _ = writeln!(out, "            Output::{} => {v:?},", pascal(v));
        }
        let _ = writeln!(
            out,
            "        }}\n    }}\n    pub fn parse(name: &str) -> Option<Output> {{\n        match name {{"
        );
        for v in &values {
            let _ = writeln!(out, "            {v:?} => Some(Output::{}),", pascal(v));
        }
        let _ = writeln!(out, "            _ => None,\n        }}\n    }}\n}}\n");
    }
    out.push_str("}\n\n");
    out
}

/// Where `Module::fields` reads attributes from.
#[derive(Clone, Copy)]
enum From<'k> {
    /// A kind's own attributes: at their positions in the kind.
    Kind(&'k KindDef),
    /// A group's: at their positions from where the group's first one is in the viewed kind.
    Group,
    /// A nested block's: by name.
    Block,
}

fn rustfmt(text: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt (from the Rust toolchain) runs");
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "rustfmt failed on the generated views:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn kind_views_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/kinds/generated.rs");
    let expected = rustfmt(&render());
    if std::env::var_os("STACKC_UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "src/kinds/generated.rs is stale: run `STACKC_UPDATE_GENERATED=1 cargo test -p stackc-core --test kind_views`"
    );
}

#[test]
fn names_become_rust_identifiers() {
    assert_eq!(pascal("TLSv1.2_2021"), "TLSv1_2_2021");
    assert_eq!(pascal("AAAA"), "Aaaa");
    assert_eq!(pascal("controllerManager"), "ControllerManager");
    assert_eq!(pascal("volatile-lru"), "VolatileLru");
    assert_eq!(pascal("ubuntu-24.04"), "Ubuntu24_04");
    assert_eq!(singular("taints"), "taint");
    assert_eq!(singular("aliases"), "alias");
    assert_eq!(singular("endpoints"), "endpoint");
    assert_eq!(singular("class"), "class");
    assert_eq!(ident("type"), "r#type");
}

#[test]
fn group_attributes_sit_together_in_every_kind() {
    // The views read a group's attributes at `base + i` (`conv::attr_at`), which falls back to a lookup
    // by name, so a kind that broke this would still read right, only slower: this keeps it fast.
    let (program, _, _) = stackc_core::stdlib();
    let mut checked = 0;
    for kind in program.kinds.values() {
        for g in &kind.groups {
            let group = &program.groups[g.as_str()];
            let Some(first) = group.attributes.keys().next() else { continue };
            let base = kind.attributes.get_index_of(first).unwrap();
            for (i, name) in group.attributes.keys().enumerate() {
                assert_eq!(
                    kind.attributes.get_index_of(name),
                    Some(base + i),
                    "`{name}` of group `{g}` in kind `{}`",
                    kind.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}
