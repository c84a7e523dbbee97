//! Evaluation of a program in one environment: every enabled resource's attributes become
//! [`Value`]s coerced to their declared types. Evaluation is lazy and memoized, so references may
//! point anywhere in the stack regardless of order; a value that depends on itself is reported once.

mod coerce;
mod expr;

pub(crate) use expr::{
    deferred_error, unknown_member, unknown_resource, unknown_root, values_equal, ENV_FIELDS, ROOT_NAMES,
};

use std::collections::{BTreeMap, HashMap};

use stackc_syntax::ast::{Body, Expr};
use stackc_syntax::{Code, Diagnostic, Span};

use crate::env::{Approval, BlockInstance, EnvGraph, Resource, StackInfo};
use crate::program::*;
use crate::schema::{AttrDef, DefaultValue};
use crate::value::Value;

/// A diagnostic was already reported for this value; callers stop without reporting again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

pub type R<T> = Result<T, Reported>;

#[derive(Debug, Clone)]
enum Slot {
    Empty,
    InProgress,
    Done(R<Value>),
}

/// What `env.*` and `profile.*` mean in this environment.
pub(crate) struct EnvCtx {
    pub name: String,
    pub profile: String,
    pub region: String,
    pub profile_fields: BTreeMap<String, Value>,
}

/// Where an expression is evaluated: its scope, the resource `self` means, and `for` variables.
#[derive(Clone, Default)]
pub(crate) struct Ctx {
    pub scope: ScopeId,
    pub self_res: Option<ResourceIdx>,
    pub vars: Vec<(String, Value)>,
}

pub(crate) struct Evaluator<'p> {
    pub program: &'p Program,
    pub env: EnvCtx,
    /// Per resource: the environment's override body, if any.
    overrides: Vec<Option<&'p Body>>,
    /// Per resource, per attribute (in kind order): the memoized value. Empty until first use.
    attrs: Vec<Vec<Slot>>,
    locals: HashMap<(ScopeId, String), Slot>,
    inputs: HashMap<(ScopeId, String), Slot>,
    /// Per resource: unknown, being computed, or the answer.
    enabled: Vec<Option<Option<bool>>>,
    pub diags: Vec<Diagnostic>,
}

impl<'p> Evaluator<'p> {
    pub fn new(program: &'p Program, env_decl: &'p EnvironmentDecl, env: EnvCtx) -> Evaluator<'p> {
        let mut overrides = vec![None; program.resources.len()];
        for o in &env_decl.overrides {
            if let Some(&idx) = program.by_address.get(&o.target) {
                overrides[idx] = Some(&o.body);
            }
        }
        Evaluator {
            program,
            env,
            overrides,
            attrs: vec![Vec::new(); program.resources.len()],
            locals: HashMap::new(),
            inputs: HashMap::new(),
            enabled: vec![None; program.resources.len()],
            diags: Vec::new(),
        }
    }

    pub fn report(&mut self, d: Diagnostic) -> Reported {
        self.diags.push(d);
        Reported
    }

    /// Whether a resource exists in this environment (`enabled`, default true).
    pub fn is_enabled(&mut self, idx: ResourceIdx) -> bool {
        match self.enabled[idx] {
            Some(Some(b)) => return b,
            Some(None) => return true, // being computed: treat as enabled to avoid a second report
            None => {}
        }
        self.enabled[idx] = Some(None);
        let res = &self.program.resources[idx];
        let expr = self.overrides[idx]
            .and_then(|b| b.attribute("enabled"))
            .map(|a| (&a.value, ROOT))
            .or_else(|| res.block.body.attribute("enabled").map(|a| (&a.value, res.scope)));
        let enabled = match expr {
            None => true,
            Some((e, scope)) => {
                let ctx = Ctx { scope, ..Ctx::default() };
                match self.eval(e, &ctx) {
                    Ok(Value::Bool(b)) => b,
                    Ok(v) => {
                        self.report(coerce::mismatch(e.span, "bool", &v));
                        true
                    }
                    Err(Reported) => true,
                }
            }
        };
        self.enabled[idx] = Some(Some(enabled));
        enabled
    }

    /// One attribute of a resource in this environment: the environment's override, else the
    /// resource's own value, else the kind's default; coerced to the attribute's type.
    pub fn resource_attr(&mut self, idx: ResourceIdx, name: &str) -> R<Value> {
        let program = self.program;
        let Some(kind) = program.kinds.get(&program.resources[idx].kind) else { return Err(Reported) };
        let Some(pos) = kind.attributes.get_index_of(name) else { return Err(Reported) };
        if self.attrs[idx].is_empty() {
            self.attrs[idx] = vec![Slot::Empty; kind.attributes.len()];
        }
        match &self.attrs[idx][pos] {
            Slot::Done(v) => return v.clone(),
            Slot::InProgress => {
                let res = &self.program.resources[idx];
                let span = res.block.body.attribute(name).map_or(res.name.span, |a| a.value.span);
                return Err(self.report(
                    Diagnostic::error(Code::E0502, format!("`{}.{name}` depends on itself", res.address))
                        .primary(span, "evaluating this needs its own value")
                        .help("break the loop: one of the values involved must not refer back"),
                ));
            }
            Slot::Empty => {}
        }
        self.attrs[idx][pos] = Slot::InProgress;
        let result = self.compute_attr(idx, name);
        self.attrs[idx][pos] = Slot::Done(result.clone());
        result
    }

    fn compute_attr(&mut self, idx: ResourceIdx, name: &str) -> R<Value> {
        let program = self.program;
        let res = &program.resources[idx];
        let Some(kind) = program.kinds.get(&res.kind) else { return Err(Reported) };
        let Some(def) = kind.attributes.get(name) else { return Err(Reported) };
        let (value, span) = self.attr_source(idx, &res.block.body, def, true)?;
        self.coerce(value, &def.ty, span)
    }

    /// The raw value of an attribute of a resource or block body (override, own, default), with the
    /// span of the expression it came from.
    fn attr_source(&mut self, idx: ResourceIdx, body: &Body, def: &AttrDef, top_level: bool) -> R<(Value, Span)> {
        let res = &self.program.resources[idx];
        let own = if top_level {
            self.overrides[idx]
                .and_then(|b| b.attribute(&def.name))
                .map(|a| (&a.value, ROOT))
                .or_else(|| body.attribute(&def.name).map(|a| (&a.value, res.scope)))
        } else {
            body.attribute(&def.name).map(|a| (&a.value, res.scope))
        };
        let mut null_at = None;
        if let Some((expr, scope)) = own {
            let ctx = Ctx { scope, ..Ctx::default() };
            let v = self.eval(expr, &ctx)?;
            if !v.is_null() {
                return Ok((v, expr.span));
            }
            null_at = Some(expr.span);
        }
        match &def.default {
            // Unset is reported by the checker; set to a value that turned out null is reported here.
            DefaultValue::Required => match null_at {
                Some(span) => Err(self.report(
                    Diagnostic::error(Code::E0109, format!("missing required attribute `{}`", def.name))
                        .primary(span, "this is null, and the attribute has no default")
                        .help(format!("give `{}` a value of type {}", def.name, def.ty)),
                )),
                None => Err(Reported),
            },
            DefaultValue::Null => Ok((Value::Null, res.name.span)),
            DefaultValue::Expr(e) => {
                let ctx = Ctx { scope: res.scope, self_res: Some(idx), ..Ctx::default() };
                let v = self.eval(e, &ctx)?;
                Ok((v, res.name.span))
            }
        }
    }

    pub fn local(&mut self, scope: ScopeId, name: &str) -> R<Value> {
        let key = (scope, name.to_owned());
        match self.locals.get(&key) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::InProgress) => {
                let span = self.program.scopes[scope].locals.get(name).map(|l| l.name.span);
                let mut d = Diagnostic::error(Code::E0502, format!("local `{name}` depends on itself"))
                    .help("break the loop: one of the values involved must not refer back");
                if let Some(span) = span {
                    d = d.primary(span, "this local's value needs its own value");
                }
                return Err(self.report(d));
            }
            Some(Slot::Empty) | None => {}
        }
        let Some(decl) = self.program.scopes[scope].locals.get(name) else { return Err(Reported) };
        self.locals.insert(key.clone(), Slot::InProgress);
        let ctx = Ctx { scope, ..Ctx::default() };
        let result = self.eval(&decl.value, &ctx);
        self.locals.insert(key, Slot::Done(result.clone()));
        result
    }

    pub fn input(&mut self, scope: ScopeId, name: &str) -> R<Value> {
        let key = (scope, name.to_owned());
        match self.inputs.get(&key) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::InProgress) => return Err(Reported),
            Some(Slot::Empty) | None => {}
        }
        self.inputs.insert(key.clone(), Slot::InProgress);
        let result = self.compute_input(scope, name);
        self.inputs.insert(key, Slot::Done(result.clone()));
        result
    }

    fn compute_input(&mut self, scope: ScopeId, name: &str) -> R<Value> {
        let program = self.program;
        let s = &program.scopes[scope];
        let Some(decl) = s.inputs.get(name) else { return Err(Reported) };
        let Some((parent, instance)) = &s.parent else { return Err(Reported) };
        let Some(inst) = program.scopes[*parent].modules.get(instance) else { return Err(Reported) };
        if let Some(arg) = inst.args.iter().find(|a| a.name.name == name) {
            let v = self.eval(&arg.value, &Ctx { scope: *parent, ..Ctx::default() })?;
            return self.coerce(v, &decl.ty, arg.value.span);
        }
        match &decl.default {
            Some(e) => {
                let v = self.eval(e, &Ctx { scope, ..Ctx::default() })?;
                self.coerce(v, &decl.ty, e.span)
            }
            None => Err(Reported), // reported by the checker
        }
    }

    fn stack_string(&mut self, expr: Option<&Expr>, default: String) -> String {
        let Some(e) = expr else { return default };
        match self.eval(e, &Ctx::default()) {
            Ok(Value::String(s)) => s,
            Ok(v) => {
                self.report(coerce::mismatch(e.span, "string", &v));
                default
            }
            Err(_) => default,
        }
    }

    /// Evaluates every enabled resource and returns the environment's resources (sorted by address),
    /// stack settings and approval.
    pub fn run(&mut self, env_decl: &EnvironmentDecl) -> EnvGraph {
        let program = self.program;
        let mut resources = Vec::new();
        for idx in 0..program.resources.len() {
            if !self.is_enabled(idx) {
                continue;
            }
            if let Some(r) = self.build_resource(idx) {
                resources.push(r);
            }
        }
        resources.sort_by(|a, b| a.address.cmp(&b.address));
        let stack = match &program.stack {
            Some(s) => {
                let name = s.name.name.clone();
                let tags = match &s.tags {
                    None => BTreeMap::new(),
                    Some(e) => match self.eval(e, &Ctx::default()).and_then(|v| {
                        self.coerce(v, &crate::types::Ty::Map(Box::new(crate::types::Ty::String)), e.span)
                    }) {
                        Ok(Value::Map(m)) => {
                            m.into_iter().filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned()))).collect()
                        }
                        _ => BTreeMap::new(),
                    },
                };
                StackInfo {
                    state_bucket: self.stack_string(s.state_bucket.as_ref(), format!("{name}-tfstate")),
                    lock_table: self.stack_string(s.lock_table.as_ref(), format!("{name}-tflock")),
                    name,
                    tags,
                }
            }
            None => StackInfo::default(),
        };
        let approval = env_decl.approval.as_ref().map(|a| self.approval(a));
        EnvGraph::new(
            env_decl.name.name.clone(),
            self.env.profile.clone(),
            self.env.region.clone(),
            self.env.profile_fields.clone(),
            stack,
            approval,
            resources,
            &mut self.diags,
        )
    }

    fn approval(&mut self, a: &ApprovalDecl) -> Approval {
        let reviewers = a
            .reviewers
            .as_ref()
            .and_then(|e| {
                let v = self.eval(e, &Ctx::default()).ok()?;
                match v {
                    Value::Number(n) if (1.0..=6.0).contains(&n) && n.fract() == 0.0 => Some(n as u32),
                    _ => {
                        self.report(
                            Diagnostic::error(Code::E0401, "type mismatch")
                                .primary(e.span, format!("expected a whole number of reviewers from 1 to 6, found {v}"))
                                .note("GitHub environments allow up to 6 required reviewers"),
                        );
                        None
                    }
                }
            })
            .unwrap_or(1);
        let wait = a.wait.as_ref().and_then(|e| {
            let v = self.eval(e, &Ctx::default()).ok()?;
            match self.coerce(v, &crate::types::Ty::Duration, e.span) {
                Ok(Value::Duration(d)) => Some(d),
                _ => None,
            }
        });
        Approval { reviewers, wait }
    }

    fn build_resource(&mut self, idx: ResourceIdx) -> Option<Resource> {
        let program = self.program;
        let decl = &program.resources[idx];
        let kind = program.kinds.get(&decl.kind)?.clone();
        let mut attrs = BTreeMap::new();
        let mut ok = true;
        for name in kind.attributes.keys() {
            match self.resource_attr(idx, name) {
                Ok(v) => {
                    attrs.insert(name.clone(), v);
                }
                Err(Reported) => ok = false,
            }
        }
        let override_body = self.overrides[idx];
        let mut blocks = BTreeMap::new();
        for (bname, bdef) in &kind.blocks {
            let from_override: Vec<_> = override_body.map(|b| b.blocks_named(bname).collect()).unwrap_or_default();
            let source: Vec<_> =
                if from_override.is_empty() { decl.block.body.blocks_named(bname).collect() } else { from_override };
            let mut instances = Vec::new();
            for block in source {
                let mut battrs = BTreeMap::new();
                for adef in bdef.attributes.values() {
                    match self
                        .attr_source(idx, &block.body, adef, false)
                        .and_then(|(v, span)| self.coerce(v, &adef.ty, span))
                    {
                        Ok(v) => {
                            battrs.insert(adef.name.clone(), v);
                        }
                        Err(Reported) => ok = false,
                    }
                }
                instances.push(BlockInstance {
                    label: block.labels.first().map(|l| l.name.clone()),
                    attrs: battrs,
                    span: block.header_span(),
                });
            }
            blocks.insert(bname.clone(), instances);
        }
        let mut depends_on = Vec::new();
        if let Some(attr) = decl.block.body.attribute("depends_on") {
            match self.eval(&attr.value, &Ctx { scope: decl.scope, ..Ctx::default() }) {
                Ok(Value::List(items)) => {
                    for item in items {
                        match item {
                            Value::Ref(a) => depends_on.push((a, attr.value.span)),
                            other => {
                                self.report(
                                    Diagnostic::error(Code::E0503, "`depends_on` lists resources")
                                        .primary(attr.value.span, format!("found {other}"))
                                        .help("write `depends_on = [database.orders, cache.sessions]`"),
                                );
                            }
                        }
                    }
                }
                Ok(other) => {
                    self.report(
                        Diagnostic::error(Code::E0503, "`depends_on` lists resources")
                            .primary(
                                attr.value.span,
                                format!("expected a list of resource references, found {}", other.type_name()),
                            )
                            .help("write `depends_on = [database.orders]`"),
                    );
                }
                Err(Reported) => ok = false,
            }
        }
        let suppress = self.suppressions(idx);
        let mut attr_spans = BTreeMap::new();
        for name in kind.attributes.keys() {
            let span = override_body
                .and_then(|b| b.attribute(name))
                .or_else(|| decl.block.body.attribute(name))
                .map_or(decl.name.span, |a| a.value.span);
            attr_spans.insert(name.clone(), span);
        }
        if !ok {
            return None;
        }
        Some(Resource {
            address: decl.address.clone(),
            kind,
            name: decl.name.name.clone(),
            module_path: program.scopes[decl.scope].module_path.clone(),
            attrs,
            blocks,
            depends_on,
            span: decl.name.span,
            block_span: decl.block.span,
            attr_spans,
            suppress,
        })
    }

    /// The `suppress` meta-attribute: checkov check IDs deliberately not met, each with a reason.
    /// An environment's override replaces the resource's map.
    fn suppressions(&mut self, idx: ResourceIdx) -> BTreeMap<String, String> {
        let decl = &self.program.resources[idx];
        let (attr, scope) = match self.overrides[idx].and_then(|b| b.attribute("suppress")) {
            Some(a) => (a, ROOT),
            None => match decl.block.body.attribute("suppress") {
                Some(a) => (a, decl.scope),
                None => return BTreeMap::new(),
            },
        };
        let mut out = BTreeMap::new();
        let value = match self.eval(&attr.value, &Ctx { scope, ..Ctx::default() }) {
            Ok(v) => v,
            Err(Reported) => return out,
        };
        let Value::Map(map) = value else {
            self.report(
                Diagnostic::error(Code::E0418, "`suppress` maps check IDs to reasons")
                    .primary(attr.value.span, format!("found {}", value.type_name()))
                    .help("write `suppress = { CKV_AWS_144 = \"replicated by the backup vault instead\" }`"),
            );
            return out;
        };
        for (check, reason) in map {
            let id_ok = check.starts_with("CKV")
                && check.split('_').count() >= 3
                && check.rsplit('_').next().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                && check.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            let reason = match reason {
                Value::String(r) if !r.trim().is_empty() && !r.contains('\n') => r,
                _ => {
                    self.report(
                        Diagnostic::error(Code::E0418, format!("the suppression of `{check}` needs a reason"))
                            .primary(attr.value.span, "every suppression carries a one-line reason")
                            .help("say why the check is deliberately not met; the reason is copied into the generated Terraform"),
                    );
                    continue;
                }
            };
            if !id_ok {
                self.report(
                    Diagnostic::error(Code::E0418, format!("`{check}` is not a checkov check ID"))
                        .primary(attr.value.span, "expected an ID like CKV_AWS_144 or CKV2_AWS_62")
                        .help("copy the ID from checkov's report"),
                );
                continue;
            }
            out.insert(check, reason);
        }
        out
    }
}
