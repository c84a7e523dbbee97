//! The static checks, done once before any environment is evaluated: resource bodies against their
//! kind's schema (unknown and missing attributes, nested blocks and their counts), overrides, module
//! inputs, and every reference path in every expression — including branches no environment takes.

use stackc_syntax::ast::{Block, Body, Expr, ExprKind, TemplatePart};
use stackc_syntax::{Code, Diagnostic};

use crate::collect::missing_attr;
use crate::eval::{unknown_member, unknown_resource, unknown_root, ENV_FIELDS, ROOT_NAMES};
use crate::program::{Program, ScopeId, ROOT};
use crate::schema::{AttrDef, KindDef, META_ATTRIBUTES};
use crate::suggest::did_you_mean;
use crate::types::Ty;

pub(crate) fn check(program: &Program, diags: &mut Vec<Diagnostic>) {
    let mut c = Checker { program, diags };
    for res in &program.resources {
        let Some(kind) = program.kinds.get(&res.kind) else { continue };
        c.resource_body(kind, &res.block, false);
        c.body_refs(&res.block.body, res.scope);
    }
    for env in &program.environments {
        for o in &env.overrides {
            match program.resource(&o.target) {
                None => {
                    let help = did_you_mean(&o.target, program.by_address.keys().map(String::as_str));
                    c.diags.push(
                        Diagnostic::error(Code::E0113, format!("override of unknown resource `{}`", o.target))
                            .primary(o.target_span, "no resource with this address")
                            .maybe_help(
                                help.or_else(|| {
                                    Some("write the address as `kind.name`, e.g. \"database.orders\"".into())
                                }),
                            ),
                    );
                }
                Some(res) => {
                    if let Some(kind) = program.kinds.get(&res.kind) {
                        let block = Block {
                            ident: res.block.ident.clone(),
                            labels: Vec::new(),
                            body: o.body.clone(),
                            span: o.target_span,
                        };
                        c.resource_body(kind, &block, true);
                    }
                }
            }
            c.body_refs(&o.body, ROOT);
        }
        for e in [&env.region].into_iter().flatten() {
            c.refs(e, ROOT, &mut Vec::new(), None);
        }
    }
    for scope in &program.scopes {
        for local in scope.locals.values() {
            c.refs(&local.value, scope.id, &mut Vec::new(), None);
        }
        for out in scope.outputs.values() {
            c.refs(&out.value, scope.id, &mut Vec::new(), None);
        }
        for input in scope.inputs.values() {
            if let Some(d) = &input.default {
                c.refs(d, scope.id, &mut Vec::new(), None);
            }
        }
        for inst in scope.modules.values() {
            for arg in &inst.args {
                c.refs(&arg.value, scope.id, &mut Vec::new(), None);
            }
            let Some(inner) = inst.scope else { continue };
            let inputs = &program.scopes[inner].inputs;
            for arg in &inst.args {
                if !inputs.contains_key(&arg.name.name) {
                    let help = did_you_mean(&arg.name.name, inputs.keys().map(String::as_str));
                    c.diags.push(
                        Diagnostic::error(Code::E0202, format!("module has no input `{}`", arg.name.name))
                            .primary(arg.name.span, format!("not an input of `{}`", inst.source))
                            .maybe_help(help.or_else(|| {
                                let all: Vec<&str> = inputs.keys().map(String::as_str).collect();
                                Some(format!("inputs: {}", all.join(", ")))
                            })),
                    );
                }
            }
            for (name, input) in inputs {
                if input.default.is_none() && !inst.args.iter().any(|a| &a.name.name == name) {
                    c.diags.push(
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
        let self_kind = p.kind.as_ref().map(|(k, _)| k.as_str());
        for e in [&p.when, &p.assert, &p.message].into_iter().flatten() {
            c.refs(e, ROOT, &mut Vec::new(), self_kind);
        }
    }
    if let Some(stack) = &program.stack {
        for e in [&stack.region, &stack.tags, &stack.state_bucket, &stack.lock_table].into_iter().flatten() {
            c.refs(e, ROOT, &mut Vec::new(), None);
        }
    }
}

struct Checker<'a> {
    program: &'a Program,
    diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A resource (or an override of one) against its kind: attributes, blocks, block counts.
    fn resource_body(&mut self, kind: &KindDef, block: &Block, is_override: bool) {
        let body = &block.body;
        // An unknown attribute that is a typo of a missing required one is reported once, as the typo.
        let mut suggested: Vec<&str> = Vec::new();
        for attr in &body.attributes {
            let name = attr.name.name.as_str();
            if kind.attributes.contains_key(name)
                || (META_ATTRIBUTES.contains(&name) && !(is_override && name == "depends_on"))
            {
                continue;
            }
            let candidates = kind.attributes.keys().map(String::as_str).chain(META_ATTRIBUTES.iter().copied());
            if let Some(c) = crate::suggest::closest(name, candidates.clone()) {
                suggested.push(c);
            }
            let mut help = did_you_mean(name, candidates);
            if help.is_none() && kind.blocks.contains_key(name) {
                help = Some(format!("`{name}` is a block: write `{name} {{ … }}`"));
            }
            self.diags.push(
                Diagnostic::error(Code::E0108, format!("unknown attribute `{name}`"))
                    .primary(attr.name.span, format!("a {} has no attribute `{name}`", kind.name))
                    .maybe_help(help.or_else(|| {
                        Some(format!("see `stackc explain E0108` and the `{}` kind reference", kind.name))
                    })),
            );
        }
        if !is_override {
            for def in kind.attributes.values() {
                if def.is_required() && body.attribute(&def.name).is_none() && !suggested.contains(&def.name.as_str()) {
                    let label = block.labels.first().map_or(block.ident.span, |l| l.span);
                    self.diags.push(
                        missing_attr(&def.name, label, &format!("a {}", kind.name), &example(def))
                            .note(def.doc.clone()),
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
            self.diags.push(
                Diagnostic::error(Code::E0110, format!("unknown block `{}`", inner.ident.name))
                    .primary(inner.ident.span, format!("a {} has no block `{}`", kind.name, inner.ident.name))
                    .maybe_help(help),
            );
        }
        for def in kind.blocks.values() {
            let instances: Vec<&Block> = body.blocks_named(&def.name).collect();
            let count = instances.len();
            let too_few = count < def.min && !is_override;
            let too_many = def.max.is_some_and(|m| count > m);
            if too_few {
                let label = block.labels.first().map_or(block.ident.span, |l| l.span);
                let labels: String = def.labels.iter().map(|l| format!(" \"<{l}>\"")).collect();
                self.diags.push(
                    Diagnostic::error(
                        Code::E0111,
                        format!(
                            "a {} needs at least {} `{}` block{}",
                            kind.name,
                            def.min,
                            def.name,
                            if def.min == 1 { "" } else { "s" }
                        ),
                    )
                    .primary(label, format!("has {count}"))
                    .help(format!("add `{}{labels} {{ … }}`", def.name)),
                );
            }
            if too_many {
                if let Some(extra) = instances.get(def.max.unwrap_or(0)) {
                    self.diags.push(
                        Diagnostic::error(Code::E0111, format!("too many `{}` blocks", def.name))
                            .primary(
                                extra.ident.span,
                                format!("a {} takes at most {}", kind.name, def.max.unwrap_or(0)),
                            )
                            .secondary(instances[0].ident.span, "first one here"),
                    );
                }
            }
            let mut seen: Vec<&Block> = Vec::new();
            for inst in &instances {
                if inst.labels.len() != def.labels.len() {
                    let want = if def.labels.is_empty() {
                        format!("`{}` takes no label", def.name)
                    } else {
                        format!("`{}` takes {} label(s): {}", def.name, def.labels.len(), def.labels.join(", "))
                    };
                    self.diags.push(Diagnostic::error(Code::E0102, want.clone()).primary(inst.header_span(), want));
                } else if let Some(label) = inst.labels.first() {
                    if let Some(first) = seen.iter().find(|b| b.labels.first().is_some_and(|l| l.name == label.name)) {
                        let first_span = first.labels[0].span;
                        self.diags.push(crate::collect::duplicate(&def.name, &label.name, label.span, first_span));
                    }
                }
                seen.push(inst);
                for attr in &inst.body.attributes {
                    if !def.attributes.contains_key(&attr.name.name) {
                        let help = did_you_mean(&attr.name.name, def.attributes.keys().map(String::as_str));
                        self.diags.push(
                            Diagnostic::error(Code::E0108, format!("unknown attribute `{}`", attr.name.name))
                                .primary(
                                    attr.name.span,
                                    format!("a `{}` block has no attribute `{}`", def.name, attr.name.name),
                                )
                                .maybe_help(help),
                        );
                    }
                }
                for adef in def.attributes.values() {
                    if adef.is_required() && inst.body.attribute(&adef.name).is_none() {
                        self.diags.push(
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
                    self.diags.push(
                        Diagnostic::error(Code::E0110, format!("unknown block `{}`", nested.ident.name))
                            .primary(nested.ident.span, format!("a `{}` block has no nested blocks", def.name)),
                    );
                }
            }
        }
    }

    fn body_refs(&mut self, body: &Body, scope: ScopeId) {
        for attr in &body.attributes {
            self.refs(&attr.value, scope, &mut Vec::new(), None);
        }
        for block in &body.blocks {
            self.body_refs(&block.body, scope);
        }
    }

    /// Checks every reference path in `expr`. `vars` are the `for` variables in scope.
    fn refs(&mut self, expr: &Expr, scope: ScopeId, vars: &mut Vec<String>, self_kind: Option<&str>) {
        match &expr.kind {
            ExprKind::GetAttr(base, _) => {
                if let Some(path) = expr.as_path() {
                    if !vars.contains(&path[0].name) {
                        self.path(&path, scope, self_kind);
                        return;
                    }
                }
                self.refs(base, scope, vars, self_kind);
            }
            ExprKind::Variable(id) => {
                let known = vars.contains(&id.name)
                    || ROOT_NAMES.contains(&id.name.as_str())
                    || self.program.kinds.contains_key(&id.name);
                if !known {
                    let candidates = ROOT_NAMES
                        .iter()
                        .copied()
                        .chain(self.program.kinds.keys().map(String::as_str))
                        .chain(vars.iter().map(String::as_str));
                    self.diags.push(unknown_root(id, candidates));
                }
            }
            ExprKind::Template(parts) => {
                for p in parts {
                    if let TemplatePart::Interpolation(e) = p {
                        self.refs(e, scope, vars, self_kind);
                    }
                }
            }
            ExprKind::List(items) => items.iter().for_each(|e| self.refs(e, scope, vars, self_kind)),
            ExprKind::Object(fields) => fields.iter().for_each(|(_, e)| self.refs(e, scope, vars, self_kind)),
            ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
                self.refs(a, scope, vars, self_kind);
                self.refs(b, scope, vars, self_kind);
            }
            ExprKind::Call { name, args, .. } => {
                if name.name == "only" {
                    return;
                }
                args.iter().for_each(|e| self.refs(e, scope, vars, self_kind));
            }
            ExprKind::Unary(_, e) => self.refs(e, scope, vars, self_kind),
            ExprKind::Conditional(a, b, c) => {
                for e in [a, b, c] {
                    self.refs(e, scope, vars, self_kind);
                }
            }
            ExprKind::For(f) => {
                self.refs(&f.collection, scope, vars, self_kind);
                let before = vars.len();
                vars.extend(f.key_var.iter().map(|k| k.name.clone()));
                vars.push(f.value_var.name.clone());
                for e in [Some(&f.value_expr), f.key_expr.as_ref(), f.condition.as_ref()].into_iter().flatten() {
                    self.refs(e, scope, vars, self_kind);
                }
                vars.truncate(before);
            }
            ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::String(_) | ExprKind::Error => {}
        }
    }

    fn path(&mut self, path: &[&stackc_syntax::ast::Ident], scope: ScopeId, self_kind: Option<&str>) {
        let program = self.program;
        let root = path[0];
        let Some(second) = path.get(1) else { return };
        match root.name.as_str() {
            "env" if !ENV_FIELDS.contains(&second.name.as_str()) => {
                self.diags.push(
                    Diagnostic::error(Code::E0304, format!("unknown field `{}`", second.name))
                        .primary(second.span, "not a field of the environment context")
                        .help(
                            did_you_mean(&second.name, ENV_FIELDS.iter().copied())
                                .unwrap_or_else(|| "`env` has: name, profile, region".into()),
                        ),
                );
            }
            "env" => {}
            "profile" => {
                let Some(model) = program.profile_model() else { return };
                if !model.fields.contains_key(&second.name) {
                    let help = did_you_mean(&second.name, model.fields.keys().map(String::as_str));
                    self.diags.push(
                        Diagnostic::error(Code::E0304, format!("unknown field `{}`", second.name))
                            .primary(second.span, "not a field of the profiles")
                            .maybe_help(help.or_else(|| Some("see the profile reference in docs/language.md".into()))),
                    );
                }
            }
            "local" => {
                let locals = &program.scopes[scope].locals;
                if !locals.contains_key(&second.name) {
                    let help = did_you_mean(&second.name, locals.keys().map(String::as_str));
                    self.diags.push(
                        Diagnostic::error(Code::E0304, format!("unknown local `{}`", second.name))
                            .primary(second.span, "no such local in this scope")
                            .maybe_help(help),
                    );
                }
            }
            "input" => {
                let s = &program.scopes[scope];
                if s.parent.is_some() && !s.inputs.contains_key(&second.name) {
                    let help = did_you_mean(&second.name, s.inputs.keys().map(String::as_str));
                    self.diags.push(
                        Diagnostic::error(Code::E0304, format!("unknown input `{}`", second.name))
                            .primary(second.span, "the module declares no such input")
                            .maybe_help(help),
                    );
                }
            }
            "self" => {
                if let Some(kind) = self_kind.and_then(|k| program.kinds.get(k)) {
                    if !kind.attributes.contains_key(&second.name) && !kind.outputs.contains_key(&second.name) {
                        self.diags.push(unknown_member(&kind.name, "self", second, kind.member_names()));
                    }
                }
            }
            "module" => {
                let Some(inst) = program.scopes[scope].modules.get(&second.name) else {
                    let help = did_you_mean(&second.name, program.scopes[scope].modules.keys().map(String::as_str));
                    self.diags.push(
                        Diagnostic::error(Code::E0302, format!("unknown module `{}`", second.name))
                            .primary(second.span, "no module instance of this name")
                            .maybe_help(help),
                    );
                    return;
                };
                if let (Some(out), Some(inner)) = (path.get(2), inst.scope) {
                    let outputs = &program.scopes[inner].outputs;
                    if !outputs.contains_key(&out.name) {
                        let help = did_you_mean(&out.name, outputs.keys().map(String::as_str));
                        self.diags.push(
                            Diagnostic::error(
                                Code::E0205,
                                format!("module `{}` has no output `{}`", second.name, out.name),
                            )
                            .primary(out.span, "no such output")
                            .maybe_help(help),
                        );
                    }
                }
            }
            kind if program.kinds.contains_key(kind) => {
                let key = format!("{kind}.{}", second.name);
                let Some(&idx) = program.scopes[scope].resources.get(&key) else {
                    self.diags.push(unknown_resource(program, scope, root, second));
                    return;
                };
                let Some(member) = path.get(2) else { return };
                let Some(k) = program.kinds.get(kind) else { return };
                if let Some(attr) = k.attributes.get(&member.name) {
                    // Follow a reference attribute one step: `database.orders.network.cidr`.
                    if let (Ty::Ref(target), Some(next)) = (&attr.ty, path.get(3)) {
                        if let Some(tk) = program.kinds.get(target) {
                            if !tk.attributes.contains_key(&next.name) && !tk.outputs.contains_key(&next.name) {
                                self.diags.push(unknown_member(
                                    target,
                                    &format!("{}.{}", program.resources[idx].address, member.name),
                                    next,
                                    tk.member_names(),
                                ));
                            }
                        }
                    }
                } else if !k.outputs.contains_key(&member.name) {
                    self.diags.push(unknown_member(kind, &program.resources[idx].address, member, k.member_names()));
                }
            }
            _ => {} // unknown roots are reported when the variable itself is visited
        }
        if !ROOT_NAMES.contains(&root.name.as_str()) && !program.kinds.contains_key(&root.name) {
            self.refs(
                &Expr { kind: ExprKind::Variable(root.clone()), span: root.span },
                scope,
                &mut Vec::new(),
                self_kind,
            );
        }
    }
}

fn example(def: &AttrDef) -> String {
    let value = match &def.ty {
        Ty::String => "\"…\"".to_owned(),
        Ty::Number => "1".to_owned(),
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
