//! Built-in rules: what a reviewer of the generated infrastructure would flag, checked on the typed
//! graph before anything is emitted, and reported at the line a person must change.
//!
//! One rule per file (`aws/`, `kubernetes/`, `stack/`), each a [`Rule`]: a stable ID (`SC104`), a
//! category, a severity, its documentation (what, why, the fix, an example) and the checkov checks
//! it corresponds to. A rule reads the resource's typed view ([`crate::kinds`]) and, where the
//! lowering decides something, the function the lowering itself calls, so what it predicts is what
//! the emitted files do. `tests/policy_parity.rs` (CLI) runs checkov on every emitted artifact of
//! a set of stacks and holds each rule to that claim in both directions.
//!
//! Rules about production hygiene (Multi-AZ, deletion protection, access logs) report at their
//! severity in production environments and as notes elsewhere: a development database is single-AZ
//! on purpose, and the note keeps the report complete without asking for a suppression.

mod aws;
mod kubernetes;
pub mod report;
mod stack;
pub mod suppress;

use serde::Serialize;
use stackc_syntax::{Severity, Span};

use crate::cost::EnvCost;
use std::collections::BTreeMap;

use crate::graph::{EnvGraph, Resource, Suppression};
use crate::kinds::{AwsKind, KubernetesKind};
use crate::program::EnvironmentDecl;

/// What a rule is about; SARIF `properties.tags` and the docs group rules by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Security,
    Reliability,
    Delivery,
    Network,
    Cost,
    Tagging,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::Reliability => "reliability",
            Category::Delivery => "delivery",
            Category::Network => "network",
            Category::Cost => "cost",
            Category::Tagging => "tagging",
        }
    }
}

/// Where a rule holds at its severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In every environment.
    Everywhere,
    /// In production environments (their profile is or extends `production`); elsewhere its
    /// findings are notes.
    Production,
    /// Nowhere: its findings are notes in every environment. For what checkov reports but is a
    /// legitimate design choice more often than not (event notifications, geo restriction); the
    /// note keeps the report complete and the checkov parity exact.
    Advisory,
}

/// How a finding counts: errors fail `check`, warnings fail it with `--deny-warnings`, notes are
/// reported by `stackc policy` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// What a rule looks at.
#[derive(Clone, Copy)]
pub enum Check {
    /// Each resource of these kinds, in each environment.
    Resource(&'static [&'static str], fn(&Subject<'_>, &mut Hits)),
    /// Each environment as a whole.
    Environment(fn(&EnvSubject<'_>, &mut Hits)),
}

/// A built-in rule.
pub struct Rule {
    /// Stable: `SC` + category digit + number. Suppressions and SARIF name rules by it.
    pub id: &'static str,
    /// A short kebab-case name, for people.
    pub name: &'static str,
    /// What must hold, as one sentence: "Databases keep a standby in another zone".
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub scope: Scope,
    /// The checkov checks whose failure this rule predicts. A finding claims the ones that fail for
    /// its resource (a subset, see [`Hits::only`]).
    pub checkov: &'static [&'static str],
    /// Why it matters, for the docs and SARIF's help.
    pub why: &'static str,
    /// How to meet it, in stack terms.
    pub fix: &'static str,
    /// A stack snippet that meets it.
    pub example: &'static str,
    /// GitHub code scanning's `security-severity` (0.0–10.0) for security rules.
    pub security_severity: Option<f32>,
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl Rule {
    /// The level of this rule's findings in an environment.
    pub fn level(&self, production: bool) -> Level {
        match (self.scope, production, self.severity) {
            (Scope::Production, false, _) | (Scope::Advisory, _, _) => Level::Note,
            (_, _, Severity::Error) => Level::Error,
            (_, _, Severity::Warning) => Level::Warning,
        }
    }
}

/// A resource in one environment, with its typed view.
pub struct Subject<'a> {
    pub env: &'a EnvGraph,
    pub res: &'a Resource,
    pub aws: Option<&'a AwsKind<'a>>,
    pub k8s: Option<&'a KubernetesKind<'a>>,
}

impl Subject<'_> {
    /// Where attribute `attr` of the resource was written (its name label when it is a default).
    pub fn at(&self, attr: &str) -> Span {
        self.res.attr_span(attr)
    }

    /// ` (the production profile's `multi_az`)` when `attr` is its kind's default read from a
    /// profile field, so the reader knows where the value came from; else nothing.
    pub fn origin(&self, attr: &str) -> String {
        match self.res.profile_defaults.get(attr) {
            Some(field) => format!(" (the {} profile's `{field}`)", self.env.profile),
            None => String::new(),
        }
    }
}

/// One environment.
pub struct EnvSubject<'a> {
    pub env: &'a EnvGraph,
    pub decl: &'a EnvironmentDecl,
    pub cost: Option<&'a EnvCost>,
    /// The `stack` block's name label.
    pub stack_span: Span,
    /// Its profile is or extends `production`.
    pub production: bool,
}

/// What a rule found: where, what, and which of its checkov checks fail there.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    pub message: String,
    pub checkov: Vec<&'static str>,
    /// A level other than the rule's, for a milder case of it (never raises a note).
    pub level: Option<Level>,
}

/// Collects a rule's hits.
pub struct Hits {
    rule: &'static Rule,
    pub(crate) hits: Vec<Hit>,
}

impl Hits {
    /// A finding claiming every checkov check of the rule.
    pub fn hit(&mut self, span: Span, message: impl Into<String>) {
        self.hits.push(Hit { span, message: message.into(), checkov: self.rule.checkov.to_vec(), level: None });
    }

    /// A finding claiming only `checkov` (each one of the rule's).
    pub fn only(&mut self, span: Span, message: impl Into<String>, checkov: &[&'static str]) {
        debug_assert!(checkov.iter().all(|c| self.rule.checkov.contains(c)), "{}: {checkov:?}", self.rule.id);
        self.hits.push(Hit { span, message: message.into(), checkov: checkov.to_vec(), level: None });
    }

    /// A finding at `level` instead of the rule's: a milder case (a restricted range instead of the
    /// whole internet). Where the rule's own level is a note, it stays a note.
    pub fn at_level(&mut self, level: Level, span: Span, message: impl Into<String>, checkov: &[&'static str]) {
        debug_assert!(checkov.iter().all(|c| self.rule.checkov.contains(c)), "{}: {checkov:?}", self.rule.id);
        self.hits.push(Hit { span, message: message.into(), checkov: checkov.to_vec(), level: Some(level) });
    }
}

/// One finding of a built-in rule in one environment.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    /// The stack address (`database.orders`), or `environment.<name>` for rules over an environment.
    pub address: String,
    pub span: Span,
    pub message: String,
    pub checkov: Vec<&'static str>,
    pub level: Level,
    /// The reason of the suppression that covers it, if one does.
    pub suppressed: Option<String>,
}

/// Every built-in rule, by ID.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    aws::RULES.iter().chain(kubernetes::RULES).chain(stack::RULES).copied()
}

pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// Whether `id` looks like a rule ID (`SC` and three digits).
pub fn is_rule_id(id: &str) -> bool {
    id.len() == 5 && id.starts_with("SC") && id[2..].bytes().all(|b| b.is_ascii_digit())
}

/// The checkov IDs a suppression key stands for: a rule's, or the key itself.
pub fn checkov_ids(key: &str) -> Vec<&str> {
    match by_id(key) {
        Some(rule) => rule.checkov.to_vec(),
        None => vec![key],
    }
}

/// A resource's AWS view, or why it could not be built (an internal error the lowering reports).
pub type AwsView<'a> = Result<Option<AwsKind<'a>>, crate::kinds::ViewError>;

/// Runs every rule over one environment; `views`: each resource's AWS view, in order; `production`:
/// its profile is or extends `production`. Views that fail are skipped (the lowering reports them).
pub fn run(
    env: &EnvGraph,
    views: &[AwsView<'_>],
    decl: &EnvironmentDecl,
    cost: Option<&EnvCost>,
    production: bool,
    stack_span: Span,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |rule: &'static Rule, res: Option<&Resource>, hits: Hits| {
        for hit in hits.hits {
            let address = res.map_or_else(|| format!("environment.{}", env.name), |r| r.address.clone());
            let suppressed = match res {
                Some(r) => suppression(&r.suppress, rule, &hit.checkov),
                None => suppression(&decl.suppress, rule, &hit.checkov),
            };
            findings.push(Finding {
                rule,
                address,
                span: hit.span,
                message: hit.message,
                checkov: hit.checkov,
                level: match (rule.level(production), hit.level) {
                    (Level::Note, _) | (_, None) => rule.level(production),
                    (_, Some(l)) => l,
                },
                suppressed,
            });
        }
    };
    let env_subject = EnvSubject { env, decl, cost, stack_span, production };
    for rule in all() {
        if let Check::Environment(f) = rule.check {
            let mut hits = Hits { rule, hits: Vec::new() };
            f(&env_subject, &mut hits);
            push(rule, None, hits);
        }
    }
    for (res, aws) in env.resources().iter().zip(views) {
        let kind = res.kind.name.as_str();
        let Ok(aws) = aws else { continue };
        let Ok(k8s) = KubernetesKind::view(res) else { continue };
        let subject = Subject { env, res, aws: aws.as_ref(), k8s: k8s.as_ref() };
        for rule in all() {
            let Check::Resource(kinds, f) = rule.check else { continue };
            if !kinds.contains(&kind) {
                continue;
            }
            let mut hits = Hits { rule, hits: Vec::new() };
            f(&subject, &mut hits);
            push(rule, Some(res), hits);
        }
    }
    // Kept for the whole compilation, for every environment: without the growth slack.
    findings.shrink_to_fit();
    findings
}

/// The reason a resource's (or environment's) `suppress` gives for a finding: the rule's ID, or every checkov check
/// the finding claims.
fn suppression(suppress: &BTreeMap<String, Suppression>, rule: &Rule, checkov: &[&str]) -> Option<String> {
    if let Some(s) = suppress.get(rule.id) {
        return Some(s.reason.clone());
    }
    if checkov.is_empty() {
        return None;
    }
    let reasons: Option<Vec<&str>> = checkov.iter().map(|c| suppress.get(*c).map(|s| s.reason.as_str())).collect();
    let reasons = reasons?;
    let mut unique: Vec<&str> = Vec::new();
    for r in reasons {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    Some(unique.join("; "))
}
