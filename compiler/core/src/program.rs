//! The program: every declaration of a stack and its module instances, resolved into scopes, before
//! any environment is evaluated. Built by [`collect`](crate::collect); read by the checker and the
//! evaluator.

use std::sync::Arc;

use crate::schema::IndexMap;
use stackc_syntax::ast::{Attribute, Block, Body, Expr, Ident};
use stackc_syntax::{Severity, Span};

use crate::schema::{GroupDef, KindDef};
use crate::types::Ty;
use crate::value::Value;

pub type ScopeId = usize;
pub type ResourceIdx = usize;

/// The root scope: the stack directory itself.
pub const ROOT: ScopeId = 0;

#[derive(Debug, Default)]
pub struct Program {
    pub stack: Option<StackDecl>,
    pub environments: Vec<EnvironmentDecl>,
    pub profiles: IndexMap<String, Profile>,
    pub kinds: IndexMap<String, Arc<KindDef>>,
    /// The standard library's attribute groups, for the reference documentation.
    pub groups: IndexMap<String, GroupDef>,
    pub scopes: Vec<Scope>,
    pub resources: Vec<ResourceDecl>,
    pub policies: Vec<PolicyDecl>,
    pub by_address: crate::schema::FastMap<String, ResourceIdx>,
}

impl Program {
    /// Takes the resources' syntax bodies, which resolution lowered (see [`ResourceDecl::block`]).
    pub(crate) fn take_resource_bodies(&mut self) -> Vec<Body> {
        self.resources.iter_mut().map(|r| std::mem::take(&mut r.block.body)).collect()
    }

    pub fn kind(&self, name: &str) -> Option<&Arc<KindDef>> {
        self.kinds.get(name)
    }

    pub fn resource(&self, address: &str) -> Option<&ResourceDecl> {
        self.by_address.get(address).map(|&i| &self.resources[i])
    }

    /// The fields every profile has, with the built-in `development` profile's values as the model.
    pub fn profile_model(&self) -> Option<&Profile> {
        self.profiles.values().find(|p| p.builtin)
    }
}

#[derive(Debug)]
pub struct StackDecl {
    pub name: Ident,
    pub region: Option<Expr>,
    pub tags: Option<Expr>,
    pub state_bucket: Option<Expr>,
    /// IAM principal ARNs given cluster-admin access to every cluster (EKS access entries).
    pub admins: Option<Expr>,
    pub span: Span,
}

#[derive(Debug)]
pub struct EnvironmentDecl {
    pub name: Ident,
    pub profile: Option<(String, Span)>,
    pub region: Option<Expr>,
    pub approval: Option<ApprovalDecl>,
    pub overrides: Vec<OverrideDecl>,
    /// `budget { monthly = 800 }`: the most the environment may cost a month, in USD.
    pub budget: Option<BudgetDecl>,
    /// `usage { nat_data_gb = 500 }`: usage assumptions of the cost models, overridden.
    pub usage: crate::cost::Usage,
    /// Rules over the whole environment deliberately not met (`suppress = { SC501 = "…" }`).
    pub suppress: std::collections::BTreeMap<String, crate::graph::Suppression>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct BudgetDecl {
    pub monthly: f64,
    /// Over budget is an error unless the budget says `severity = "warning"`.
    pub severity: Severity,
    /// The `budget` keyword.
    pub span: Span,
}

#[derive(Debug)]
pub struct ApprovalDecl {
    pub reviewers: Option<Expr>,
    pub wait: Option<Expr>,
    pub span: Span,
}

#[derive(Debug)]
pub struct OverrideDecl {
    /// `kind.name` or `module.m.kind.name`.
    pub target: String,
    pub target_span: Span,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub doc: String,
    pub builtin: bool,
    /// The built-in profile it is or extends (`production` for a profile that extends it).
    pub base: String,
    pub fields: IndexMap<String, (Value, Span)>,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Scope {
    pub id: ScopeId,
    /// Names of the module instances from the root to this scope; empty for the root.
    pub module_path: Vec<String>,
    /// The directory its files were read from (virtual path).
    pub dir: String,
    pub locals: IndexMap<String, LocalDecl>,
    /// `kind.name` → resource.
    pub resources: IndexMap<String, ResourceIdx>,
    /// kind → its resources in this scope, in declaration order.
    pub by_kind: IndexMap<String, Vec<ResourceIdx>>,
    pub modules: IndexMap<String, ModuleInstance>,
    pub inputs: IndexMap<String, InputDecl>,
    pub outputs: IndexMap<String, OutputDecl>,
    /// The scope and module instance that instantiated this one.
    pub parent: Option<(ScopeId, String)>,
    /// Top-level blocks of this scope's files that were dropped because of a syntax error (already
    /// reported as E0001): their block type and, when it could be read, their first label, e.g.
    /// `("network", Some("main"))` or `("locals", None)`: a reference to one of them is not to an unknown
    /// block.
    pub broken: Vec<(String /* kind */, Option<String> /* name */)>,
}

impl Scope {
    /// Whether a top-level block `kind "name"` may be among the blocks dropped for a syntax error
    /// (`name` unknown matches any dropped block of the kind, as does a dropped block whose label could
    /// not be read): a reference to it was already answered by the E0001.
    pub fn maybe_broken(&self, kind: &str, name: Option<&str>) -> bool {
        self.broken.iter().any(|(k, n)| k == kind && (name.is_none() || n.is_none() || n.as_deref() == name))
    }

    /// The address prefix of resources in this scope: `""` or `module.a.module.b.`.
    pub fn prefix(&self) -> String {
        self.module_path.iter().map(|m| format!("module.{m}.")).collect()
    }
}

#[derive(Debug)]
pub struct LocalDecl {
    pub name: Ident,
    pub value: Expr,
}

#[derive(Debug)]
pub struct InputDecl {
    pub name: Ident,
    pub ty: Ty,
    pub default: Option<Expr>,
    pub doc: String,
}

#[derive(Debug)]
pub struct OutputDecl {
    pub name: Ident,
    pub value: Expr,
    pub doc: String,
}

#[derive(Debug)]
pub struct ModuleInstance {
    pub name: Ident,
    pub source: String,
    pub span: Span,
    /// The instantiated scope; `None` when the source could not be loaded.
    pub scope: Option<ScopeId>,
    /// Input values, evaluated in the declaring scope.
    pub args: Vec<Attribute>,
}

#[derive(Debug)]
pub struct ResourceDecl {
    pub address: String,
    pub kind: String,
    pub name: Ident,
    pub scope: ScopeId,
    /// The resource's block as written. Once [`crate::compile`] resolved it its body is emptied: the
    /// resolved program holds it (by attribute position), and a large stack's syntax trees are not
    /// kept for the rest of the compilation. The header and spans stay.
    pub block: Block,
}

#[derive(Debug)]
pub struct PolicyDecl {
    pub name: Ident,
    /// The kind it applies to: `self` is each resource of that kind.
    pub kind: Option<(String, Span)>,
    pub when: Option<Expr>,
    pub assert: Option<Expr>,
    pub message: Option<Expr>,
    pub severity: Severity,
    pub span: Span,
}
