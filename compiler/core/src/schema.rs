//! Kinds: the resource types of the standard library, read from `kind` blocks written in the stack
//! language itself (`stdlib/*.stack.hcl`). The checker and evaluator know nothing about particular
//! kinds; everything kind-specific is data here.
//!
//! Attributes several kinds share (a container's image, command, resources…) are declared once in a
//! `group` block (`stdlib/groups/`) and taken in with `include = ["container"]`; a kind that needs other
//! defaults for them says so with `defaults = { cpu = "100m", "health.timeout" = "3s" }`.

use indexmap::IndexMap;
use stackc_syntax::ast::{Block, Expr, ExprKind};
use stackc_syntax::{Code, Diagnostic, Span};

use crate::suggest::did_you_mean;
use crate::types::{parse_type, Ty};

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
    pub attributes: IndexMap<String, AttrDef>,
    pub blocks: IndexMap<String, BlockDef>,
    pub outputs: IndexMap<String, OutputDef>,
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
    pub attributes: IndexMap<String, AttrDef>,
    /// The attribute group it comes from, if any.
    pub group: Option<String>,
    pub span: Span,
}

/// A named set of attributes and blocks that kinds include (`group "container" { … }`).
#[derive(Debug, Clone)]
pub struct GroupDef {
    pub name: String,
    pub doc: String,
    pub attributes: IndexMap<String, AttrDef>,
    pub blocks: IndexMap<String, BlockDef>,
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
    /// Names a resource of this kind may use as `<kind>.<name>.<member>`: attributes and outputs.
    pub fn member_names(&self) -> impl Iterator<Item = &str> {
        self.attributes.keys().chain(self.outputs.keys()).map(String::as_str)
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
    Some(GroupDef { name, doc, attributes: members.attributes, blocks: members.blocks, span: block.header_span() })
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
    Some(KindDef {
        name,
        doc,
        target,
        groups: included,
        attributes: members.attributes,
        blocks: members.blocks,
        outputs: members.outputs,
        span: block.header_span(),
    })
}

/// The attributes, blocks and outputs of a kind or group.
#[derive(Default)]
struct Members {
    attributes: IndexMap<String, AttrDef>,
    blocks: IndexMap<String, BlockDef>,
    outputs: IndexMap<String, OutputDef>,
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
            let taken = self.attributes.contains_key(&label.name)
                || self.blocks.contains_key(&label.name)
                || self.outputs.contains_key(&label.name)
                || META_ATTRIBUTES.contains(&label.name.as_str());
            if taken {
                diags.push(invalid(label.span, format!("`{}` is defined twice or is reserved", label.name)));
                continue;
            }
            match inner.ident.name.as_str() {
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
                    let mut battrs = IndexMap::new();
                    for a in &inner.body.blocks {
                        if a.ident.name != "attribute" {
                            diags.push(invalid(a.ident.span, "only `attribute` may appear in a `block`".into()));
                            continue;
                        }
                        if let Some(mut a) = read_attr(a, is_kind, diags) {
                            a.group = group.map(str::to_owned);
                            battrs.insert(a.name.clone(), a);
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
    let orders = match block.body.attribute("orders").map(|a| &a.value.kind) {
        None => true,
        Some(ExprKind::Bool(b)) => *b,
        Some(_) => {
            diags.push(invalid(name.span, "`orders` must be true or false".into()));
            true
        }
    };
    for attr in &block.body.attributes {
        if !["type", "default", "doc", "orders"].contains(&attr.name.name.as_str()) {
            diags.push(invalid(attr.name.span, format!("unknown attribute setting `{}`", attr.name.name)));
        }
    }
    Some(AttrDef { name: name.name.clone(), ty, default, doc, orders, group: None, span: name.span })
}
