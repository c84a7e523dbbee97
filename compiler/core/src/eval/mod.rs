//! Evaluation of a program in one environment: every enabled resource's attributes become
//! [`Value`]s coerced to their declared types. Evaluation is lazy and memoized, so references may
//! point anywhere in the stack regardless of order; a value that depends on itself is reported once.

mod coerce;
mod constrain;
mod expr;

pub(crate) use expr::{deferred_error, values_equal};

use std::collections::BTreeMap;
use std::sync::Arc;

use stackc_syntax::{Code, Diagnostic, Span};

use crate::graph::{Approval, BlockInstance, EnvGraph, Resource, StackInfo, Suppression};
use crate::program::*;
use crate::resolve::{hir, Body, Resolved};
use crate::schema::{AttrDef, DefaultValue, KindDef};
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
    /// The stack's own region (the state bucket's), which an environment may differ from.
    pub stack_region: String,
    pub profile_fields: crate::value::Map,
    /// The profile's fields in the order of the profile model, as `profile.<field>` is resolved.
    pub profile_values: Vec<Value>,
}

impl EnvCtx {
    pub fn new(program: &Program, name: String, profile_name: String, region: String) -> EnvCtx {
        let profile = program.profiles.get(&profile_name);
        let field = |k: &str| profile.and_then(|p| p.fields.get(k)).map_or(Value::Null, |(v, _)| v.clone());
        let profile_values =
            program.profile_model().map(|m| m.fields.keys().map(|k| field(k)).collect()).unwrap_or_default();
        let profile_fields =
            profile.map(|p| p.fields.iter().map(|(k, (v, _))| (k.clone(), v.clone())).collect()).unwrap_or_default();
        EnvCtx { name, profile: profile_name, stack_region: region.clone(), region, profile_fields, profile_values }
    }
}

/// Where an expression is evaluated: its scope (for `only(kind)`), the resource `self` means, and the
/// values of the `for` variables in scope, outermost first.
#[derive(Clone, Default)]
pub(crate) struct Ctx {
    pub scope: ScopeId,
    pub self_res: Option<ResourceIdx>,
    pub vars: Vec<Value>,
}

impl Ctx {
    fn scope(scope: ScopeId) -> Ctx {
        Ctx { scope, ..Ctx::default() }
    }
}

/// Applies `f` to every item, so each mistake in a list or map is reported, not only the first, and
/// fails when any item did.
pub(crate) fn every<T, U, C: FromIterator<U>>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> R<U>,
) -> R<C> {
    let mut failed = false;
    let out: C = items
        .into_iter()
        .filter_map(|item| match f(item) {
            Ok(v) => Some(v),
            Err(Reported) => {
                failed = true;
                None
            }
        })
        .collect();
    if failed {
        Err(Reported)
    } else {
        Ok(out)
    }
}

/// What policies read of the cost estimate: the environment's monthly total and each resource's.
#[derive(Debug, Default)]
pub(crate) struct CostTotals {
    pub monthly: f64,
    pub by_address: crate::schema::FastMap<String, f64>,
}

impl CostTotals {
    pub fn of(&self, address: &str) -> f64 {
        self.by_address.get(address).copied().unwrap_or(0.0)
    }
}

pub(crate) struct Evaluator<'p> {
    pub program: &'p Program,
    pub resolved: &'p Resolved,
    pub env: EnvCtx,
    /// Per resource: the environment's override body, if any.
    overrides: Vec<Option<&'p Body>>,
    /// Per resource: its kind and the kind's resolved defaults, looked up once (not by name per use).
    kind_of: Vec<Option<&'p Arc<KindDef>>>,
    defaults_of: Vec<Option<&'p crate::resolve::KindDefaults>>,
    /// Per resource, per attribute (in kind order): the memoized value. Empty until first use.
    attrs: Vec<Vec<Slot>>,
    /// Per scope, per local / input / module output: the memoized value.
    locals: Vec<Vec<Slot>>,
    inputs: Vec<Vec<Slot>>,
    outputs: Vec<Vec<Slot>>,
    /// Per resource: unknown, being computed, or the answer.
    enabled: Vec<Option<Option<bool>>>,
    /// Per resource, per nested block (in kind order): the evaluated instances. Empty until first use.
    block_memo: Vec<Vec<Option<R<Vec<BlockInstance>>>>>,
    /// After [`Evaluator::run`]: the environment's graph, and per resource its position there. The
    /// memo of every resource in the graph was moved into it (one copy of each value, not two), and
    /// is read from there.
    graph: Option<Arc<EnvGraph>>,
    in_graph: Vec<Option<u32>>,
    /// The environment's cost estimate, once the cost pass made it (policies read it).
    pub cost: Option<CostTotals>,
    pub diags: Vec<Diagnostic>,
}

impl<'p> Evaluator<'p> {
    pub fn new(program: &'p Program, resolved: &'p Resolved, env_index: usize, env: EnvCtx) -> Evaluator<'p> {
        let mut overrides = vec![None; program.resources.len()];
        for (idx, body) in resolved.overrides.get(env_index).into_iter().flatten().flatten() {
            overrides[*idx] = Some(body);
        }
        let slots = |n: usize| vec![Slot::Empty; n];
        Evaluator {
            program,
            resolved,
            env,
            overrides,
            kind_of: program.resources.iter().map(|r| program.kinds.get(&r.kind)).collect(),
            defaults_of: program.resources.iter().map(|r| resolved.kinds.get(&r.kind)).collect(),
            attrs: vec![Vec::new(); program.resources.len()],
            locals: program.scopes.iter().map(|s| slots(s.locals.len())).collect(),
            inputs: program.scopes.iter().map(|s| slots(s.inputs.len())).collect(),
            outputs: program.scopes.iter().map(|s| slots(s.outputs.len())).collect(),
            enabled: vec![None; program.resources.len()],
            block_memo: vec![Vec::new(); program.resources.len()],
            graph: None,
            in_graph: Vec::new(),
            cost: None,
            diags: Vec::new(),
        }
    }

    /// The kind of a resource.
    pub fn kind(&self, idx: ResourceIdx) -> Option<&'p Arc<KindDef>> {
        self.kind_of.get(idx).copied().flatten()
    }

    /// The resolved defaults, blocks and checks of a resource's kind.
    pub fn kind_defaults(&self, idx: ResourceIdx) -> Option<&'p crate::resolve::KindDefaults> {
        self.defaults_of.get(idx).copied().flatten()
    }

    /// The resource as it is in the graph, once [`Evaluator::run`] moved its values there.
    fn graph_resource(&self, idx: ResourceIdx) -> Option<&Resource> {
        let pos = (*self.in_graph.get(idx)?)?;
        self.graph.as_deref()?.resources().get(pos as usize)
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
            .and_then(|b| b.enabled.as_ref())
            .map(|e| (e, ROOT))
            .or_else(|| self.resolved.resources[idx].enabled.as_ref().map(|e| (e, res.scope)));
        let enabled = match expr {
            None => true,
            Some((e, scope)) => match self.eval(e, &Ctx::scope(scope)) {
                Ok(Value::Bool(b)) => b,
                Ok(v) => {
                    self.report(coerce::mismatch(e.span, "bool", &v));
                    true
                }
                Err(Reported) => true,
            },
        };
        self.enabled[idx] = Some(Some(enabled));
        enabled
    }

    /// One attribute of a resource in this environment, by its position in the kind: the
    /// environment's override, else the resource's own value, else the kind's default; coerced to the
    /// attribute's type.
    pub fn resource_attr(&mut self, idx: ResourceIdx, pos: usize) -> R<Value> {
        self.attr_ref(idx, pos).cloned()
    }

    /// [`Evaluator::resource_attr`], borrowed from the memo (or the graph).
    pub fn attr_ref(&mut self, idx: ResourceIdx, pos: usize) -> R<&Value> {
        if self.graph_resource(idx).is_none() {
            self.memoize_attr(idx, pos)?;
        }
        match self.graph_resource(idx) {
            Some(r) => r.attr_values.get(pos).ok_or(Reported),
            None => match self.attrs[idx].get(pos) {
                Some(Slot::Done(Ok(v))) => Ok(v),
                _ => Err(Reported),
            },
        }
    }

    /// Computes an attribute into the memo (once), without copying it out: `Err` when it failed.
    fn memoize_attr(&mut self, idx: ResourceIdx, pos: usize) -> R<()> {
        let program = self.program;
        let Some(kind) = self.kind(idx) else { return Err(Reported) };
        if self.attrs[idx].is_empty() {
            self.attrs[idx] = vec![Slot::Empty; kind.attributes.len()];
        }
        match self.attrs[idx].get(pos) {
            Some(Slot::Done(v)) => return v.as_ref().map(|_| ()).map_err(|e| *e),
            Some(Slot::InProgress) => {
                let res = &program.resources[idx];
                let name = kind.attributes.get_index(pos).map_or("", |(n, _)| n.as_str());
                let span = self.resolved.resources[idx].attrs[pos].as_ref().map_or(res.name.span, |e| e.span);
                return Err(self.report(
                    Diagnostic::error(Code::E0502, format!("`{}.{name}` depends on itself", res.address))
                        .primary(span, "evaluating this needs its own value")
                        .help("break the loop: one of the values involved must not refer back"),
                ));
            }
            Some(Slot::Empty) => {}
            None => return Err(Reported),
        }
        self.attrs[idx][pos] = Slot::InProgress;
        let result = self.compute_attr(idx, pos);
        let outcome = result.as_ref().map(|_| ()).map_err(|e| *e);
        self.attrs[idx][pos] = Slot::Done(result);
        outcome
    }

    fn compute_attr(&mut self, idx: ResourceIdx, pos: usize) -> R<Value> {
        let program = self.program;
        let res = &program.resources[idx];
        let Some(kind) = self.kind(idx) else { return Err(Reported) };
        let Some((_, def)) = kind.attributes.get_index(pos) else { return Err(Reported) };
        let own = match self.overrides[idx].and_then(|b| b.attrs[pos].as_ref()) {
            Some(e) => Some((e, ROOT)),
            None => self.resolved.resources[idx].attrs[pos].as_ref().map(|e| (e, res.scope)),
        };
        let default = self.kind_defaults(idx).and_then(|k| k.attrs[pos].as_ref());
        let (value, span, written) = self.attr_source(idx, own, def, default)?;
        let origin = if written { None } else { self.profile_default(default) };
        self.attribute_value(value, def, span, origin)
    }

    /// The profile field a kind default reads, when the default is `profile.<field>`.
    fn profile_default(&self, default: Option<&hir::Expr>) -> Option<constrain::ProfileDefault<'p>> {
        let hir::ExprKind::Profile(i) = default?.kind else { return None };
        let program = self.program;
        let (field, _) = program.profile_model()?.fields.get_index(i)?;
        let profile = program.profiles.get(&self.env.profile)?;
        let (_, span) = profile.fields.get(field)?;
        Some(constrain::ProfileDefault { profile: &profile.name, field, span: *span })
    }

    /// The raw value of an attribute of a resource or block: the expression written (with the scope it
    /// is evaluated in), else the default; with the span of the expression it came from and whether
    /// it was written (not a default).
    fn attr_source(
        &mut self,
        idx: ResourceIdx,
        own: Option<(&hir::Expr, ScopeId)>,
        def: &AttrDef,
        default: Option<&hir::Expr>,
    ) -> R<(Value, Span, bool)> {
        let res = &self.program.resources[idx];
        let mut null_at = None;
        if let Some((expr, scope)) = own {
            let v = self.eval(expr, &Ctx::scope(scope))?;
            if !v.is_null() {
                return Ok((v, expr.span, true));
            }
            null_at = Some(expr.span);
        }
        match (&def.default, default) {
            // Unset is reported by the resolver; set to a value that turned out null is reported here.
            (DefaultValue::Required, _) => match null_at {
                Some(span) => Err(self.report(
                    Diagnostic::error(Code::E0109, format!("missing required attribute `{}`", def.name))
                        .primary(span, "this is null, and the attribute has no default")
                        .help(format!("give `{}` a value of type {}", def.name, def.ty)),
                )),
                None => Err(Reported),
            },
            (_, Some(e)) => {
                let ctx = Ctx { scope: res.scope, self_res: Some(idx), ..Ctx::default() };
                let v = self.eval(e, &ctx)?;
                Ok((v, res.name.span, false))
            }
            (_, None) => Ok((Value::Null, res.name.span, false)),
        }
    }

    pub fn local(&mut self, scope: ScopeId, index: usize) -> R<Value> {
        match self.locals[scope].get(index) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::InProgress) => {
                let local = self.program.scopes[scope].locals.get_index(index).map(|(_, l)| l);
                let name = local.map_or("", |l| l.name.name.as_str());
                let mut d = Diagnostic::error(Code::E0502, format!("local `{name}` depends on itself"))
                    .help("break the loop: one of the values involved must not refer back");
                if let Some(l) = local {
                    d = d.primary(l.name.span, "this local's value needs its own value");
                }
                return Err(self.report(d));
            }
            Some(Slot::Empty) => {}
            None => return Err(Reported),
        }
        self.locals[scope][index] = Slot::InProgress;
        let resolved = self.resolved;
        let result = self.eval(&resolved.locals[scope][index], &Ctx::scope(scope));
        self.locals[scope][index] = Slot::Done(result.clone());
        result
    }

    pub fn input(&mut self, scope: ScopeId, index: usize) -> R<Value> {
        match self.inputs[scope].get(index) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::InProgress) | None => return Err(Reported),
            Some(Slot::Empty) => {}
        }
        self.inputs[scope][index] = Slot::InProgress;
        let result = self.compute_input(scope, index);
        self.inputs[scope][index] = Slot::Done(result.clone());
        result
    }

    fn compute_input(&mut self, scope: ScopeId, index: usize) -> R<Value> {
        let (program, resolved) = (self.program, self.resolved);
        let s = &program.scopes[scope];
        let Some((_, decl)) = s.inputs.get_index(index) else { return Err(Reported) };
        let Some((parent, _)) = &s.parent else { return Err(Reported) };
        if let Some(arg) = &resolved.input_args[scope][index] {
            let v = self.eval(arg, &Ctx::scope(*parent))?;
            return self.coerce(v, &decl.ty, arg.span);
        }
        match &resolved.input_defaults[scope][index] {
            Some(e) => {
                let v = self.eval(e, &Ctx::scope(scope))?;
                self.coerce(v, &decl.ty, e.span)
            }
            None => Err(Reported), // reported by the resolver
        }
    }

    pub fn module_output(&mut self, scope: ScopeId, index: usize) -> R<Value> {
        match self.outputs[scope].get(index) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::InProgress) | None => return Err(Reported),
            Some(Slot::Empty) => {}
        }
        self.outputs[scope][index] = Slot::InProgress;
        let resolved = self.resolved;
        let result = self.eval(&resolved.outputs[scope][index], &Ctx::scope(scope));
        self.outputs[scope][index] = Slot::Done(result.clone());
        result
    }

    /// `stack.admins`: IAM role or user ARNs.
    fn stack_admins(&mut self, expr: Option<&hir::Expr>) -> Vec<String> {
        let Some(e) = expr else { return Vec::new() };
        let ty = crate::types::Ty::List(Box::new(crate::types::Ty::String));
        let Ok(Value::List(items)) = self.eval(e, &Ctx::default()).and_then(|v| self.coerce(v, &ty, e.span)) else {
            return Vec::new();
        };
        let arn = |s: &str| {
            let parts: Vec<&str> = s.splitn(6, ':').collect();
            parts.len() == 6
                && parts[0] == "arn"
                && parts[2] == "iam"
                && parts[4].len() == 12
                && parts[4].bytes().all(|b| b.is_ascii_digit())
                && (parts[5].starts_with("role/") || parts[5].starts_with("user/"))
        };
        let mut out = Vec::new();
        for item in items {
            let Some(s) = item.as_str() else { continue };
            if arn(s) {
                out.push(s.to_owned());
            } else {
                self.report(
                    Diagnostic::error(Code::E0421, "value does not have the required form")
                        .primary(e.span, format!("\"{s}\" is not an IAM role or user ARN"))
                        .help("write `arn:aws:iam::<12-digit account>:role/<name>` (an SSO or break-glass role)"),
                );
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn stack_string(&mut self, expr: Option<&hir::Expr>, default: String) -> String {
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

    /// Evaluates every enabled resource and returns the environment's graph: its resources (sorted by
    /// address), stack settings and approval. The evaluator keeps a handle on it, and reads the
    /// resources' values from it from now on (see [`Evaluator::release`]).
    pub fn run(&mut self, env_index: usize) -> Arc<EnvGraph> {
        let (program, resolved) = (self.program, self.resolved);
        let mut resources = Vec::with_capacity(program.resources.len());
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
                let tags = match &resolved.stack_tags {
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
                    region: self.env.stack_region.clone(),
                    state_bucket: self.stack_string(resolved.state_bucket.as_ref(), format!("{name}-tfstate")),
                    admins: self.stack_admins(resolved.admins.as_ref()),
                    name,
                    tags,
                }
            }
            None => StackInfo::default(),
        };
        let approval = resolved.approvals.get(env_index).and_then(Option::as_ref).map(|a| self.approval(a));
        // Nothing is evaluated from here on until the graph is in place: move each resource's memo
        // into it.
        self.in_graph = vec![None; program.resources.len()];
        for (position, r) in resources.iter_mut().enumerate() {
            let slots = std::mem::take(&mut self.attrs[r.decl]);
            r.attr_values = Vec::with_capacity(slots.len());
            r.attr_values.extend(slots.into_iter().map(|s| match s {
                Slot::Done(Ok(v)) => v,
                _ => Value::Null,
            }));
            let blocks = std::mem::take(&mut self.block_memo[r.decl]);
            r.blocks =
                r.kind.blocks.keys().zip(blocks).filter_map(|(name, memo)| Some((name.clone(), memo?.ok()?))).collect();
            self.in_graph[r.decl] = u32::try_from(position).ok();
        }
        let graph = Arc::new(EnvGraph::new(
            program.environments.get(env_index).map(|e| e.name.name.clone()).unwrap_or_default(),
            self.env.profile.clone(),
            self.env.region.clone(),
            self.env.profile_fields.clone(),
            stack,
            approval,
            resources,
            &mut self.diags,
        ));
        self.graph = Some(Arc::clone(&graph));
        graph
    }

    /// Gives up the evaluator's handle on the graph [`Evaluator::run`] returned, so its owner can
    /// take it back; the evaluator must not be used afterwards.
    pub fn release(&mut self) {
        self.graph = None;
        self.in_graph = Vec::new();
    }

    fn approval(&mut self, a: &crate::resolve::Approval) -> Approval {
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

    /// The instances of one nested block of a resource in this environment (the override's, when it
    /// writes any, else the resource's own), each attribute coerced and checked; memoized, and
    /// borrowed from the memo: reading one field of a block (`self.health.liveness`) copies that
    /// field, not the block.
    pub fn block_instances_ref(&mut self, idx: ResourceIdx, bpos: usize) -> R<&[BlockInstance]> {
        if self.graph_resource(idx).is_some() {
            let name = self.kind(idx).and_then(|k| k.blocks.get_index(bpos)).map(|(n, _)| n.as_str());
            return match (self.graph_resource(idx), name) {
                (Some(r), Some(name)) => Ok(r.blocks(name)),
                _ => Err(Reported),
            };
        }
        if self.block_memo[idx].is_empty() {
            let n = self.kind(idx).map_or(0, |k| k.blocks.len());
            self.block_memo[idx] = vec![None; n];
        }
        if !matches!(self.block_memo[idx].get(bpos), Some(Some(_))) {
            let result = self.compute_block_instances(idx, bpos);
            if let Some(slot) = self.block_memo[idx].get_mut(bpos) {
                *slot = Some(result);
            }
        }
        match self.block_memo[idx].get(bpos) {
            Some(Some(Ok(instances))) => Ok(instances),
            _ => Err(Reported),
        }
    }

    fn compute_block_instances(&mut self, idx: ResourceIdx, bpos: usize) -> R<Vec<BlockInstance>> {
        let (program, resolved) = (self.program, self.resolved);
        let decl = &program.resources[idx];
        let Some(kind) = self.kind(idx) else { return Err(Reported) };
        let Some((_, bdef)) = kind.blocks.get_index(bpos) else { return Err(Reported) };
        let own = &resolved.resources[idx];
        let (source, scope) = match self.overrides[idx].map(|b| &b.blocks[bpos]).filter(|b| !b.is_empty()) {
            Some(from_override) => {
                self.report_dropped_blocks(&bdef.name, &bdef.attributes, &own.blocks[bpos], from_override);
                (from_override, ROOT)
            }
            None => (&own.blocks[bpos], decl.scope),
        };
        let defaults = self.kind_defaults(idx).and_then(|k| k.blocks.get(bpos));
        let mut ok = true;
        let mut instances = Vec::new();
        for block in source {
            let mut battrs = crate::value::Map::new();
            let mut attr_spans = litemap::LiteMap::new();
            let mut profile_defaults = litemap::LiteMap::new();
            for (apos, adef) in bdef.attributes.values().enumerate() {
                let own = block.attrs[apos].as_ref().map(|e| (e, scope));
                let default = defaults.and_then(|d| d[apos].as_ref());
                let value = self.attr_source(idx, own, adef, default).and_then(|(v, span, written)| {
                    let origin = if written { None } else { self.profile_default(default) };
                    if written {
                        attr_spans.insert(adef.name.clone(), span);
                    } else if let Some(o) = origin {
                        profile_defaults.insert(adef.name.clone(), o.field.to_owned());
                    }
                    let span = if written { span } else { block.span };
                    self.attribute_value(v, adef, span, origin)
                });
                match value {
                    Ok(v) => {
                        battrs.insert(adef.name.clone(), v);
                    }
                    Err(Reported) => ok = false,
                }
            }
            instances.push(BlockInstance {
                label: block.label.clone(),
                attrs: battrs,
                span: block.span,
                attr_spans,
                profile_defaults,
            });
        }
        if ok {
            Ok(instances)
        } else {
            Err(Reported)
        }
    }

    /// An override that writes blocks replaces all of the resource's blocks of that name: warn about
    /// every attribute the resource set that the override's block of the same label drops, and every
    /// block that disappears (W0403).
    fn report_dropped_blocks(
        &mut self,
        name: &str,
        attributes: &crate::schema::AttrMap,
        own: &[crate::resolve::Block],
        replacement: &[crate::resolve::Block],
    ) {
        for (i, block) in own.iter().enumerate() {
            let label = block.label.as_deref();
            let what = label.map_or_else(|| format!("`{name}`"), |l| format!("{name} \"{l}\""));
            let counterpart = match label {
                Some(l) => replacement.iter().find(|r| r.label.as_deref() == Some(l)),
                None => replacement.get(i),
            };
            let Some(counterpart) = counterpart else {
                let at = replacement.first().map_or(block.span, |r| r.span);
                let d = Diagnostic::warning(Code::W0403, format!("the override removes {what}"))
                    .primary(
                        at,
                        format!(
                            "this environment's `{name}` blocks replace the resource's, and {what} is not among them"
                        ),
                    )
                    .secondary(block.span, format!("{what} is declared here"))
                    .help(format!(
                        "repeat {what} in the override, or change single attributes with a conditional on `env.name`"
                    ));
                self.report(d);
                continue;
            };
            let dropped: Vec<&str> = attributes
                .keys()
                .enumerate()
                .filter(|(pos, _)| block.attrs[*pos].is_some() && counterpart.attrs[*pos].is_none())
                .map(|(_, n)| n.as_str())
                .collect();
            if !dropped.is_empty() {
                let list = dropped.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
                let d = Diagnostic::warning(Code::W0403, format!("the override drops {list} of {what}"))
                    .primary(counterpart.span, format!("this block replaces {what}; it does not set {list}"))
                    .secondary(block.span, format!("{what} sets them here"))
                    .help("repeat the attributes in the override's block, or they take their defaults in this environment");
                self.report(d);
            }
        }
    }

    /// A nested block as a value: an object per instance (its label under the label's name), a list
    /// of them, or for a block that occurs at most once the object or null.
    pub fn block_value(&mut self, idx: ResourceIdx, bpos: usize) -> R<Value> {
        let Some(kind) = self.kind(idx) else { return Err(Reported) };
        let Some((_, bdef)) = kind.blocks.get_index(bpos) else { return Err(Reported) };
        let instances = self.block_instances_ref(idx, bpos)?;
        let object = |i: &BlockInstance| {
            let mut m = i.attrs.clone();
            if let (Some(name), Some(label)) = (bdef.labels.first(), &i.label) {
                m.insert(name.clone(), Value::String(label.clone()));
            }
            Value::Map(m)
        };
        Ok(if bdef.max == Some(1) {
            instances.first().map_or(Value::Null, object)
        } else {
            Value::List(instances.iter().map(object).collect())
        })
    }

    fn build_resource(&mut self, idx: ResourceIdx) -> Option<Resource> {
        let (program, resolved) = (self.program, self.resolved);
        let decl = &program.resources[idx];
        let kind = self.kind(idx)?.clone();
        let own = &resolved.resources[idx];
        let override_body = self.overrides[idx];
        // Every attribute and block is computed into the memo here; `run` moves them into the
        // resource once nothing is evaluated any more.
        let mut ok = true;
        for pos in 0..kind.attributes.len() {
            ok &= self.memoize_attr(idx, pos).is_ok();
        }
        for bpos in 0..kind.blocks.len() {
            ok &= self.block_instances_ref(idx, bpos).is_ok();
        }
        let mut depends_on = Vec::new();
        if let Some(expr) = &own.depends_on {
            match self.eval(expr, &Ctx::scope(decl.scope)) {
                Ok(Value::List(items)) => {
                    for item in items {
                        match item {
                            Value::Ref(a) => depends_on.push((a, expr.span)),
                            other => {
                                self.report(
                                    Diagnostic::error(Code::E0503, "`depends_on` lists resources")
                                        .primary(expr.span, format!("found {other}"))
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
                                expr.span,
                                format!("expected a list of resource references, found {}", other.type_name()),
                            )
                            .help("write `depends_on = [database.orders]`"),
                    );
                }
                Err(Reported) => ok = false,
            }
        }
        let suppress = self.suppressions(idx);
        // Where the resource writes its attributes: one copy for every environment without an
        // override of it.
        let attr_spans = match override_body {
            None => Arc::clone(&resolved.attr_spans[idx]),
            Some(b) => kind
                .attributes
                .keys()
                .enumerate()
                .map(|(pos, _)| b.attrs[pos].as_ref().or(own.attrs[pos].as_ref()).map_or(decl.name.span, |e| e.span))
                .collect(),
        };
        let mut profile_defaults = litemap::LiteMap::new();
        let kind_defaults = self.kind_defaults(idx);
        for (pos, name) in kind.attributes.keys().enumerate() {
            let written = override_body.and_then(|b| b.attrs[pos].as_ref()).or(own.attrs[pos].as_ref());
            if written.is_none() {
                if let Some(o) = self.profile_default(kind_defaults.and_then(|k| k.attrs[pos].as_ref())) {
                    profile_defaults.insert(name.clone(), o.field.to_owned());
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Resource {
            address: decl.address.clone(),
            decl: idx,
            kind,
            name: decl.name.name.clone(),
            module_path: program.scopes[decl.scope].module_path.clone(),
            attr_values: Vec::new(),
            blocks: litemap::LiteMap::new(),
            depends_on,
            span: decl.name.span,
            block_span: decl.block.span,
            attr_spans,
            suppress,
            profile_defaults,
        })
    }

    /// The `suppress` meta-attribute: built-in rules (`SC104`) or checkov checks (`CKV_AWS_144`)
    /// deliberately not met, each with a reason and optionally an expiry date. An environment's
    /// override replaces the resource's map.
    fn suppressions(&mut self, idx: ResourceIdx) -> BTreeMap<String, Suppression> {
        let decl = &self.program.resources[idx];
        let (expr, scope) = match self.overrides[idx].and_then(|b| b.suppress.as_ref()) {
            Some(e) => (e, ROOT),
            None => match &self.resolved.resources[idx].suppress {
                Some(e) => (e, decl.scope),
                None => return BTreeMap::new(),
            },
        };
        let mut out = BTreeMap::new();
        let value = match self.eval(expr, &Ctx::scope(scope)) {
            Ok(v) => v,
            Err(Reported) => return out,
        };
        let Value::Map(map) = value else {
            self.report(
                Diagnostic::error(Code::E0418, "`suppress` maps rule or check IDs to reasons")
                    .primary(expr.span, format!("found {}", value.type_name()))
                    .help("write `suppress = { SC206 = { reason = \"…\", until = \"2027-03-31\" } }`: each rule or checkov ID maps to why it is deliberately not met"),
            );
            return out;
        };
        // Each entry's own span when the map is written out; else the whole expression.
        let entry_span = |key: &str| match &expr.kind {
            hir::ExprKind::Object(entries) => entries.iter().find(|(k, _)| k == key).map_or(expr.span, |(_, e)| e.span),
            _ => expr.span,
        };
        let (parsed, diags) = crate::rules::suppress::parse(map, &entry_span, crate::rules::suppress::On::Resource);
        for d in diags {
            self.report(d);
        }
        out = parsed;
        out
    }
}
