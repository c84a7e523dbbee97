//! An attribute's value against what its kind declares: strings known when compiling unless the
//! attribute allows values known after apply, and the attribute's constraints (range, length, form,
//! CIDR prefix, item count). Also the warnings every attribute of a type gets: a size without a unit
//! (bytes), an image that is not pinned.
//!
//! A violation is reported at the span the value was written, with a second label at the profile
//! field when the value is a profile's default; the value is still returned, so one mistake does not
//! hide the resource from the other checks.

use stackc_syntax::{Code, Diagnostic, Span};

use super::{Evaluator, R};
use crate::domain::Size;
use crate::schema::{AttrDef, Constraints};
use crate::types::Ty;
use crate::value::{Deferred, Value};

/// Where a value came from when it is not written on the resource: the profile field its default reads.
#[derive(Clone, Copy)]
pub(crate) struct ProfileDefault<'a> {
    pub profile: &'a str,
    pub field: &'a str,
    pub span: Span,
}

impl Evaluator<'_> {
    /// Coerces the raw value of an attribute to its type and enforces its declaration.
    pub(crate) fn attribute_value(
        &mut self,
        raw: Value,
        def: &AttrDef,
        span: Span,
        origin: Option<ProfileDefault<'_>>,
    ) -> R<Value> {
        if !def.deferred {
            if let Some(d) = first_deferred(&raw) {
                let d = Diagnostic::error(Code::E0410, "value is only known after apply")
                    .primary(span, format!("`{d}` is known only after apply, but `{}` must be known when compiling", def.name))
                    .help(format!(
                        "stackc needs `{}` to write the target's configuration; use a literal, a local, `env` or `profile`",
                        def.name
                    ));
                return Err(self.report(d));
            }
        }
        if scalar(&def.ty) == &Ty::Size {
            if let Some(text) = first_unitless_size(&raw) {
                let d = Diagnostic::warning(Code::W0401, "size without a unit")
                    .primary(span, format!("\"{text}\" is {text} bytes"))
                    .help(format!("write the unit: \"{text}Mi\" or \"{text}Gi\""));
                self.report(with_origin(d, origin));
            }
        }
        let value = self.coerce(raw, &def.ty, span)?;
        if scalar(&def.ty) == &Ty::Image {
            if let Some(image) = first_unpinned_image(&value) {
                let d = Diagnostic::warning(Code::W0402, "image not pinned")
                    .primary(span, format!("`{image}` names no version: pods may run different code"))
                    .help("pin a version tag like `:1.4.2` or a digest `@sha256:…`");
                self.report(with_origin(d, origin));
            }
        }
        if !def.constraints.is_empty() {
            let mut problems = Vec::new();
            check(&value, &def.constraints, &def.name, true, &mut problems);
            for (code, label, help) in problems {
                let message = match code {
                    Code::E0421 => "value does not have the required form",
                    _ => "value out of range",
                };
                let d = Diagnostic::error(code, message).primary(span, label).help(help);
                self.report(with_origin(d, origin));
            }
        }
        Ok(value)
    }
}

/// Adds the profile field a default came from, as a secondary label.
pub(crate) fn with_origin(d: Diagnostic, origin: Option<ProfileDefault<'_>>) -> Diagnostic {
    match origin {
        Some(o) => d.secondary(o.span, format!("the default of `{}`, from profile `{}`", o.field, o.profile)),
        None => d,
    }
}

fn scalar(ty: &Ty) -> &Ty {
    match ty {
        Ty::List(t) | Ty::Map(t) => scalar(t),
        t => t,
    }
}

fn first_deferred(v: &Value) -> Option<&Deferred> {
    match v {
        Value::Deferred(d) => Some(d),
        Value::List(items) => items.iter().find_map(first_deferred),
        Value::Map(m) => m.values().find_map(first_deferred),
        _ => None,
    }
}

/// A size written as a bare number of bytes other than zero (`"512"`).
fn first_unitless_size(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            let bare = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
            (bare && Size::parse(t).is_ok_and(|s| s.bytes() > 0)).then_some(t)
        }
        Value::List(items) => items.iter().find_map(first_unitless_size),
        Value::Map(m) => m.values().find_map(first_unitless_size),
        _ => None,
    }
}

fn first_unpinned_image(v: &Value) -> Option<String> {
    match v {
        Value::Image(i) if !i.is_pinned() => Some(i.to_string()),
        Value::List(items) => items.iter().find_map(first_unpinned_image),
        Value::Map(m) => m.values().find_map(first_unpinned_image),
        _ => None,
    }
}

/// The text of a value or bound, in the attribute's unit: durations in the largest whole unit.
fn show(v: &Value) -> String {
    match v {
        Value::Duration(d) => {
            let s = d.seconds();
            match s {
                0 => "0s".to_owned(),
                _ if s % 86_400 == 0 => format!("{}d", s / 86_400),
                _ if s % 3_600 == 0 => format!("{}h", s / 3_600),
                _ if s % 60 == 0 => format!("{}m", s / 60),
                _ => format!("{s}s"),
            }
        }
        other => other.to_string().trim_matches('"').to_owned(),
    }
}

fn range(c: &Constraints) -> String {
    match (&c.min, &c.max) {
        (Some(lo), Some(hi)) => format!("allowed: {} to {}", show(lo), show(hi)),
        (Some(lo), None) => format!("allowed: at least {}", show(lo)),
        (None, Some(hi)) => format!("allowed: at most {}", show(hi)),
        (None, None) => String::new(),
    }
}

/// Every violation of `c` by `v` (each element of a list or map): (code, label, help).
fn check(v: &Value, c: &Constraints, name: &str, top: bool, out: &mut Vec<(Code, String, String)>) {
    match v {
        Value::Null => {}
        Value::List(items) => {
            if top {
                items_count(items.len(), c, name, out);
            }
            for item in items {
                check(item, c, name, false, out);
            }
        }
        Value::Map(m) => {
            if top {
                items_count(m.len(), c, name, out);
                if let Some(p) = &c.key_pattern {
                    for key in m.keys().filter(|k| !p.is_match(k)) {
                        out.push((
                            Code::E0421,
                            format!("`{name}` has the key \"{key}\", which is not {}", p.doc),
                            format!("keys of `{name}` are {}", p.doc),
                        ));
                    }
                }
            }
            for value in m.values() {
                check(value, c, name, false, out);
            }
        }
        Value::String(s) => {
            let len = s.chars().count();
            if let Some(min) = c.min_length.filter(|m| len < *m) {
                out.push((
                    Code::E0420,
                    format!("\"{s}\" is {len} characters; `{name}` needs at least {min}"),
                    format!("write at least {min} characters"),
                ));
            }
            if let Some(max) = c.max_length.filter(|m| len > *m) {
                out.push((
                    Code::E0420,
                    format!("\"{s}\" is {len} characters; `{name}` takes at most {max}"),
                    format!("shorten it to {max} characters"),
                ));
            }
            if let Some(p) = c.pattern.as_ref().filter(|p| !p.is_match(s)) {
                out.push((Code::E0421, format!("\"{s}\" is not {}", p.doc), format!("`{name}` is {}", p.doc)));
            }
        }
        Value::Cidr(cidr) => {
            if let Some((lo, hi)) = c.prefix.filter(|(lo, hi)| cidr.prefix() < *lo || cidr.prefix() > *hi) {
                out.push((
                    Code::E0420,
                    format!("{cidr} is a /{}; `{name}` must be a /{lo} to a /{hi}", cidr.prefix()),
                    format!("choose a prefix length from {lo} to {hi}"),
                ));
            }
        }
        _ => {
            let below = c.min.as_ref().is_some_and(|m| compare(v, m) == Some(std::cmp::Ordering::Less));
            let above = c.max.as_ref().is_some_and(|m| compare(v, m) == Some(std::cmp::Ordering::Greater));
            if below || above {
                let which = if below { "below the minimum" } else { "above the maximum" };
                out.push((Code::E0420, format!("{} is {which} of `{name}`", show(v)), range(c)));
            }
        }
    }
}

fn items_count(n: usize, c: &Constraints, name: &str, out: &mut Vec<(Code, String, String)>) {
    if let Some(min) = c.min_items.filter(|m| n < *m) {
        let s = if min == 1 { "" } else { "s" };
        out.push((
            Code::E0420,
            format!("`{name}` has {n} items; it needs at least {min}"),
            format!("give it at least {min} item{s}"),
        ));
    }
    if let Some(max) = c.max_items.filter(|m| n > *m) {
        out.push((
            Code::E0420,
            format!("`{name}` has {n} items; it takes at most {max}"),
            format!("keep at most {max}"),
        ));
    }
}

fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Size(x), Value::Size(y)) => Some(x.bytes().cmp(&y.bytes())),
        (Value::Cpu(x), Value::Cpu(y)) => Some(x.millis().cmp(&y.millis())),
        (Value::Duration(x), Value::Duration(y)) => Some(x.seconds().cmp(&y.seconds())),
        _ => a.as_number()?.partial_cmp(&b.as_number()?),
    }
}
