//! Resolution: from the collected [`Program`] (syntax trees sorted into scopes) to the resolved
//! program the evaluator runs. Done once, before any environment:
//!
//! - resource bodies and environment overrides are checked against their kind (unknown and missing
//!   attributes, nested blocks, their labels and counts) and stored by attribute position;
//! - module instances are checked against their inputs;
//! - every name in every expression is bound ([`hir`]), including in branches no environment takes,
//!   so one mistake is one diagnostic and the evaluator never looks a name up.

mod body;
mod expr;
pub mod hir;

pub(crate) use expr::unknown_member;

use crate::schema::IndexMap;
use stackc_syntax::{Code, Diagnostic, Span};

use crate::program::{Program, ROOT};
use expr::{Cx, Resolver};

/// The resolved form of one resource body (or one environment's override of it).
#[derive(Debug, Default)]
pub struct Body {
    /// By the kind's attribute position: the expression written, if any.
    pub attrs: Vec<Option<hir::Expr>>,
    /// By the kind's block position: the instances written (an override that writes none keeps the
    /// resource's own).
    pub blocks: Vec<Vec<Block>>,
    pub enabled: Option<hir::Expr>,
    pub depends_on: Option<hir::Expr>,
    pub suppress: Option<hir::Expr>,
}

/// One nested block instance.
#[derive(Debug)]
pub struct Block {
    pub label: Option<String>,
    /// By the block definition's attribute position.
    pub attrs: Vec<Option<hir::Expr>>,
    /// The block's header (identifier and label).
    pub span: Span,
}

/// A kind's defaults and rules, resolved once per compilation (they depend on the profile model).
#[derive(Debug, Default)]
pub struct KindDefaults {
    /// By attribute position; `None` where the default is `null` or there is none.
    pub attrs: Vec<Option<hir::Expr>>,
    /// By block position, then the block's attribute position.
    pub blocks: Vec<Vec<Option<hir::Expr>>>,
    /// The kind's `check` blocks, in order (`self` is the resource).
    pub checks: Vec<Check>,
    /// By block position: the block's `check` blocks (`self` is the block instance, variable 0).
    pub block_checks: Vec<Vec<Check>>,
}

/// A resolved `check` of a kind or block.
#[derive(Debug)]
pub struct Check {
    pub when: Option<hir::Expr>,
    pub assert: hir::Expr,
    pub message: hir::Expr,
}

#[derive(Debug, Default)]
pub struct Policy {
    pub when: Option<hir::Expr>,
    pub assert: Option<hir::Expr>,
    pub message: Option<hir::Expr>,
}

#[derive(Debug, Default)]
pub struct Approval {
    pub reviewers: Option<hir::Expr>,
    pub wait: Option<hir::Expr>,
}

/// Everything the evaluator runs, indexed like the [`Program`] it was resolved from.
#[derive(Debug, Default)]
pub struct Resolved {
    /// By resource index.
    pub resources: Vec<Body>,
    /// By environment, then override: the overridden resource and the override's body.
    pub overrides: Vec<Vec<Option<(usize, Body)>>>,
    /// By scope, then local index.
    pub locals: Vec<Vec<hir::Expr>>,
    /// By scope, then input index: the default, if any.
    pub input_defaults: Vec<Vec<Option<hir::Expr>>>,
    /// By scope (of the module instance), then input index: the value the instantiating scope gives.
    pub input_args: Vec<Vec<Option<hir::Expr>>>,
    /// By scope, then output index.
    pub outputs: Vec<Vec<hir::Expr>>,
    pub kinds: IndexMap<String, KindDefaults>,
    /// By resource, by attribute position: where the resource writes the attribute, else its name
    /// label (what [`crate::Resource::attr_spans`] is in an environment without an override).
    pub attr_spans: Vec<std::sync::Arc<[Span]>>,
    /// By policy index.
    pub policies: Vec<Policy>,
    /// By environment index.
    pub approvals: Vec<Option<Approval>>,
    pub stack_tags: Option<hir::Expr>,
    pub state_bucket: Option<hir::Expr>,
    pub admins: Option<hir::Expr>,
}

fn check(r: &mut Resolver<'_>, c: &crate::schema::CheckDef, cx: &mut Cx<'_>) -> Check {
    Check {
        when: c.when.as_ref().map(|e| r.expr(e, cx)),
        assert: r.expr(&c.assert, cx),
        message: r.expr(&c.message, cx),
    }
}

pub(crate) fn resolve(program: &Program, diags: &mut Vec<Diagnostic>) -> Resolved {
    let mut r = Resolver { program, diags };
    let mut out = Resolved::default();

    for kind in program.kinds.values() {
        let mut cx = Cx { scope: None, self_kind: Some(kind), vars: Vec::new() };
        let mut default = |r: &mut Resolver<'_>, d: &crate::schema::DefaultValue| match d {
            crate::schema::DefaultValue::Expr(e) => Some(r.expr(e, &mut cx)),
            _ => None,
        };
        let attrs = kind.attributes.values().map(|a| default(&mut r, &a.default)).collect();
        let blocks = kind
            .blocks
            .values()
            .map(|b| b.attributes.values().map(|a| default(&mut r, &a.default)).collect())
            .collect();
        let checks = kind.checks.iter().map(|c| check(&mut r, c, &mut cx)).collect();
        let mut block_cx = Cx { scope: None, self_kind: None, vars: vec!["self".to_owned()] };
        let block_checks =
            kind.blocks.values().map(|b| b.checks.iter().map(|c| check(&mut r, c, &mut block_cx)).collect()).collect();
        out.kinds.insert(kind.name.clone(), KindDefaults { attrs, blocks, checks, block_checks });
    }

    // Resources resolve independently: in runs on every core, put back (diagnostics too) in order.
    let runs: Vec<&[crate::program::ResourceDecl]> = program.resources.chunks(128).collect();
    let resolved = stackc_syntax::work::in_order(&runs, stackc_syntax::work::cores(), |run| {
        let mut diags = Vec::new();
        let mut r = Resolver { program, diags: &mut diags };
        let mut bodies = Vec::with_capacity(run.len());
        for res in *run {
            let Some(kind) = program.kinds.get(&res.kind) else {
                bodies.push((Body::default(), std::sync::Arc::from([])));
                continue;
            };
            let body = body::resource(&mut r, kind, &res.block, res.scope, false);
            let spans = body.attrs.iter().map(|e| e.as_ref().map_or(res.name.span, |e| e.span)).collect();
            bodies.push((body, spans));
        }
        (bodies, diags)
    });
    for (bodies, diags) in resolved {
        r.diags.extend(diags);
        for (body, spans) in bodies {
            out.resources.push(body);
            out.attr_spans.push(spans);
        }
    }

    for env in &program.environments {
        let mut overrides = Vec::new();
        for o in &env.overrides {
            match program.by_address.get(&o.target) {
                None => {
                    let help = crate::suggest::did_you_mean(&o.target, program.by_address.keys().map(String::as_str));
                    r.diags.push(
                        Diagnostic::error(Code::E0113, format!("override of unknown resource `{}`", o.target))
                            .primary(o.target_span, "no resource with this address")
                            .help(help.unwrap_or_else(|| {
                                "write the address as `kind.name`, e.g. \"database.orders\"".into()
                            })),
                    );
                    body::unchecked(&mut r, &o.body, ROOT);
                    overrides.push(None);
                }
                Some(&idx) => {
                    let res = &program.resources[idx];
                    match program.kinds.get(&res.kind) {
                        Some(kind) => {
                            let block = stackc_syntax::ast::Block {
                                ident: res.block.ident.clone(),
                                labels: Vec::new(),
                                body: o.body.clone(),
                                span: o.target_span,
                            };
                            overrides.push(Some((idx, body::resource(&mut r, kind, &block, ROOT, true))));
                        }
                        None => overrides.push(None),
                    }
                }
            }
        }
        out.overrides.push(overrides);
        if let Some(region) = &env.region {
            r.expr(region, &mut Cx::scope(ROOT));
        }
        out.approvals.push(env.approval.as_ref().map(|a| Approval {
            reviewers: a.reviewers.as_ref().map(|e| r.expr(e, &mut Cx::scope(ROOT))),
            wait: a.wait.as_ref().map(|e| r.expr(e, &mut Cx::scope(ROOT))),
        }));
    }

    for scope in &program.scopes {
        let mut cx = Cx::scope(scope.id);
        out.locals.push(scope.locals.values().map(|l| r.expr(&l.value, &mut cx)).collect());
        out.outputs.push(scope.outputs.values().map(|o| r.expr(&o.value, &mut cx)).collect());
        out.input_defaults
            .push(scope.inputs.values().map(|i| i.default.as_ref().map(|d| r.expr(d, &mut cx))).collect());
    }
    out.input_args = program.scopes.iter().map(|s| vec![None; s.inputs.len()]).collect();
    for scope in &program.scopes {
        for inst in scope.modules.values() {
            let mut cx = Cx::scope(scope.id);
            let args: Vec<(&stackc_syntax::ast::Attribute, hir::Expr)> =
                inst.args.iter().map(|a| (a, r.expr(&a.value, &mut cx))).collect();
            let Some(inner) = inst.scope else { continue };
            let inputs = &program.scopes[inner].inputs;
            for (arg, value) in args {
                match inputs.get_index_of(&arg.name.name) {
                    Some(i) => out.input_args[inner][i] = Some(value),
                    None => {
                        let help = crate::suggest::did_you_mean(&arg.name.name, inputs.keys().map(String::as_str));
                        let all: Vec<&str> = inputs.keys().map(String::as_str).collect();
                        r.diags.push(
                            Diagnostic::error(Code::E0202, format!("module has no input `{}`", arg.name.name))
                                .primary(arg.name.span, format!("not an input of `{}`", inst.source))
                                .help(help.unwrap_or_else(|| format!("inputs: {}", all.join(", ")))),
                        );
                    }
                }
            }
            for (name, input) in inputs {
                if input.default.is_none() && !inst.args.iter().any(|a| &a.name.name == name) {
                    r.diags.push(
                        Diagnostic::error(Code::E0203, format!("missing module input `{name}`"))
                            .primary(inst.name.span, format!("`{}` needs `{name}`", inst.source))
                            .secondary(input.name.span, "declared here without a default")
                            .help(format!("add `{name} = …` ({})", input.ty)),
                    );
                }
            }
        }
    }

    for p in &program.policies {
        let self_kind = p.kind.as_ref().and_then(|(k, _)| program.kinds.get(k)).map(|k| &**k);
        let mut cx = Cx { scope: Some(ROOT), self_kind, vars: Vec::new() };
        let mut one = |e: &Option<stackc_syntax::ast::Expr>| e.as_ref().map(|e| r.expr(e, &mut cx));
        out.policies.push(Policy { when: one(&p.when), assert: one(&p.assert), message: one(&p.message) });
    }

    if let Some(stack) = &program.stack {
        let mut cx = Cx::scope(ROOT);
        if let Some(region) = &stack.region {
            r.expr(region, &mut cx);
        }
        out.stack_tags = stack.tags.as_ref().map(|e| r.expr(e, &mut cx));
        out.state_bucket = stack.state_bucket.as_ref().map(|e| r.expr(e, &mut cx));
        out.admins = stack.admins.as_ref().map(|e| r.expr(e, &mut cx));
    }
    out
}
