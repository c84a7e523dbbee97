//! Resource bodies (and environment overrides of them) against their kind: unknown and missing
//! attributes, nested blocks, their labels and counts; the values resolved and stored by position.

use stackc_syntax::ast::{self, Block as AstBlock};
use stackc_syntax::{Code, Diagnostic};

use super::expr::{Cx, Resolver};
use super::{Block, Body};
use crate::collect::{duplicate, missing_attr};
use crate::program::ScopeId;
use crate::schema::{AttrDef, KindDef, META_ATTRIBUTES};
use crate::suggest::did_you_mean;
use crate::types::Ty;

/// Checks and resolves a resource body, or an override of one (which may omit required attributes and
/// blocks, and may not declare dependencies).
pub(super) fn resource(
    r: &mut Resolver<'_>,
    kind: &KindDef,
    block: &AstBlock,
    scope: ScopeId,
    is_override: bool,
) -> Body {
    let body = &block.body;
    let mut cx = Cx::scope(scope);
    let mut out = Body {
        attrs: vec![None; kind.attributes.len()],
        blocks: kind.blocks.values().map(|_| Vec::new()).collect(),
        ..Body::default()
    };
    // An unknown attribute that is a typo of a missing required one is reported once, as the typo.
    let mut suggested: Vec<&str> = Vec::new();
    for attr in &body.attributes {
        let name = attr.name.name.as_str();
        let value = r.expr(&attr.value, &mut cx);
        if let Some(i) = kind.attributes.get_index_of(name) {
            out.attrs[i] = Some(value);
            continue;
        }
        match name {
            "enabled" => {
                out.enabled = Some(value);
                continue;
            }
            "suppress" => {
                out.suppress = Some(value);
                continue;
            }
            "depends_on" if !is_override => {
                out.depends_on = Some(value);
                continue;
            }
            _ => {}
        }
        let candidates = kind.attributes.keys().map(String::as_str).chain(META_ATTRIBUTES.iter().copied());
        if let Some(c) = crate::suggest::closest(name, candidates.clone()) {
            suggested.push(c);
        }
        let mut help = did_you_mean(name, candidates);
        if help.is_none() && kind.blocks.contains_key(name) {
            help = Some(format!("`{name}` is a block: write `{name} {{ … }}`"));
        }
        r.diags.push(
            Diagnostic::error(Code::E0108, format!("unknown attribute `{name}`"))
                .primary(attr.name.span, format!("a {} has no attribute `{name}`", kind.name))
                .help(
                    help.unwrap_or_else(|| {
                        format!("see `stackc explain E0108` and the `{}` kind reference", kind.name)
                    }),
                ),
        );
    }
    if !is_override {
        for def in kind.attributes.values() {
            if def.is_required() && body.attribute(&def.name).is_none() && !suggested.contains(&def.name.as_str()) {
                let label = block.labels.first().map_or(block.ident.span, |l| l.span);
                r.diags.push(
                    missing_attr(&def.name, label, &format!("a {}", kind.name), &example(def)).note(def.doc.clone()),
                );
            }
        }
    }
    for inner in &body.blocks {
        if kind.blocks.contains_key(&inner.ident.name) {
            continue;
        }
        let mut help = did_you_mean(&inner.ident.name, kind.blocks.keys().map(String::as_str));
        if help.is_none() && kind.attributes.contains_key(&inner.ident.name) {
            help = Some(format!("`{0}` is an attribute: write `{0} = …`", inner.ident.name));
        }
        r.diags.push(
            Diagnostic::error(Code::E0110, format!("unknown block `{}`", inner.ident.name))
                .primary(inner.ident.span, format!("a {} has no block `{}`", kind.name, inner.ident.name))
                .maybe_help(help),
        );
        unchecked(r, &inner.body, scope);
    }
    for (pos, def) in kind.blocks.values().enumerate() {
        let instances: Vec<&AstBlock> = body.blocks_named(&def.name).collect();
        let count = instances.len();
        if count < def.min && !is_override {
            let label = block.labels.first().map_or(block.ident.span, |l| l.span);
            let labels: String = def.labels.iter().map(|l| format!(" \"<{l}>\"")).collect();
            let s = if def.min == 1 { "" } else { "s" };
            r.diags.push(
                Diagnostic::error(
                    Code::E0111,
                    format!("a {} needs at least {} `{}` block{s}", kind.name, def.min, def.name),
                )
                .primary(label, format!("has {count}"))
                .help(format!("add `{}{labels} {{ … }}`", def.name)),
            );
        }
        if let Some(max) = def.max.filter(|m| count > *m) {
            if let Some(extra) = instances.get(max) {
                r.diags.push(
                    Diagnostic::error(Code::E0111, format!("too many `{}` blocks", def.name))
                        .primary(extra.ident.span, format!("a {} takes at most {max}", kind.name))
                        .secondary(instances[0].ident.span, "first one here"),
                );
            }
        }
        let mut seen: Vec<&AstBlock> = Vec::new();
        for inst in &instances {
            if inst.labels.len() != def.labels.len() {
                let want = if def.labels.is_empty() {
                    format!("`{}` takes no label", def.name)
                } else {
                    format!("`{}` takes {} label(s): {}", def.name, def.labels.len(), def.labels.join(", "))
                };
                r.diags.push(Diagnostic::error(Code::E0102, want.clone()).primary(inst.header_span(), want));
            } else if let Some(label) = inst.labels.first() {
                if let Some(first) = seen.iter().find(|b| b.labels.first().is_some_and(|l| l.name == label.name)) {
                    r.diags.push(duplicate(&def.name, &label.name, label.span, first.labels[0].span));
                } else if !crate::collect::valid_name(&label.name) {
                    // Labels become parts of Terraform names and AWS names (node groups, records).
                    r.diags.push(crate::collect::invalid_name(&def.name, label));
                }
            }
            seen.push(inst);
            let mut attrs = vec![None; def.attributes.len()];
            for attr in &inst.body.attributes {
                let value = r.expr(&attr.value, &mut cx);
                match def.attributes.get_index_of(&attr.name.name) {
                    Some(i) => attrs[i] = Some(value),
                    None => {
                        let help = did_you_mean(&attr.name.name, def.attributes.keys().map(String::as_str));
                        r.diags.push(
                            Diagnostic::error(Code::E0108, format!("unknown attribute `{}`", attr.name.name))
                                .primary(
                                    attr.name.span,
                                    format!("a `{}` block has no attribute `{}`", def.name, attr.name.name),
                                )
                                .maybe_help(help),
                        );
                    }
                }
            }
            for adef in def.attributes.values() {
                if adef.is_required() && inst.body.attribute(&adef.name).is_none() {
                    r.diags.push(
                        missing_attr(
                            &adef.name,
                            inst.header_span(),
                            &format!("a `{}` block", def.name),
                            &example(adef),
                        )
                        .note(adef.doc.clone()),
                    );
                }
            }
            for nested in &inst.body.blocks {
                r.diags.push(
                    Diagnostic::error(Code::E0110, format!("unknown block `{}`", nested.ident.name))
                        .primary(nested.ident.span, format!("a `{}` block has no nested blocks", def.name)),
                );
                unchecked(r, &nested.body, scope);
            }
            out.blocks[pos].push(Block {
                label: inst.labels.first().map(|l| l.name.clone()),
                attrs,
                span: inst.header_span(),
            });
        }
    }
    out
}

/// Resolves the values of a body that is not used (an unknown block, an override of an unknown
/// resource), so mistakes inside it are still reported.
pub(super) fn unchecked(r: &mut Resolver<'_>, body: &ast::Body, scope: ScopeId) {
    let mut cx = Cx::scope(scope);
    for attr in &body.attributes {
        r.expr(&attr.value, &mut cx);
    }
    for block in &body.blocks {
        unchecked(r, &block.body, scope);
    }
}

fn example(def: &AttrDef) -> String {
    let value = match &def.ty {
        Ty::String => "\"…\"".to_owned(),
        Ty::Number | Ty::Integer => "1".to_owned(),
        Ty::Bool => "true".to_owned(),
        Ty::Size => "\"10Gi\"".to_owned(),
        Ty::Cpu => "\"500m\"".to_owned(),
        Ty::Duration => "\"30s\"".to_owned(),
        Ty::Cidr => "\"10.0.0.0/16\"".to_owned(),
        Ty::Port => "8080".to_owned(),
        Ty::Image => "\"ghcr.io/acme/app:1.0.0\"".to_owned(),
        Ty::InstanceType(s) => match s.as_str() {
            "rds" => "\"db.t4g.medium\"".to_owned(),
            "elasticache" => "\"cache.t4g.micro\"".to_owned(),
            _ => "\"m6i.large\"".to_owned(),
        },
        Ty::Enum(v) => format!("\"{}\"", v.first().map_or("", String::as_str)),
        Ty::Ref(k) => format!("{k}.<name>"),
        Ty::List(_) => "[…]".to_owned(),
        Ty::Map(_) | Ty::Object(_) => "{ … }".to_owned(),
        Ty::Any => "…".to_owned(),
    };
    format!("{} = {value}", def.name)
}
