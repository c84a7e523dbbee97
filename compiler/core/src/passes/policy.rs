//! The stack's own policies (`policy "name" { kind = "database" … }`), evaluated in every environment:
//! `when`, `assert` and `message` are type-checked, every outcome is kept as data (for `plan` and the
//! policy report), and each failure is a P0001 finding at the resource, with the policy as a secondary
//! label, and the policy's severity.

use stackc_syntax::{Code, Diagnostic, Severity, Span};

use crate::eval::{Ctx, Evaluator, Reported};
use crate::graph::EnvGraph;
use crate::program::ROOT;
use crate::resolve::hir;
use crate::value::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyOutcome {
    pub policy: String,
    /// The resource checked, for policies with `kind`.
    pub resource: Option<String>,
    pub passed: bool,
    pub message: String,
    pub severity: Severity,
    /// The policy's name label.
    pub span: Span,
}

pub(crate) fn run(
    ev: &mut Evaluator<'_>,
    graph: &EnvGraph,
    cost: Option<&crate::cost::EnvCost>,
) -> (Vec<PolicyOutcome>, Vec<Diagnostic>) {
    if !ev.program.policies.is_empty() {
        ev.cost = cost.map(|c| crate::eval::CostTotals {
            monthly: c.monthly,
            by_address: c.resources.iter().map(|r| (r.address.clone(), r.monthly)).collect(),
        });
    }
    let outcomes = evaluate(ev, graph);
    let program = ev.program;
    let mut diags = Vec::new();
    for o in outcomes.iter().filter(|o| !o.passed) {
        let d = match o.resource.as_deref().and_then(|a| program.resource(a)) {
            Some(res) => Diagnostic::error(Code::P0001, o.message.clone())
                .primary(res.name.span, format!("`{}` does not meet policy `{}`", res.address, o.policy))
                .secondary(o.span, "the policy"),
            None => Diagnostic::error(Code::P0001, o.message.clone())
                .primary(o.span, format!("policy `{}` is not met", o.policy)),
        };
        diags.push(Diagnostic { severity: o.severity, ..d });
    }
    (outcomes, diags)
}

fn evaluate(ev: &mut Evaluator<'_>, graph: &EnvGraph) -> Vec<PolicyOutcome> {
    let (program, resolved) = (ev.program, ev.resolved);
    let mut out = Vec::new();
    for (p, r) in program.policies.iter().zip(&resolved.policies) {
        let targets: Vec<Option<usize>> = match &p.kind {
            Some((kind, _)) => graph.of_kind(kind).map(|r| Some(r.decl)).collect(),
            None => vec![None],
        };
        for target in targets {
            let ctx = Ctx { scope: ROOT, self_res: target, ..Ctx::default() };
            let boolean = |ev: &mut Evaluator<'_>, e: &hir::Expr| -> Result<bool, Reported> {
                match ev.eval(e, &ctx)? {
                    Value::Bool(b) => Ok(b),
                    v => Err(ev.report(
                        Diagnostic::error(Code::E0401, "type mismatch")
                            .primary(e.span, format!("a policy condition must be a bool, found {}", v.type_name())),
                    )),
                }
            };
            let applies = match &r.when {
                Some(w) => boolean(ev, w),
                None => Ok(true),
            };
            let Ok(applies) = applies else { continue };
            if !applies {
                continue;
            }
            let Some(assert) = &r.assert else { continue };
            let Ok(passed) = boolean(ev, assert) else { continue };
            let message = match &r.message {
                Some(m) => match ev.eval(m, &ctx) {
                    Ok(Value::String(s)) => s,
                    Ok(v) => {
                        ev.report(
                            Diagnostic::error(Code::E0401, "type mismatch")
                                .primary(m.span, format!("a policy message must be a string, found {}", v.type_name())),
                        );
                        continue;
                    }
                    Err(Reported) => continue,
                },
                None => continue,
            };
            out.push(PolicyOutcome {
                policy: p.name.name.clone(),
                resource: target.map(|i| program.resources[i].address.clone()),
                passed,
                message,
                severity: p.severity,
                span: p.name.span,
            });
        }
    }
    out
}
