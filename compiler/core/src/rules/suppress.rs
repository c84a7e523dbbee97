//! `suppress` maps, on resources and environments: rule or checkov IDs to a reason, or to
//! `{ reason = "…", until = "YYYY-MM-DD" }`.

use std::collections::BTreeMap;

use stackc_syntax::{Code, Diagnostic, Span};

use crate::domain::Date;
use crate::graph::Suppression;
use crate::value::Value;

/// Where a `suppress` map is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Resource,
    Environment,
}

/// The longest reason: it is copied into comments and annotations (a Kubernetes annotation holds
/// at most 256 KiB, and a reason is one line a reviewer reads).
const MAX_REASON: usize = 500;

/// Checks each entry of an evaluated `suppress` map; `span_of(key)` is where the entry is written.
/// Invalid entries are reported and left out.
pub fn parse(
    map: crate::value::Map,
    span_of: &dyn Fn(&str) -> Span,
    on: On,
) -> (BTreeMap<String, Suppression>, Vec<Diagnostic>) {
    let mut out = BTreeMap::new();
    let mut diags = Vec::new();
    for (key, entry) in map {
        let span = span_of(&key);
        if let Err(d) = key_ok(&key) {
            diags.push(d.primary(span, "not a rule or checkov check ID"));
            continue;
        }
        if let Err(d) = placed(&key, on) {
            diags.push(d.primary(span, "suppressed where it is never reported"));
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
    if reason.chars().count() > MAX_REASON {
        return Err(Diagnostic::error(
            Code::E0418,
            format!("the reason of `{key}` is longer than {MAX_REASON} characters"),
        )
        .primary(span, "copied into every generated file the resource becomes")
        .help("say why in one line; link to the longer explanation"));
    }
    // Control characters (a carriage return rewrites what a terminal or diff shows of the
    // generated file), line and paragraph separators and bidirectional overrides.
    let hidden = |c: char| {
        c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if reason.chars().any(hidden) {
        return Err(Diagnostic::error(Code::E0418, format!("the reason of `{key}` contains a control character"))
            .primary(span, "copied verbatim into the generated files")
            .help("write the reason as plain text on one line"));
    }
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

/// Rules over resources are suppressed on the resource, rules over environments on the environment.
fn placed(key: &str, on: On) -> Result<(), Diagnostic> {
    let resource_rule = match super::by_id(key) {
        Some(r) => matches!(r.check, super::Check::Resource(..)),
        None => true, // a checkov ID: checks of generated resources
    };
    match (on, resource_rule) {
        (On::Environment, true) => Err(Diagnostic::error(Code::E0418, format!("`{key}` is reported on resources"))
            .help(format!(
            "suppress it in the `suppress` of the resource it is reported on: `{key}` never reports on an environment"
        ))),
        (On::Resource, false) => Err(Diagnostic::error(Code::E0418, format!("`{key}` is reported on environments"))
            .help(format!(
                "suppress it in the environment block: `environment \"prod\" {{ suppress = {{ {key} = \"…\" }} }}`"
            ))),
        _ => Ok(()),
    }
}

/// A suppression key: a known rule ID or a checkov check ID.
fn key_ok(key: &str) -> Result<(), Diagnostic> {
    let upper = key.to_ascii_uppercase();
    if upper != key && (super::by_id(&upper).is_some() || key_ok(&upper).is_ok()) {
        return Err(Diagnostic::error(Code::E0418, format!("`{key}` is not a rule or checkov check ID"))
            .help(format!("IDs are upper case: `{upper}`")));
    }
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
