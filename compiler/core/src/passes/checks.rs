//! The rules kinds declare (`check` blocks of `stdlib/`): for every resource of the environment, each
//! of its kind's checks, and each check of its nested blocks for every block instance. A failing check
//! is reported with its code and severity at the attribute it names (`at`), with the profile field
//! when that attribute's value is a profile default, and the rule's citation as help.

use stackc_syntax::{Diagnostic, Span};

use crate::eval::{Ctx, Evaluator, Reported};
use crate::graph::EnvGraph;
use crate::resolve::{hir, Check};
use crate::schema::CheckDef;
use crate::value::Value;

pub(crate) fn run(ev: &mut Evaluator<'_>, graph: &EnvGraph) -> Vec<Diagnostic> {
    let program = ev.program;
    let mut out = Vec::new();
    for res in graph.resources() {
        let idx = res.decl;
        let Some(defs) = ev.kind_defaults(idx) else { continue };
        let scope = program.resources[idx].scope;
        let ctx = Ctx { scope, self_res: Some(idx), vars: Vec::new() };
        for (def, check) in res.kind.checks.iter().zip(&defs.checks) {
            if let Some(message) = failed(ev, check, &ctx) {
                let at = def.at.as_deref();
                let span = at.map_or(res.span, |a| res.attr_span(a));
                let field = at.and_then(|a| res.profile_defaults.get(a));
                out.push(finding(ev, def, message, span, field));
            }
        }
        for (bdef, checks) in res.kind.blocks.values().zip(&defs.block_checks) {
            for inst in res.blocks(&bdef.name) {
                // `self` is the block as a value: its attributes, and its label under the label's name.
                let mut object = inst.attrs.clone();
                if let (Some(name), Some(label)) = (bdef.labels.first(), &inst.label) {
                    object.insert(name.clone(), Value::String(label.clone()));
                }
                let ctx = Ctx { scope, self_res: Some(idx), vars: vec![Value::Map(object)] };
                for (def, check) in bdef.checks.iter().zip(checks) {
                    if let Some(message) = failed(ev, check, &ctx) {
                        let at = def.at.as_deref();
                        let span = at.map_or(inst.span, |a| inst.attr_span(a));
                        let field = at.and_then(|a| inst.profile_defaults.get(a));
                        out.push(finding(ev, def, message, span, field));
                    }
                }
            }
        }
    }
    out
}

/// The check's message when it applies and fails.
fn failed(ev: &mut Evaluator<'_>, check: &Check, ctx: &Ctx) -> Option<String> {
    let boolean = |ev: &mut Evaluator<'_>, e: &hir::Expr| match ev.eval(e, ctx) {
        Ok(Value::Bool(b)) => Some(b),
        Ok(_) | Err(Reported) => None,
    };
    if let Some(when) = &check.when {
        if !boolean(ev, when)? {
            return None;
        }
    }
    if boolean(ev, &check.assert)? {
        return None;
    }
    match ev.eval(&check.message, ctx) {
        Ok(Value::String(s)) => Some(s),
        Ok(other) => Some(other.to_string()),
        Err(Reported) => None,
    }
}

fn finding(ev: &Evaluator<'_>, def: &CheckDef, message: String, span: Span, field: Option<&String>) -> Diagnostic {
    let mut d = Diagnostic::error(def.code, message).primary(span, format!("breaks rule `{}`", def.name));
    d.severity = def.severity;
    if let Some(field) = field {
        let profile = ev.program.profiles.get(&ev.env.profile);
        if let Some((p, (_, fspan))) = profile.and_then(|p| p.fields.get(field.as_str()).map(|f| (p, f))) {
            d = d.secondary(*fspan, format!("the default of `{field}`, from profile `{}`", p.name));
        }
    }
    if !def.doc.is_empty() {
        d = d.help(def.doc.clone());
    }
    d
}
