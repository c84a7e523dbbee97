//! Evaluation of expressions: literals, templates, references, operators, conditionals, `for`
//! expressions and function calls.

use std::collections::BTreeMap;

use stackc_syntax::ast::{BinaryOp, Expr, ExprKind, ForExpr, Ident, TemplatePart, UnaryOp};
use stackc_syntax::{Code, Diagnostic, Span};

use super::{Ctx, Evaluator, Reported, R};
use crate::functions;
use crate::program::ScopeId;
use crate::suggest::did_you_mean;
use crate::value::{format_number, Deferred, Value};

/// Root names with a meaning of their own; kinds and `for` variables are the others.
pub(crate) const ROOT_NAMES: &[&str] = &["env", "profile", "local", "input", "module", "self"];
pub(crate) const ENV_FIELDS: &[&str] = &["name", "profile", "region"];

pub(crate) fn deferred_error(span: Span, d: &Deferred, what: &str) -> Diagnostic {
    Diagnostic::error(Code::E0410, "value is only known after apply")
        .primary(span, format!("`{d}` is known only after apply and cannot be used {what}"))
        .help("decide with values known when compiling: attributes, locals, `env` and `profile`")
}

impl Evaluator<'_> {
    pub fn eval(&mut self, expr: &Expr, ctx: &Ctx) -> R<Value> {
        match &expr.kind {
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Number(n) if n.is_finite() => Ok(Value::Number(*n)),
            ExprKind::Number(_) => Err(self.report(
                Diagnostic::error(Code::E0414, "number out of range").primary(expr.span, "not a finite number"),
            )),
            ExprKind::String(s) => Ok(Value::String(s.clone())),
            ExprKind::Error => Err(Reported),
            ExprKind::Template(parts) => self.template(parts, ctx),
            ExprKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.eval(item, ctx)?);
                }
                Ok(Value::List(out))
            }
            ExprKind::Object(fields) => {
                let mut out = BTreeMap::new();
                for (key, value) in fields {
                    out.insert(key.name.clone(), self.eval(value, ctx)?);
                }
                Ok(Value::Map(out))
            }
            ExprKind::Variable(id) => self.variable(id, ctx),
            ExprKind::GetAttr(base, name) => self.get_attr(base, name, ctx),
            ExprKind::Index(base, index) => {
                let b = self.eval(base, ctx)?;
                let i = self.eval(index, ctx)?;
                self.index(b, i, index.span)
            }
            ExprKind::Call { name, args, expand_final } => {
                if *expand_final {
                    return Err(self.report(
                        Diagnostic::error(Code::E0002, "argument expansion (`...`) is not supported")
                            .primary(expr.span, "not supported here")
                            .help("pass the list itself; functions like `concat` and `merge` take lists"),
                    ));
                }
                if name.name == "only" {
                    return self.only(name, args, expr.span, ctx);
                }
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push((self.eval(a, ctx)?, a.span));
                }
                functions::call(self, name, &values, expr.span)
            }
            ExprKind::Unary(op, operand) => {
                let v = self.eval(operand, ctx)?;
                match (op, v) {
                    (UnaryOp::Neg, Value::Number(n)) => Ok(Value::Number(-n)),
                    (UnaryOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
                    (_, Value::Deferred(d)) => Err(self.report(deferred_error(operand.span, &d, "in an operation"))),
                    (UnaryOp::Neg, v) => Err(self.report(super::coerce::mismatch(operand.span, "number", &v))),
                    (UnaryOp::Not, v) => Err(self.report(super::coerce::mismatch(operand.span, "bool", &v))),
                }
            }
            ExprKind::Binary(op, lhs, rhs) => self.binary(*op, lhs, rhs, ctx),
            ExprKind::Conditional(cond, then, otherwise) => match self.eval(cond, ctx)? {
                Value::Bool(true) => self.eval(then, ctx),
                Value::Bool(false) => self.eval(otherwise, ctx),
                Value::Deferred(d) => Err(self.report(deferred_error(cond.span, &d, "as a condition"))),
                v => Err(self.report(super::coerce::mismatch(cond.span, "bool", &v))),
            },
            ExprKind::For(f) => self.for_expr(f, ctx, expr.span),
        }
    }

    fn template(&mut self, parts: &[TemplatePart], ctx: &Ctx) -> R<Value> {
        let mut text = String::new();
        let mut deferred: Option<Deferred> = None;
        for part in parts {
            let piece = match part {
                TemplatePart::Literal(s) => Value::String(s.clone()),
                TemplatePart::Interpolation(e) => {
                    let v = self.eval(e, ctx)?;
                    match v {
                        Value::List(_) | Value::Map(_) | Value::Ref(_) | Value::Null => {
                            return Err(self.report(
                                Diagnostic::error(Code::E0401, "type mismatch")
                                    .primary(e.span, format!("cannot put {} in a string", v.type_name()))
                                    .help("interpolate a string, number or bool; use `join` for a list"),
                            ));
                        }
                        v => v,
                    }
                }
            };
            match piece {
                Value::Deferred(d) => {
                    let acc = deferred.get_or_insert_with(Deferred::default);
                    acc.push_literal(&std::mem::take(&mut text));
                    acc.parts.extend(d.parts);
                }
                other => {
                    let s = match other {
                        Value::String(s) => s,
                        Value::Number(n) => format_number(n),
                        v => v.to_string().trim_matches('"').to_owned(),
                    };
                    match deferred.as_mut() {
                        Some(d) => d.push_literal(&s),
                        None => text.push_str(&s),
                    }
                }
            }
        }
        Ok(match deferred {
            Some(d) => Value::Deferred(d),
            None => Value::String(text),
        })
    }

    fn variable(&mut self, id: &Ident, ctx: &Ctx) -> R<Value> {
        if let Some((_, v)) = ctx.vars.iter().rev().find(|(n, _)| *n == id.name) {
            return Ok(v.clone());
        }
        match id.name.as_str() {
            "env" => Ok(Value::Map(BTreeMap::from([
                ("name".to_owned(), Value::String(self.env.name.clone())),
                ("profile".to_owned(), Value::String(self.env.profile.clone())),
                ("region".to_owned(), Value::String(self.env.region.clone())),
            ]))),
            "profile" => Ok(Value::Map(self.env.profile_fields.clone())),
            "local" | "input" | "module" | "self" => Err(self.report(
                Diagnostic::error(Code::E0301, format!("`{}` needs a name after it", id.name))
                    .primary(id.span, format!("write `{}.<name>`", id.name)),
            )),
            name if self.program.kinds.contains_key(name) => Err(self.report(
                Diagnostic::error(Code::E0301, format!("`{name}` needs a resource name after it"))
                    .primary(id.span, format!("write `{name}.<name>` to refer to a {name}")),
            )),
            _ => Err(self.report(unknown_name(self, id, ctx))),
        }
    }

    fn get_attr(&mut self, base: &Expr, name: &Ident, ctx: &Ctx) -> R<Value> {
        // Two-segment references rooted at a special name.
        if let ExprKind::Variable(root) = &base.kind {
            if !ctx.vars.iter().any(|(n, _)| *n == root.name) {
                match root.name.as_str() {
                    "local" => return self.local_ref(ctx.scope, name),
                    "input" => return self.input_ref(ctx.scope, name),
                    "self" => return self.self_ref(ctx, root, name),
                    "module" => {
                        return Err(self.report(
                            Diagnostic::error(
                                Code::E0205,
                                format!("`module.{}` needs an output name after it", name.name),
                            )
                            .primary(name.span, "write `module.<name>.<output>`"),
                        ))
                    }
                    kind if self.program.kinds.contains_key(kind) => return self.resource_ref(ctx.scope, root, name),
                    "profile" => {
                        if let Some(v) = self.env.profile_fields.get(&name.name) {
                            return Ok(v.clone());
                        }
                        let v = self.variable(root, ctx)?;
                        return self.member(v, name, root);
                    }
                    "env" => {
                        let v = self.variable(root, ctx)?;
                        return self.member(v, name, root);
                    }
                    _ => {}
                }
            }
        }
        if let ExprKind::GetAttr(inner, module_name) = &base.kind {
            if let ExprKind::Variable(root) = &inner.kind {
                if root.name == "module" && !ctx.vars.iter().any(|(n, _)| *n == "module") {
                    return self.module_output(ctx.scope, module_name, name);
                }
            }
        }
        let v = self.eval(base, ctx)?;
        self.member(v, name, &Ident { name: String::new(), span: base.span })
    }

    /// `value.name` on an evaluated value: a field of an object, or a member of a referenced resource.
    fn member(&mut self, v: Value, name: &Ident, root: &Ident) -> R<Value> {
        match v {
            Value::Map(mut m) => match m.remove(&name.name) {
                Some(v) => Ok(v),
                None => {
                    let what = match root.name.as_str() {
                        "env" => "environment context".to_owned(),
                        "profile" => format!("profile `{}`", self.env.profile),
                        _ => "object".to_owned(),
                    };
                    let help = did_you_mean(&name.name, m.keys().map(String::as_str));
                    Err(self.report(
                        Diagnostic::error(Code::E0304, format!("unknown field `{}`", name.name))
                            .primary(name.span, format!("not a field of the {what}"))
                            .maybe_help(help),
                    ))
                }
            },
            Value::Ref(address) => {
                let Some(&idx) = self.program.by_address.get(&address) else { return Err(Reported) };
                self.resource_member(idx, name)
            }
            Value::Deferred(d) => Err(self.report(deferred_error(name.span, &d, "to look up a field"))),
            other => Err(self.report(
                Diagnostic::error(Code::E0401, "type mismatch")
                    .primary(name.span, format!("{} has no fields", other.type_name())),
            )),
        }
    }

    fn resource_member(&mut self, idx: usize, name: &Ident) -> R<Value> {
        let program = self.program;
        let res = &program.resources[idx];
        let Some(kind) = program.kinds.get(&res.kind) else { return Err(Reported) };
        if kind.attributes.contains_key(&name.name) {
            return self.resource_attr(idx, &name.name);
        }
        if kind.outputs.contains_key(&name.name) {
            return Ok(Value::Deferred(Deferred::output(res.address.clone(), name.name.clone())));
        }
        Err(self.report(unknown_member(&res.kind, &res.address, name, kind.member_names())))
    }

    fn resource_ref(&mut self, scope: ScopeId, kind: &Ident, name: &Ident) -> R<Value> {
        let key = format!("{}.{}", kind.name, name.name);
        let program = self.program;
        let Some(&idx) = program.scopes[scope].resources.get(&key) else {
            return Err(self.report(unknown_resource(program, scope, kind, name)));
        };
        if !self.is_enabled(idx) {
            let res = &program.resources[idx];
            return Err(self.report(
                Diagnostic::error(Code::E0305, format!("`{}` is disabled in this environment", res.address))
                    .primary(kind.span.to(name.span), "referenced here")
                    .secondary(res.name.span, "declared here, with `enabled` false in this environment")
                    .help("disable the referring resource too, or choose the value with a conditional"),
            ));
        }
        Ok(Value::Ref(program.resources[idx].address.clone()))
    }

    fn local_ref(&mut self, scope: ScopeId, name: &Ident) -> R<Value> {
        if self.program.scopes[scope].locals.contains_key(&name.name) {
            return self.local(scope, &name.name);
        }
        let help = did_you_mean(&name.name, self.program.scopes[scope].locals.keys().map(String::as_str));
        Err(self.report(
            Diagnostic::error(Code::E0304, format!("unknown local `{}`", name.name))
                .primary(name.span, "no such local in this scope")
                .maybe_help(help),
        ))
    }

    fn input_ref(&mut self, scope: ScopeId, name: &Ident) -> R<Value> {
        let s = &self.program.scopes[scope];
        if s.parent.is_none() {
            return Err(self.report(
                Diagnostic::error(Code::E0304, "`input` is only available inside a module")
                    .primary(name.span, "this is the stack itself")
                    .help("use `local.<name>` for named values in a stack"),
            ));
        }
        if s.inputs.contains_key(&name.name) {
            return self.input(scope, &name.name);
        }
        let help = did_you_mean(&name.name, s.inputs.keys().map(String::as_str));
        Err(self.report(
            Diagnostic::error(Code::E0304, format!("unknown input `{}`", name.name))
                .primary(name.span, "the module declares no such input")
                .maybe_help(help),
        ))
    }

    fn self_ref(&mut self, ctx: &Ctx, root: &Ident, name: &Ident) -> R<Value> {
        let Some(idx) = ctx.self_res else {
            return Err(self.report(
                Diagnostic::error(Code::E0306, "`self` is not available here")
                    .primary(root.span, "no resource is `self` here")
                    .help("`self` is for kind defaults and policies with `kind`; refer to the resource by `kind.name`"),
            ));
        };
        self.resource_member(idx, name)
    }

    fn module_output(&mut self, scope: ScopeId, module: &Ident, output: &Ident) -> R<Value> {
        let program = self.program;
        let Some(inst) = program.scopes[scope].modules.get(&module.name) else {
            let help = did_you_mean(&module.name, program.scopes[scope].modules.keys().map(String::as_str));
            return Err(self.report(
                Diagnostic::error(Code::E0302, format!("unknown module `{}`", module.name))
                    .primary(module.span, "no module instance of this name")
                    .maybe_help(help),
            ));
        };
        let Some(inner) = inst.scope else { return Err(Reported) };
        let Some(out) = program.scopes[inner].outputs.get(&output.name) else {
            let help = did_you_mean(&output.name, program.scopes[inner].outputs.keys().map(String::as_str));
            return Err(self.report(
                Diagnostic::error(Code::E0205, format!("module `{}` has no output `{}`", module.name, output.name))
                    .primary(output.span, "no such output")
                    .maybe_help(help),
            ));
        };
        self.eval(&out.value, &Ctx { scope: inner, ..Ctx::default() })
    }

    /// `only(kind)`: the scope's single resource of a kind. Used by kind defaults (`network =
    /// only(network)`) so a stack with one network never has to name it.
    fn only(&mut self, name: &Ident, args: &[Expr], span: Span, ctx: &Ctx) -> R<Value> {
        let kind = match args {
            [Expr { kind: ExprKind::Variable(k), .. }] if self.program.kinds.contains_key(&k.name) => k.name.clone(),
            _ => {
                return Err(self.report(
                    Diagnostic::error(Code::E0411, "wrong arguments to `only`")
                        .primary(span, "`only` takes one kind name, like `only(network)`"),
                ))
            }
        };
        let program = self.program;
        // The innermost scope that has any resource of the kind: a module without its own network
        // attaches to the stack's.
        let mut scope = Some(ctx.scope);
        let mut candidates: Vec<usize> = Vec::new();
        while let Some(s) = scope {
            let all = program.scopes[s].by_kind.get(&kind).map_or(&[][..], Vec::as_slice);
            candidates = all.iter().copied().filter(|&i| self.is_enabled(i)).collect();
            if !candidates.is_empty() {
                break;
            }
            scope = program.scopes[s].parent.as_ref().map(|(p, _)| *p);
        }
        let (site_span, who) = match ctx.self_res {
            Some(i) => (program.resources[i].name.span, format!("`{}`", program.resources[i].address)),
            None => (name.span, "this value".to_owned()),
        };
        match candidates.as_slice() {
            [one] => Ok(Value::Ref(program.resources[*one].address.clone())),
            [] => Err(self.report(
                Diagnostic::error(Code::E0415, format!("no {kind} to attach to"))
                    .primary(site_span, format!("{who} needs a {kind}, and the stack has none"))
                    .help(format!("declare a `{kind}` block")),
            )),
            many => {
                let names: Vec<&str> = many.iter().map(|&i| program.resources[i].address.as_str()).collect();
                Err(self.report(
                    Diagnostic::error(Code::E0415, format!("several {kind}s; which one?"))
                        .primary(site_span, format!("{who} needs a {kind}, and the stack has {}", names.len()))
                        .help(format!("set `{kind} = {}` (or one of: {})", names[0], names.join(", "))),
                ))
            }
        }
    }

    fn index(&mut self, base: Value, index: Value, span: Span) -> R<Value> {
        match (base, index) {
            (Value::List(items), Value::Number(n)) => {
                if n < 0.0 || n.fract() != 0.0 || n as usize >= items.len() {
                    return Err(self.report(
                        Diagnostic::error(Code::E0414, "index out of range")
                            .primary(span, format!("index {} of a list of {}", format_number(n), items.len())),
                    ));
                }
                Ok(items[n as usize].clone())
            }
            (Value::Map(mut m), Value::String(k)) => match m.remove(&k) {
                Some(v) => Ok(v),
                None => {
                    let help = did_you_mean(&k, m.keys().map(String::as_str));
                    Err(self.report(
                        Diagnostic::error(Code::E0414, format!("no key \"{k}\""))
                            .primary(span, "not in this map")
                            .maybe_help(help.or_else(|| {
                                Some("use `lookup(map, key, default)` for a key that may be absent".into())
                            })),
                    ))
                }
            },
            (_, Value::Deferred(d)) | (Value::Deferred(d), _) => {
                Err(self.report(deferred_error(span, &d, "as an index")))
            }
            (b, i) => Err(self.report(
                Diagnostic::error(Code::E0401, "type mismatch")
                    .primary(span, format!("cannot index {} with {}", b.type_name(), i.type_name())),
            )),
        }
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr, ctx: &Ctx) -> R<Value> {
        // `&&` and `||` short-circuit, so `x != null && x.y` works.
        if matches!(op, BinaryOp::And | BinaryOp::Or) {
            let l = self.bool_operand(lhs, ctx)?;
            if (op == BinaryOp::And && !l) || (op == BinaryOp::Or && l) {
                return Ok(Value::Bool(l));
            }
            return self.bool_operand(rhs, ctx).map(Value::Bool);
        }
        let l = self.eval(lhs, ctx)?;
        let r = self.eval(rhs, ctx)?;
        for (v, e) in [(&l, lhs), (&r, rhs)] {
            if let Value::Deferred(d) = v {
                return Err(self.report(deferred_error(e.span, d, &format!("with `{}`", op.as_str()))));
            }
        }
        match op {
            BinaryOp::Eq => Ok(Value::Bool(values_equal(&l, &r))),
            BinaryOp::NotEq => Ok(Value::Bool(!values_equal(&l, &r))),
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                let Some(ord) = compare(&l, &r) else {
                    return Err(self.report(
                        Diagnostic::error(Code::E0401, "type mismatch")
                            .primary(
                                lhs.span.to(rhs.span),
                                format!("cannot compare {} with {}", l.type_name(), r.type_name()),
                            )
                            .help("compare numbers with numbers, or sizes, cpus and durations with their own kind"),
                    ));
                };
                use std::cmp::Ordering::*;
                Ok(Value::Bool(match op {
                    BinaryOp::Less => ord == Less,
                    BinaryOp::LessEq => ord != Greater,
                    BinaryOp::Greater => ord == Greater,
                    _ => ord != Less,
                }))
            }
            _ => {
                let (Some(a), Some(b)) = (l.as_number(), r.as_number()) else {
                    let (bad, span) = if l.as_number().is_none() { (&l, lhs.span) } else { (&r, rhs.span) };
                    let mut d = super::coerce::mismatch(span, "number", bad);
                    if op == BinaryOp::Add && matches!(bad, Value::String(_)) {
                        d = d.help("join strings with a template: \"${a}${b}\"");
                    }
                    return Err(self.report(d));
                };
                let result = match op {
                    BinaryOp::Add => a + b,
                    BinaryOp::Sub => a - b,
                    BinaryOp::Mul => a * b,
                    BinaryOp::Div | BinaryOp::Mod if b == 0.0 => {
                        return Err(self.report(
                            Diagnostic::error(Code::E0414, "division by zero").primary(rhs.span, "this is zero"),
                        ))
                    }
                    BinaryOp::Div => a / b,
                    _ => a % b,
                };
                if !result.is_finite() {
                    return Err(self.report(
                        Diagnostic::error(Code::E0414, "number out of range")
                            .primary(lhs.span.to(rhs.span), "the result is not finite"),
                    ));
                }
                Ok(Value::Number(result))
            }
        }
    }

    fn bool_operand(&mut self, e: &Expr, ctx: &Ctx) -> R<bool> {
        match self.eval(e, ctx)? {
            Value::Bool(b) => Ok(b),
            Value::Deferred(d) => Err(self.report(deferred_error(e.span, &d, "in a condition"))),
            v => Err(self.report(super::coerce::mismatch(e.span, "bool", &v))),
        }
    }

    fn for_expr(&mut self, f: &ForExpr, ctx: &Ctx, span: Span) -> R<Value> {
        let collection = self.eval(&f.collection, ctx)?;
        let items: Vec<(Value, Value)> = match collection {
            Value::List(items) => items.into_iter().enumerate().map(|(i, v)| (Value::Number(i as f64), v)).collect(),
            Value::Map(m) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
            Value::Deferred(d) => {
                return Err(self.report(deferred_error(f.collection.span, &d, "as a `for` collection")))
            }
            v => return Err(self.report(super::coerce::mismatch(f.collection.span, "a list or map", &v))),
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut inner = ctx.clone();
        for (k, v) in items {
            inner.vars.truncate(ctx.vars.len());
            if let Some(kv) = &f.key_var {
                inner.vars.push((kv.name.clone(), k));
            }
            inner.vars.push((f.value_var.name.clone(), v));
            if let Some(cond) = &f.condition {
                if !self.bool_operand(cond, &inner)? {
                    continue;
                }
            }
            let value = self.eval(&f.value_expr, &inner)?;
            match &f.key_expr {
                None => list.push(value),
                Some(ke) => {
                    let key = match self.eval(ke, &inner)? {
                        Value::String(s) => s,
                        Value::Number(n) => format_number(n),
                        other => return Err(self.report(super::coerce::mismatch(ke.span, "a string key", &other))),
                    };
                    if f.grouping {
                        match map.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                            Value::List(l) => l.push(value),
                            _ => return Err(Reported),
                        }
                    } else {
                        match map.entry(key) {
                            std::collections::btree_map::Entry::Occupied(e) => {
                                return Err(self.report(
                                    Diagnostic::error(
                                        Code::E0414,
                                        format!("duplicate key \"{}\" in `for` expression", e.key()),
                                    )
                                    .primary(ke.span, "two elements produce this key")
                                    .help("make keys unique, or group values with `...` after the value"),
                                ));
                            }
                            std::collections::btree_map::Entry::Vacant(e) => {
                                e.insert(value);
                            }
                        }
                    }
                }
            }
        }
        let _ = span;
        Ok(if f.key_expr.is_some() { Value::Map(map) } else { Value::List(list) })
    }
}

fn unknown_name(ev: &Evaluator<'_>, id: &Ident, ctx: &Ctx) -> Diagnostic {
    let vars = ctx.vars.iter().map(|(n, _)| n.as_str());
    unknown_root(id, ROOT_NAMES.iter().copied().chain(ev.program.kinds.keys().map(String::as_str)).chain(vars))
}

/// An expression starts with a name that means nothing here.
pub(crate) fn unknown_root<'a>(id: &Ident, candidates: impl Iterator<Item = &'a str>) -> Diagnostic {
    let help = if id.name == "var" {
        Some("stacks have no variables: use `local.<name>`, or `input.<name>` inside a module".to_owned())
    } else {
        did_you_mean(&id.name, candidates)
    };
    Diagnostic::error(Code::E0301, format!("unknown name `{}`", id.name))
        .primary(id.span, "not a kind, `env`, `profile`, `local`, `input`, `module`, `self` or a `for` variable")
        .maybe_help(help)
}

pub(crate) fn unknown_resource(
    program: &crate::program::Program,
    scope: ScopeId,
    kind: &Ident,
    name: &Ident,
) -> Diagnostic {
    let prefix = format!("{}.", kind.name);
    let same_kind = program.scopes[scope].resources.keys().filter_map(|k| k.strip_prefix(&prefix));
    let mut help = crate::suggest::closest(&name.name, same_kind).map(|n| format!("did you mean `{}.{n}`?", kind.name));
    if help.is_none() {
        // The name may exist as another kind.
        let other: Vec<&str> = program.scopes[scope]
            .resources
            .keys()
            .filter(|k| k.ends_with(&format!(".{}", name.name)))
            .map(String::as_str)
            .collect();
        if let Some(o) = other.first() {
            help = Some(format!("did you mean `{o}`?"));
        }
    }
    Diagnostic::error(Code::E0302, format!("unknown {} `{}`", kind.name, name.name))
        .primary(kind.span.to(name.span), format!("no {} named `{}` in this stack", kind.name, name.name))
        .maybe_help(help)
}

pub(crate) fn unknown_member<'a>(
    kind: &str,
    address: &str,
    name: &Ident,
    members: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let members: Vec<&str> = members.collect();
    let help = did_you_mean(&name.name, members.iter().copied())
        .unwrap_or_else(|| format!("a {kind} has: {}", members.join(", ")));
    Diagnostic::error(Code::E0303, format!("a {kind} has no attribute or output `{}`", name.name))
        .primary(name.span, format!("not a member of `{address}`"))
        .help(help)
}

pub(crate) fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(s), other) | (other, Value::String(s)) if !matches!(other, Value::String(_)) => match other {
            Value::Size(_) | Value::Cpu(_) | Value::Duration(_) | Value::Cidr(_) | Value::Image(_) => {
                other.to_string().trim_matches('"') == s
            }
            Value::Instance(t) => t.name == s,
            _ => false,
        },
        (Value::Port(p), Value::Number(n)) | (Value::Number(n), Value::Port(p)) => f64::from(p.get()) == *n,
        _ => a == b,
    }
}

fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    use crate::domain::{Cpu, Duration, Size};
    // A literal on one side is read as the other side's unit: `self.storage <= "100Gi"`.
    let parsed = |domain: &Value, text: &str| match domain {
        Value::Size(_) => Size::parse(text).ok().map(Value::Size),
        Value::Cpu(_) => Cpu::parse(text).ok().map(Value::Cpu),
        Value::Duration(_) => Duration::parse(text).ok().map(Value::Duration),
        _ => None,
    };
    match (a, b) {
        (Value::String(s), d @ (Value::Size(_) | Value::Cpu(_) | Value::Duration(_))) => {
            return compare(&parsed(d, s)?, d);
        }
        (d @ (Value::Size(_) | Value::Cpu(_) | Value::Duration(_)), Value::String(s)) => {
            return compare(d, &parsed(d, s)?);
        }
        _ => {}
    }
    match (a, b) {
        (Value::Size(x), Value::Size(y)) => Some(x.bytes().cmp(&y.bytes())),
        (Value::Cpu(x), Value::Cpu(y)) => Some(x.millis().cmp(&y.millis())),
        (Value::Duration(x), Value::Duration(y)) => Some(x.seconds().cmp(&y.seconds())),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        _ => a.as_number()?.partial_cmp(&b.as_number()?),
    }
}
