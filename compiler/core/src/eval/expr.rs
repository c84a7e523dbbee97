//! Evaluation of resolved expressions: literals, templates, references, operators, conditionals,
//! `for` expressions and function calls. Names were bound by the resolver; what is left to report here
//! depends on values (types, indexes, disabled resources, values only known after apply).

use stackc_syntax::ast::{BinaryOp, Ident, UnaryOp};
use stackc_syntax::{Code, Diagnostic, Span};

use super::{every, Ctx, Evaluator, Reported, R};
use crate::functions;
use crate::program::ScopeId;
use crate::resolve::hir::{EnvField, Expr, ExprKind, ForExpr, ResourceRef, TemplatePart};
use crate::suggest::did_you_mean;
use crate::value::{format_number, Deferred, Value};

pub(crate) fn deferred_error(span: Span, d: &Deferred, what: &str) -> Diagnostic {
    Diagnostic::error(Code::E0410, "value is only known after apply")
        .primary(span, format!("`{d}` is known only after apply and cannot be used {what}"))
        .help("decide with values known when compiling: attributes, locals, `env` and `profile`")
}

/// The longest path of fields [`Evaluator::peek`] reads in place (`self.a.b.c.d.e.f`).
const PEEK_DEPTH: usize = 6;

impl Evaluator<'_> {
    pub fn eval(&mut self, expr: &Expr, ctx: &Ctx) -> R<Value> {
        match &expr.kind {
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Number(n) => Ok(Value::Number(*n)),
            ExprKind::String(s) => Ok(Value::String(s.clone())),
            ExprKind::Error => Err(Reported),
            ExprKind::Template(parts) => self.template(parts, ctx),
            // Every element is evaluated, so each mistake in a list or object is reported.
            ExprKind::List(items) => Ok(Value::List(every(items, |item| self.eval(item, ctx))?)),
            ExprKind::Object(fields) => {
                Ok(Value::Map(every(fields, |(key, value)| Ok((key.clone(), self.eval(value, ctx)?)))?))
            }
            ExprKind::Env(field) => Ok(Value::String(self.env_field(*field))),
            ExprKind::EnvObject => Ok(Value::Map(
                EnvField::ALL.iter().map(|(name, f)| ((*name).to_owned(), Value::String(self.env_field(*f)))).collect(),
            )),
            ExprKind::Profile(i) => Ok(self.env.profile_values.get(*i).cloned().unwrap_or(Value::Null)),
            ExprKind::ProfileObject => Ok(Value::Map(self.env.profile_fields.clone())),
            ExprKind::Local { scope, index } => self.local(*scope, *index),
            ExprKind::Input { scope, index } => self.input(*scope, *index),
            ExprKind::ModuleOutput { scope, index } => self.module_output(*scope, *index),
            ExprKind::Resource(r) => self.resource_ref(*r),
            ExprKind::Attr(r, pos) => {
                self.resource_ref(*r)?;
                self.resource_attr(r.index, *pos)
            }
            ExprKind::Output(r, pos) => {
                self.resource_ref(*r)?;
                Ok(self.output(r.index, *pos))
            }
            ExprKind::Block(r, pos) => {
                self.resource_ref(*r)?;
                self.block_value(r.index, *pos)
            }
            ExprKind::SelfBlock(pos) => match ctx.self_res {
                Some(idx) => self.block_value(idx, *pos),
                None => Err(Reported),
            },
            ExprKind::SelfAttr(pos) => match ctx.self_res {
                Some(idx) => self.resource_attr(idx, *pos),
                None => Err(Reported),
            },
            ExprKind::EnvCost => match &self.cost {
                Some(c) => Ok(Value::Number(c.monthly)),
                None => Err(self.cost_unavailable(expr.span)),
            },
            ExprKind::SelfCost => match (&self.cost, ctx.self_res) {
                (Some(c), Some(idx)) => Ok(Value::Number(c.of(&self.program.resources[idx].address))),
                _ => Err(self.cost_unavailable(expr.span)),
            },
            ExprKind::SelfOutput(pos) => match ctx.self_res {
                Some(idx) => Ok(self.output(idx, *pos)),
                None => Err(Reported),
            },
            ExprKind::Var(depth) => ctx.vars.get(*depth).cloned().ok_or(Reported),
            ExprKind::Member(base, name) => {
                if let Some(v) = self.block_member(base, name, ctx)? {
                    return Ok(v);
                }
                if let Some(v) = self.peek(expr, ctx, Value::clone)? {
                    return Ok(v);
                }
                let v = self.eval(base, ctx)?;
                self.member(v, name, base)
            }
            ExprKind::Index(base, index) => {
                let b = self.eval(base, ctx)?;
                let i = self.eval(index, ctx)?;
                self.index(b, i, index.span)
            }
            ExprKind::Call { function, args } => {
                let values: Vec<(Value, Span)> = every(args, |a| Ok((self.eval(a, ctx)?, a.span)))?;
                functions::call(self, function, &values, expr.span)
            }
            ExprKind::Only(kind) => self.only(kind, expr.span, ctx),
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
            ExprKind::For(f) => self.for_expr(f, ctx),
        }
    }

    /// `monthly_cost` outside a policy: the estimate is made after every value is known.
    fn cost_unavailable(&mut self, span: stackc_syntax::Span) -> Reported {
        self.report(
            Diagnostic::error(Code::E0306, "`monthly_cost` is only available in policies")
                .primary(span, "the cost estimate is made after every attribute is evaluated")
                .help("read `self.monthly_cost` or `env.monthly_cost` in a `policy` block's `when`, `assert` or `message`"),
        )
    }

    fn env_field(&self, field: EnvField) -> String {
        match field {
            EnvField::Name => self.env.name.clone(),
            EnvField::Profile => self.env.profile.clone(),
            EnvField::Region => self.env.region.clone(),
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

    /// `value.name` on an evaluated value: a field of an object, or a member of a referenced resource.
    /// A field of a resource's single nested block (`self.health.liveness`, `cluster.main.api.public`),
    /// read from the memo without building the block as an object. `None` when `base` is not such a
    /// block or the field is not there: the general path then gives the value or the diagnostic.
    fn block_member(&mut self, base: &Expr, name: &Ident, ctx: &Ctx) -> R<Option<Value>> {
        let (idx, bpos) = match base.kind {
            ExprKind::SelfBlock(pos) => match ctx.self_res {
                Some(idx) => (idx, pos),
                None => return Ok(None),
            },
            ExprKind::Block(r, pos) => {
                self.resource_ref(r)?;
                (r.index, pos)
            }
            _ => return Ok(None),
        };
        let Some(bdef) = self.kind(idx).and_then(|k| k.blocks.get_index(bpos)).map(|(_, b)| b) else {
            return Ok(None);
        };
        if bdef.max != Some(1) {
            return Ok(None);
        }
        let Some(first) = self.block_instances_ref(idx, bpos)?.first() else { return Ok(None) };
        if let (Some(label_name), Some(label)) = (bdef.labels.first(), &first.label) {
            if *label_name == name.name {
                return Ok(Some(Value::String(label.clone())));
            }
        }
        Ok(first.attrs.get(&name.name).cloned())
    }

    /// `f` of the value of a path of fields (`self.replicas.min`, `s.cluster` in a `for`, `self.timeout`
    /// in a block's check), borrowed from the memo or the variable: only what `f` takes is copied, not
    /// the objects the field is in. `None` when `expr` is not such a path, or a step is not a field of
    /// an object; the general evaluation then does (and reports) the same as it always does.
    pub(crate) fn peek<T>(&mut self, expr: &Expr, ctx: &Ctx, f: impl FnOnce(&Value) -> T) -> R<Option<T>> {
        // The fields, innermost first, kept on the stack: a longer path takes the general evaluation.
        let mut names: [&str; PEEK_DEPTH] = [""; PEEK_DEPTH];
        let mut depth = 0;
        let mut root = expr;
        while let ExprKind::Member(base, name) = &root.kind {
            let Some(slot) = names.get_mut(depth) else { return Ok(None) };
            *slot = &name.name;
            depth += 1;
            root = base;
        }
        let mut value: &Value = match root.kind {
            ExprKind::Var(depth) => match ctx.vars.get(depth) {
                Some(v) => v,
                None => return Ok(None),
            },
            ExprKind::SelfAttr(pos) => match ctx.self_res {
                Some(idx) => self.attr_ref(idx, pos)?,
                None => return Ok(None),
            },
            ExprKind::Attr(r, pos) => {
                self.resource_ref(r)?;
                self.attr_ref(r.index, pos)?
            }
            _ => return Ok(None),
        };
        for name in names[..depth].iter().rev() {
            match value.as_map().and_then(|m| m.get(*name)) {
                Some(v) => value = v,
                None => return Ok(None),
            }
        }
        Ok(Some(f(value)))
    }

    /// `x == null` or `x != null` where `x` is a path of fields or a block that occurs at most once,
    /// decided without copying `x`: whether it is null. `None` when it takes the general evaluation.
    fn null_test(&mut self, operand: &Expr, ctx: &Ctx) -> R<Option<bool>> {
        let block = match operand.kind {
            ExprKind::SelfBlock(pos) => ctx.self_res.map(|idx| (idx, pos)),
            ExprKind::Block(r, pos) => {
                self.resource_ref(r)?;
                Some((r.index, pos))
            }
            _ => None,
        };
        if let Some((idx, bpos)) = block {
            if self.kind(idx).and_then(|k| k.blocks.get_index(bpos)).is_none_or(|(_, b)| b.max != Some(1)) {
                return Ok(None);
            }
            return Ok(Some(self.block_instances_ref(idx, bpos)?.is_empty()));
        }
        Ok(self.peek(operand, ctx, |v| (!matches!(v, Value::Deferred(_))).then_some(v.is_null()))?.flatten())
    }

    fn member(&mut self, v: Value, name: &Ident, base: &Expr) -> R<Value> {
        match v {
            Value::Map(mut m) => match m.remove(&name.name) {
                Some(v) => Ok(v),
                None => {
                    let what = match base.kind {
                        ExprKind::EnvObject => "environment context".to_owned(),
                        ExprKind::ProfileObject => format!("profile `{}`", self.env.profile),
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
            Value::Null => Err(self.report(
                Diagnostic::error(Code::E0401, "type mismatch")
                    .primary(name.span, "null has no fields")
                    .help(format!(
                        "an optional block or attribute is null when it is not written: guard the read, e.g. `x != null && x.{}`",
                        name.name
                    )),
            )),
            other => Err(self.report(
                Diagnostic::error(Code::E0401, "type mismatch")
                    .primary(name.span, format!("{} has no fields", other.type_name())),
            )),
        }
    }

    /// A member of a resource reached through a value (`local.db.url`, `database.orders.network.cidr`).
    fn resource_member(&mut self, idx: usize, name: &Ident) -> R<Value> {
        let program = self.program;
        let res = &program.resources[idx];
        let Some(kind) = self.kind(idx) else { return Err(Reported) };
        if let Some(pos) = kind.attributes.get_index_of(&name.name) {
            return self.resource_attr(idx, pos);
        }
        if let Some(pos) = kind.outputs.get_index_of(&name.name) {
            return Ok(self.output(idx, pos));
        }
        if let Some(pos) = kind.blocks.get_index_of(&name.name) {
            return self.block_value(idx, pos);
        }
        Err(self.report(crate::resolve::unknown_member(&res.kind, &res.address, name, kind.member_names())))
    }

    /// An output of a resource: a value only known after apply.
    fn output(&self, idx: usize, pos: usize) -> Value {
        let program = self.program;
        let res = &program.resources[idx];
        let name = self.kind(idx).and_then(|k| k.outputs.get_index(pos)).map_or("", |(n, _)| n);
        Value::Deferred(Deferred::output(res.address.clone(), name.to_owned()))
    }

    /// A reference to a resource; an error where the resource is disabled.
    fn resource_ref(&mut self, r: ResourceRef) -> R<Value> {
        let program = self.program;
        if !self.is_enabled(r.index) {
            let res = &program.resources[r.index];
            return Err(self.report(
                Diagnostic::error(Code::E0305, format!("`{}` is disabled in this environment", res.address))
                    .primary(r.span, "referenced here")
                    .secondary(res.name.span, "declared here, with `enabled` false in this environment")
                    .help("disable the referring resource too, or choose the value with a conditional"),
            ));
        }
        Ok(Value::Ref(program.resources[r.index].address.clone()))
    }

    /// `only(kind)`: the scope's single resource of a kind. Used by kind defaults (`network =
    /// only(network)`) so a stack with one network never has to name it.
    fn only(&mut self, kind: &str, span: Span, ctx: &Ctx) -> R<Value> {
        let program = self.program;
        // The innermost scope that has any resource of the kind: a module without its own network
        // attaches to the stack's.
        let mut scope: Option<ScopeId> = Some(ctx.scope);
        let mut candidates: Vec<usize> = Vec::new();
        let mut broken = false;
        while let Some(s) = scope {
            broken |= program.scopes[s].maybe_broken(kind, None);
            let all = program.scopes[s].by_kind.get(kind).map_or(&[][..], Vec::as_slice);
            candidates = all.iter().copied().filter(|&i| self.is_enabled(i)).collect();
            if !candidates.is_empty() {
                break;
            }
            scope = program.scopes[s].parent.as_ref().map(|(p, _)| *p);
        }
        let (site_span, who) = match ctx.self_res {
            Some(i) => (program.resources[i].name.span, format!("`{}`", program.resources[i].address)),
            None => (span, "this value".to_owned()),
        };
        match candidates.as_slice() {
            [one] => Ok(Value::Ref(program.resources[*one].address.clone())),
            // The one it would attach to may be a block dropped for a syntax error, already reported.
            [] if broken => Err(Reported),
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
        if matches!(op, BinaryOp::Eq | BinaryOp::NotEq) {
            let operand = match (&lhs.kind, &rhs.kind) {
                (_, ExprKind::Null) => Some(lhs),
                (ExprKind::Null, _) => Some(rhs),
                _ => None,
            };
            if let Some(null) = operand.map(|o| self.null_test(o, ctx)).transpose()?.flatten() {
                return Ok(Value::Bool(null == (op == BinaryOp::Eq)));
            }
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

    fn for_expr(&mut self, f: &ForExpr, ctx: &Ctx) -> R<Value> {
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
        let mut map = crate::value::Map::new();
        let mut inner = ctx.clone();
        for (k, v) in items {
            inner.vars.truncate(ctx.vars.len());
            if f.has_key_var {
                inner.vars.push(k);
            }
            inner.vars.push(v);
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
                        if map.contains_key(&key) {
                            return Err(self.report(
                                Diagnostic::error(Code::E0414, format!("duplicate key \"{key}\" in `for` expression"))
                                    .primary(ke.span, "two elements produce this key")
                                    .help("make keys unique, or group values with `...` after the value"),
                            ));
                        }
                        map.insert(key, value);
                    }
                }
            }
        }
        Ok(if f.key_expr.is_some() { Value::Map(map) } else { Value::List(list) })
    }
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
