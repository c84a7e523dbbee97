//! Kinds: the resource types of the standard library, read from `kind` blocks written in the stack
//! language itself (`stdlib/*.stack.hcl`). The checker and evaluator know nothing about particular
//! kinds; everything kind-specific is data here.
//!
//! Attributes several kinds share (a container's image, command, resources…) are declared once in a
//! `group` block (`stdlib/groups/`) and taken in with `include = ["container"]`; a kind that needs other
//! defaults for them says so with `defaults = { cpu = "100m", "health.timeout" = "3s" }`.

use stackc_syntax::ast::{Block, Expr, ExprKind};
use stackc_syntax::{Code, Diagnostic, Severity, Span};

use crate::domain::{Cpu, Duration, Size};
use crate::value::Value;

use crate::suggest::did_you_mean;
use crate::types::{parse_type, Ty};

/// An insertion-ordered map of the program's declarations (kinds, blocks, profiles, scopes' names):
/// looked up by name on every read of a value, so hashed with foldhash (fixed seed: deterministic,
/// and the names come from the stdlib and the stack).
pub type IndexMap<K, V> = indexmap::IndexMap<K, V, foldhash::fast::FixedState>;

/// Attributes by name, in declaration order.
pub type AttrMap = IndexMap<String, AttrDef>;

/// A hash map for the compiler's hot lookups (addresses, names): foldhash with a fixed seed, so it is
/// fast and iterates in the same order on every run and machine.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Names every resource accepts in addition to its kind's attributes.
pub const META_ATTRIBUTES: &[&str] = &["enabled", "depends_on", "suppress"];

/// Where a kind is realised; decides which emitter lowers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Aws,
    Kubernetes,
    Hosts,
    Github,
}

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        Some(match s {
            "aws" => Target::Aws,
            "kubernetes" => Target::Kubernetes,
            "hosts" => Target::Hosts,
            "github" => Target::Github,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Aws => "aws",
            Target::Kubernetes => "kubernetes",
            Target::Hosts => "hosts",
            Target::Github => "github",
        }
    }
}

#[derive(Debug, Clone)]
pub struct KindDef {
    pub name: String,
    pub doc: String,
    pub target: Target,
    /// The attribute groups it includes, in order; their attributes and blocks come first.
    pub groups: Vec<String>,
    pub attributes: AttrMap,
    pub blocks: IndexMap<String, BlockDef>,
    pub outputs: IndexMap<String, OutputDef>,
    /// Rules over a whole resource (`self`), its included groups' first.
    pub checks: Vec<CheckDef>,
    /// The attributes' positions sorted by name: resources keep their values by position, and walk
    /// them in name order where the order shows (graph edges, diagnostics).
    pub by_name: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct AttrDef {
    pub name: String,
    pub ty: Ty,
    pub default: DefaultValue,
    pub doc: String,
    /// Whether references in this attribute order deployment (dependency-graph edges). `orders =
    /// false` marks a relation that is not a dependency, like a network policy's allowed peers.
    pub orders: bool,
    /// The attribute group it comes from, if any.
    pub group: Option<String>,
    /// Whether its strings may be values known only after apply (`deferred = true`); otherwise a
    /// target needs them when compiling (a name, a version, a region).
    pub deferred: bool,
    /// What the real service accepts, checked in every environment.
    pub constraints: Constraints,
    pub span: Span,
}

/// Limits on an attribute's value, declared in its `attribute` block and enforced for every value it
/// takes (each element of a list or map): `min`/`max` in the attribute's own unit, string lengths and
/// pattern, CIDR prefix lengths, and the number of items of a list or map.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub min: Option<Value>,
    pub max: Option<Value>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// A regular expression the whole string must match, and how to say it (`pattern_doc`).
    pub pattern: Option<Pattern>,
    /// Allowed CIDR prefix lengths, inclusive.
    pub prefix: Option<(u8, u8)>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// A regular expression every key of a map must match.
    pub key_pattern: Option<Pattern>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self.min.is_none()
            && self.max.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.pattern.is_none()
            && self.prefix.is_none()
            && self.min_items.is_none()
            && self.max_items.is_none()
            && self.key_pattern.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    /// Compiled on first use: compiling the stdlib's patterns was a tenth of checking a small stack,
    /// and most compilations use few of them. The syntax is checked when the kind is read.
    regex: std::sync::OnceLock<Option<regex::Regex>>,
    /// What a matching value looks like, for messages: "lowercase letters, digits and dashes".
    pub doc: String,
}

impl Pattern {
    /// Whether all of `text` matches. A pattern that parses but does not compile (beyond the regex
    /// crate's size limit) matches everything; `every_stdlib_pattern_compiles` keeps there being none.
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled().is_none_or(|r| r.is_match(text))
    }

    /// Whether the pattern compiles (it is compiled now if it was not).
    pub fn compiles(&self) -> bool {
        self.compiled().is_some()
    }

    fn compiled(&self) -> Option<&regex::Regex> {
        self.regex.get_or_init(|| regex::Regex::new(&format!("^(?:{})$", self.source)).ok()).as_ref()
    }
}

/// A rule of a kind (or of a nested block, then `self` is the block): `assert` must hold, else the
/// `message` is reported at the attribute `at` (which also says which value to change), with the
/// check's severity and code. `doc` cites the rule of the real service.
#[derive(Debug, Clone)]
pub struct CheckDef {
    pub name: String,
    pub when: Option<Expr>,
    pub assert: Expr,
    pub message: Expr,
    /// The attribute the finding points at; the resource (or block) header when unset.
    pub at: Option<String>,
    pub severity: Severity,
    pub code: Code,
    pub doc: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum DefaultValue {
    /// No default: the attribute must be set.
    Required,
    /// `default = null`: optional, with no value when unset.
    Null,
    /// Evaluated per environment, in the resource's context (`profile`, `env`, `self`, `only(kind)`).
    Expr(Expr),
}

impl AttrDef {
    pub fn is_required(&self) -> bool {
        matches!(self.default, DefaultValue::Required)
    }
}

#[derive(Debug, Clone)]
pub struct BlockDef {
    pub name: String,
    pub doc: String,
    /// Names of the block's labels; empty for an unlabelled block.
    pub labels: Vec<String>,
    pub min: usize,
    pub max: Option<usize>,
    pub attributes: AttrMap,
    /// Rules over one instance (`self` is the block).
    pub checks: Vec<CheckDef>,
    /// The attribute group it comes from, if any.
    pub group: Option<String>,
    pub span: Span,
}

/// A named set of attributes and blocks that kinds include (`group "container" { … }`).
#[derive(Debug, Clone)]
pub struct GroupDef {
    pub name: String,
    pub doc: String,
    pub attributes: AttrMap,
    pub blocks: IndexMap<String, BlockDef>,
    pub checks: Vec<CheckDef>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct OutputDef {
    pub name: String,
    pub ty: Ty,
    pub doc: String,
    pub span: Span,
}

impl KindDef {
    /// Names a resource of this kind may use as `<kind>.<name>.<member>`: attributes, nested blocks
    /// and outputs.
    pub fn member_names(&self) -> impl Iterator<Item = &str> {
        self.attributes.keys().chain(self.blocks.keys()).chain(self.outputs.keys()).map(String::as_str)
    }

    /// Whether `name` is an attribute, nested block or output of the kind.
    pub fn has_member(&self, name: &str) -> bool {
        self.attributes.contains_key(name) || self.blocks.contains_key(name) || self.outputs.contains_key(name)
    }
}

fn string_attr(block: &Block, name: &str) -> Option<(String, Span)> {
    let attr = block.body.attribute(name)?;
    attr.value.as_str().map(|s| (s.to_owned(), attr.value.span))
}

fn number_attr(block: &Block, name: &str, diags: &mut Vec<Diagnostic>) -> Option<usize> {
    let attr = block.body.attribute(name)?;
    match attr.value.kind {
        ExprKind::Number(n) if n >= 0.0 && n.fract() == 0.0 && n < 1e6 => Some(n as usize),
        _ => {
            diags.push(invalid(attr.value.span, format!("`{name}` must be a whole number")));
            None
        }
    }
}

fn invalid(span: Span, what: String) -> Diagnostic {
    Diagnostic::error(Code::E0601, "invalid kind definition").primary(span, what)
}

/// Reads one `group "name" { … }` block.
pub fn read_group(block: &Block, is_kind: &dyn Fn(&str) -> bool, diags: &mut Vec<Diagnostic>) -> Option<GroupDef> {
    let name = block.labels.first()?.name.clone();
    let doc = string_attr(block, "doc").map(|(d, _)| d).unwrap_or_default();
    for attr in &block.body.attributes {
        if attr.name.name != "doc" {
            diags.push(invalid(attr.name.span, format!("unknown group setting `{}`", attr.name.name)));
        }
    }
    let mut members = Members::default();
    members.read(block, is_kind, Some(&name), false, diags);
    Some(GroupDef {
        name,
        doc,
        attributes: members.attributes,
        blocks: members.blocks,
        checks: members.checks,
        span: block.header_span(),
    })
}

/// Reads one `kind "name" { … }` block. `is_kind` tells which names are kinds (for `ref(kind)`);
/// `groups` are the attribute groups it may include.
pub fn read_kind(
    block: &Block,
    groups: &IndexMap<String, GroupDef>,
    is_kind: &dyn Fn(&str) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<KindDef> {
    let name = block.labels.first()?.name.clone();
    let doc = string_attr(block, "doc").map(|(d, _)| d).unwrap_or_default();
    let target = match string_attr(block, "target") {
        Some((t, span)) => match Target::parse(&t) {
            Some(t) => t,
            None => {
                diags.push(
                    invalid(span, format!("unknown target `{t}`")).help("targets: aws, kubernetes, hosts, github"),
                );
                return None;
            }
        },
        None => {
            diags.push(invalid(block.header_span(), "a kind needs `target`".into()));
            return None;
        }
    };
    for attr in &block.body.attributes {
        if !["doc", "target", "include", "defaults"].contains(&attr.name.name.as_str()) {
            diags.push(invalid(attr.name.span, format!("unknown kind setting `{}`", attr.name.name)));
        }
    }
    let mut members = Members::default();
    let mut included = Vec::new();
    if let Some(attr) = block.body.attribute("include") {
        let ExprKind::List(items) = &attr.value.kind else {
            diags.push(invalid(attr.value.span, "`include` lists group names".into()));
            return None;
        };
        for item in items {
            let group = item.as_str().and_then(|g| groups.get(g));
            let Some(group) = group else {
                let help = item.as_str().and_then(|g| did_you_mean(g, groups.keys().map(String::as_str)));
                diags.push(invalid(item.span, "not an attribute group".into()).maybe_help(help));
                continue;
            };
            members.attributes.extend(group.attributes.iter().map(|(k, v)| (k.clone(), v.clone())));
            members.blocks.extend(group.blocks.iter().map(|(k, v)| (k.clone(), v.clone())));
            members.checks.extend(group.checks.iter().cloned());
            included.push(group.name.clone());
        }
    }
    members.read(block, is_kind, None, true, diags);
    if let Some(attr) = block.body.attribute("defaults") {
        let ExprKind::Object(fields) = &attr.value.kind else {
            diags.push(invalid(attr.value.span, "`defaults` maps included attributes to defaults".into()));
            return None;
        };
        for (key, value) in fields {
            let default = match value.kind {
                ExprKind::Null => DefaultValue::Null,
                _ => DefaultValue::Expr(value.clone()),
            };
            let def = match key.name.split_once('.') {
                None => members.attributes.get_mut(&key.name),
                Some((b, a)) => members.blocks.get_mut(b).and_then(|b| b.attributes.get_mut(a)),
            };
            match def {
                Some(def) if def.group.is_some() => def.default = default,
                _ => diags.push(invalid(key.span, format!("`{}` is not an attribute of an included group", key.name))),
            }
        }
    }
    let mut by_name: Vec<usize> = (0..members.attributes.len()).collect();
    by_name.sort_by(|a, b| {
        members.attributes.get_index(*a).map(|x| x.0).cmp(&members.attributes.get_index(*b).map(|x| x.0))
    });
    Some(KindDef {
        name,
        doc,
        target,
        groups: included,
        attributes: members.attributes,
        blocks: members.blocks,
        outputs: members.outputs,
        checks: members.checks,
        by_name,
        span: block.header_span(),
    })
}

/// The attributes, blocks and outputs of a kind or group.
#[derive(Default)]
struct Members {
    attributes: AttrMap,
    blocks: IndexMap<String, BlockDef>,
    outputs: IndexMap<String, OutputDef>,
    checks: Vec<CheckDef>,
}

impl Members {
    fn read(
        &mut self,
        block: &Block,
        is_kind: &dyn Fn(&str) -> bool,
        group: Option<&str>,
        outputs: bool,
        diags: &mut Vec<Diagnostic>,
    ) {
        for inner in &block.body.blocks {
            let Some(label) = inner.labels.first() else {
                diags.push(invalid(inner.header_span(), format!("`{}` needs a name", inner.ident.name)));
                continue;
            };
            let taken = inner.ident.name != "check"
                && (self.attributes.contains_key(&label.name)
                    || self.blocks.contains_key(&label.name)
                    || self.outputs.contains_key(&label.name)
                    || META_ATTRIBUTES.contains(&label.name.as_str()));
            if taken {
                diags.push(invalid(label.span, format!("`{}` is defined twice or is reserved", label.name)));
                continue;
            }
            match inner.ident.name.as_str() {
                "check" => {
                    if let Some(c) = read_check(inner, diags) {
                        self.checks.push(c);
                    }
                }
                "attribute" => {
                    if let Some(mut a) = read_attr(inner, is_kind, diags) {
                        a.group = group.map(str::to_owned);
                        self.attributes.insert(a.name.clone(), a);
                    }
                }
                "output" if outputs => {
                    let ty = inner
                        .body
                        .attribute("type")
                        .map(|a| parse_type(&a.value, is_kind))
                        .transpose()
                        .unwrap_or_else(|d| {
                            diags.push(d);
                            None
                        })
                        .unwrap_or(Ty::String);
                    let doc = string_attr(inner, "doc").map(|(d, _)| d).unwrap_or_default();
                    self.outputs
                        .insert(label.name.clone(), OutputDef { name: label.name.clone(), ty, doc, span: label.span });
                }
                "block" => {
                    let mut battrs = AttrMap::default();
                    let mut bchecks = Vec::new();
                    for a in &inner.body.blocks {
                        match a.ident.name.as_str() {
                            "attribute" => {
                                if let Some(mut a) = read_attr(a, is_kind, diags) {
                                    a.group = group.map(str::to_owned);
                                    battrs.insert(a.name.clone(), a);
                                }
                            }
                            "check" => bchecks.extend(read_check(a, diags)),
                            _ => diags.push(invalid(
                                a.ident.span,
                                "only `attribute` and `check` may appear in a `block`".into(),
                            )),
                        }
                    }
                    let labels = match inner.body.attribute("labels").map(|a| &a.value.kind) {
                        Some(ExprKind::List(items)) => {
                            items.iter().filter_map(|e| e.as_str().map(str::to_owned)).collect()
                        }
                        _ => Vec::new(),
                    };
                    self.blocks.insert(
                        label.name.clone(),
                        BlockDef {
                            name: label.name.clone(),
                            doc: string_attr(inner, "doc").map(|(d, _)| d).unwrap_or_default(),
                            labels,
                            min: number_attr(inner, "min", diags).unwrap_or(0),
                            max: number_attr(inner, "max", diags),
                            attributes: battrs,
                            checks: bchecks,
                            group: group.map(str::to_owned),
                            span: label.span,
                        },
                    );
                }
                other => {
                    let allowed: &[&str] =
                        if outputs { &["attribute", "block", "output"] } else { &["attribute", "block"] };
                    let help = did_you_mean(other, allowed.iter().copied());
                    diags.push(invalid(inner.ident.span, format!("unknown kind member `{other}`")).maybe_help(help));
                }
            }
        }
    }
}

fn read_attr(block: &Block, is_kind: &dyn Fn(&str) -> bool, diags: &mut Vec<Diagnostic>) -> Option<AttrDef> {
    let name = block.labels.first()?;
    let Some(type_attr) = block.body.attribute("type") else {
        diags.push(invalid(name.span, format!("attribute `{}` needs a `type`", name.name)));
        return None;
    };
    let ty = match parse_type(&type_attr.value, is_kind) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let default = match block.body.attribute("default") {
        None => DefaultValue::Required,
        Some(a) if a.value.kind == ExprKind::Null => DefaultValue::Null,
        Some(a) => DefaultValue::Expr(a.value.clone()),
    };
    let doc = string_attr(block, "doc").map(|(d, _)| d).unwrap_or_default();
    let flag = |setting: &str, default: bool, diags: &mut Vec<Diagnostic>| match block.body.attribute(setting) {
        None => default,
        Some(a) => match a.value.kind {
            ExprKind::Bool(b) => b,
            _ => {
                diags.push(invalid(a.value.span, format!("`{setting}` must be true or false")));
                default
            }
        },
    };
    let orders = flag("orders", true, diags);
    let deferred = flag("deferred", false, diags);
    let constraints = read_constraints(block, &ty, diags);
    for attr in &block.body.attributes {
        if !ATTRIBUTE_SETTINGS.contains(&attr.name.name.as_str()) {
            let help = did_you_mean(&attr.name.name, ATTRIBUTE_SETTINGS.iter().copied());
            diags.push(
                invalid(attr.name.span, format!("unknown attribute setting `{}`", attr.name.name)).maybe_help(help),
            );
        }
    }
    Some(AttrDef {
        name: name.name.clone(),
        ty,
        default,
        doc,
        orders,
        group: None,
        deferred,
        constraints,
        span: name.span,
    })
}

/// What an `attribute` block may set.
const ATTRIBUTE_SETTINGS: &[&str] = &[
    "type",
    "default",
    "doc",
    "orders",
    "deferred",
    "min",
    "max",
    "min_length",
    "max_length",
    "pattern",
    "pattern_doc",
    "prefix",
    "min_items",
    "max_items",
    "key_pattern",
    "key_pattern_doc",
];

/// The scalar type constraints apply to: the element type of lists, maps and `optional`.
fn scalar(ty: &Ty) -> &Ty {
    match ty {
        Ty::List(t) | Ty::Map(t) => scalar(t),
        t => t,
    }
}

/// A bound written in the attribute's unit: a number, or a size, cpu or duration as a string.
fn bound(expr: &Expr, ty: &Ty) -> Result<Value, String> {
    let text = expr.as_str();
    let number = match &expr.kind {
        ExprKind::Number(n) => Some(*n),
        ExprKind::Unary(stackc_syntax::ast::UnaryOp::Neg, inner) => match inner.kind {
            ExprKind::Number(n) => Some(-n),
            _ => None,
        },
        _ => None,
    };
    match (scalar(ty), text, number) {
        (Ty::Number | Ty::Integer | Ty::Port, _, Some(n)) => Ok(Value::Number(n)),
        (Ty::Size, Some(t), _) => Size::parse(t).map(Value::Size).map_err(|e| e.message),
        (Ty::Cpu, Some(t), _) => Cpu::parse(t).map(Value::Cpu).map_err(|e| e.message),
        (Ty::Duration, Some(t), _) => Duration::parse(t).map(Value::Duration).map_err(|e| e.message),
        (t, _, _) => Err(format!(
            "`min`/`max` need a number, size, cpu or duration attribute, and a value of that type (not {t})"
        )),
    }
}

fn read_constraints(block: &Block, ty: &Ty, diags: &mut Vec<Diagnostic>) -> Constraints {
    let mut c = Constraints::default();
    let count = |setting: &str, diags: &mut Vec<Diagnostic>| number_attr(block, setting, diags);
    for (setting, slot) in [("min", &mut c.min), ("max", &mut c.max)] {
        if let Some(a) = block.body.attribute(setting) {
            match bound(&a.value, ty) {
                Ok(v) => *slot = Some(v),
                Err(e) => diags.push(invalid(a.value.span, e)),
            }
        }
    }
    c.min_length = count("min_length", diags);
    c.max_length = count("max_length", diags);
    c.min_items = count("min_items", diags);
    c.max_items = count("max_items", diags);
    let pattern = |setting: &str, doc: &str, diags: &mut Vec<Diagnostic>| {
        let a = block.body.attribute(setting)?;
        let Some(source) = a.value.as_str() else {
            diags.push(invalid(a.value.span, format!("`{setting}` is a regular expression, as a string")));
            return None;
        };
        match regex_syntax::Parser::new().parse(&format!("^(?:{source})$")) {
            Ok(_) => {
                let doc = string_attr(block, doc).map(|(d, _)| d).unwrap_or_else(|| format!("`{source}`"));
                Some(Pattern { source: source.to_owned(), regex: std::sync::OnceLock::new(), doc })
            }
            Err(e) => {
                diags.push(invalid(a.value.span, format!("not a regular expression: {e}")));
                None
            }
        }
    };
    c.pattern = pattern("pattern", "pattern_doc", diags);
    c.key_pattern = pattern("key_pattern", "key_pattern_doc", diags);
    if let Some(a) = block.body.attribute("prefix") {
        let range = match &a.value.kind {
            ExprKind::List(items) => match items.as_slice() {
                [lo, hi] => match (&lo.kind, &hi.kind) {
                    (ExprKind::Number(l), ExprKind::Number(h)) if *l >= 0.0 && *h <= 32.0 && l <= h => {
                        Some((*l as u8, *h as u8))
                    }
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        match range {
            Some(r) if matches!(scalar(ty), Ty::Cidr) => c.prefix = Some(r),
            _ => diags.push(invalid(a.value.span, "`prefix` is `[shortest, longest]` on a cidr attribute".into())),
        }
    }
    c
}

/// Reads a `check "name" { assert = … message = … at = "attr" severity = "warning" code = "W0401" }`.
fn read_check(block: &Block, diags: &mut Vec<Diagnostic>) -> Option<CheckDef> {
    let name = block.labels.first()?;
    let expr = |n: &str| block.body.attribute(n).map(|a| a.value.clone());
    let Some(assert) = expr("assert") else {
        diags.push(invalid(name.span, format!("check `{}` needs `assert`", name.name)));
        return None;
    };
    let Some(message) = expr("message") else {
        diags.push(invalid(name.span, format!("check `{}` needs `message`", name.name)));
        return None;
    };
    let severity = match string_attr(block, "severity") {
        None => Severity::Error,
        Some((s, span)) => match s.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => {
                diags.push(invalid(span, "`severity` is \"error\" or \"warning\"".into()));
                Severity::Error
            }
        },
    };
    let default_code = if severity == Severity::Error { Code::E0422 } else { Code::W0422 };
    let code = match string_attr(block, "code") {
        None => default_code,
        Some((c, span)) => match Code::parse(&c) {
            Some(code) if code.severity() == severity => code,
            _ => {
                diags.push(invalid(span, format!("`{c}` is not a diagnostic code of this severity")));
                default_code
            }
        },
    };
    for attr in &block.body.attributes {
        if !["when", "assert", "message", "at", "severity", "code", "doc"].contains(&attr.name.name.as_str()) {
            diags.push(invalid(attr.name.span, format!("unknown check setting `{}`", attr.name.name)));
        }
    }
    Some(CheckDef {
        name: name.name.clone(),
        when: expr("when"),
        assert,
        message,
        at: string_attr(block, "at").map(|(a, _)| a),
        severity,
        code,
        doc: string_attr(block, "doc").map(|(d, _)| d).unwrap_or_default(),
        span: name.span,
    })
}
