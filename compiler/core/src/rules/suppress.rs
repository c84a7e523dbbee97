//! `suppress` maps, on resources and environments: rule or checkov IDs to a reason, or to
//! `{ reason = "…", until = "YYYY-MM-DD" }`.

use std::collections::BTreeMap;

use stackc_syntax::{Code, Diagnostic, Span};

use crate::domain::Date;
use crate::graph::Suppression;
use crate::value::Value;

/// Checks each entry of an evaluated `suppress` map; `span_of(key)` is where the entry is written.
/// Invalid entries are reported and left out.
pub fn parse(
    map: BTreeMap<String, Value>,
    span_of: &dyn Fn(&str) -> Span,
) -> (BTreeMap<String, Suppression>, Vec<Diagnostic>) {
    let mut out = BTreeMap::new();
    let mut diags = Vec::new();
    for (key, entry) in map {
        let span = span_of(&key);
        if let Err(d) = key_ok(&key) {
            diags.push(d.primary(span, "not a rule or checkov check ID"));
            continue;
        }
        match entry_of(&key, entry, span) {
            Ok(s) => {
                out.insert(key, s);
            }
            Err(d) => diags.push(d),
        }
    }
    (out, diags)
}

fn entry_of(key: &str, entry: Value, span: Span) -> Result<Suppression, Diagnostic> {
    let (reason, until) = match entry {
        Value::String(r) => (Some(r), None),
        Value::Map(mut fields) => {
            let reason = match fields.remove("reason") {
                Some(Value::String(r)) => Some(r),
                _ => None,
            };
            let until = fields.remove("until");
            if let Some(other) = fields.keys().next() {
                return Err(Diagnostic::error(
                    Code::E0418,
                    format!("unknown field `{other}` in the suppression of `{key}`"),
                )
                .primary(span, "a suppression has `reason` and, optionally, `until`"));
            }
            (reason, until)
        }
        other => {
            return Err(Diagnostic::error(
                Code::E0418,
                format!("the suppression of `{key}` must be a reason or an object"),
            )
            .primary(span, format!("found {}", other.type_name()))
            .help(format!("write `{key} = {{ reason = \"…\", until = \"2027-03-31\" }}` or `{key} = \"…\"`")));
        }
    };
    let Some(reason) = reason.filter(|r| !r.trim().is_empty() && !r.contains('\n')) else {
        return Err(Diagnostic::error(Code::E0418, format!("the suppression of `{key}` needs a reason"))
            .primary(span, "every suppression carries a one-line reason")
            .help("say why the rule is deliberately not met; the reason is copied into the generated files"));
    };
    // checkov reads `checkov:skip=ID:reason` up to the first `=`-separated field; a reason with
    // `=` in it makes checkov fail to parse the comment and stop without a report.
    if reason.contains('=') {
        return Err(Diagnostic::error(Code::E0418, format!("the reason of `{key}` contains `=`"))
            .primary(span, "checkov cannot read a skip comment with `=` in its reason")
            .help("rephrase without `=` (\"set to\", \"is\")"));
    }
    let until = match until {
        None | Some(Value::Null) => None,
        Some(Value::String(d)) => match Date::parse(&d) {
            Ok(date) => Some(date),
            Err(e) => {
                return Err(Diagnostic::error(Code::E0418, e.message)
                    .primary(span, "`until` is the last day the suppression holds")
                    .maybe_help(e.help));
            }
        },
        Some(other) => {
            return Err(Diagnostic::error(
                Code::E0418,
                format!("`until` must be a date string, found {}", other.type_name()),
            )
            .primary(span, "`until` is the last day the suppression holds")
            .help("write the date as YYYY-MM-DD, like \"2027-03-31\""));
        }
    };
    Ok(Suppression { reason, until, span })
}

/// A suppression key: a known rule ID or a checkov check ID.
fn key_ok(key: &str) -> Result<(), Diagnostic> {
    if super::is_rule_id(key) {
        if super::by_id(key).is_some() {
            return Ok(());
        }
        let help = crate::suggest::did_you_mean(key, super::all().map(|r| r.id))
            .unwrap_or_else(|| "docs/rules/README.md lists every rule".to_owned());
        return Err(Diagnostic::error(Code::E0418, format!("no built-in rule `{key}`")).help(help));
    }
    let checkov = key.starts_with("CKV")
        && key.split('_').count() >= 3
        && key.rsplit('_').next().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && key.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if checkov {
        return Ok(());
    }
    Err(Diagnostic::error(Code::E0418, format!("`{key}` is not a rule or checkov check ID"))
        .help("write a rule ID like SC201 (docs/rules/README.md) or a checkov ID like CKV_AWS_144"))
}
