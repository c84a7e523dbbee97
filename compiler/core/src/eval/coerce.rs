//! Coercion of a value to a declared type: the type check of evaluated values. Strings become domain
//! values here (a `size` attribute written `"512Mi"` becomes [`Value::Size`]), and every mismatch is
//! a diagnostic at the span the value was written.

use stackc_syntax::{Code, Diagnostic, Span};

use super::{every, Evaluator, Reported, R};
use crate::domain::{self, Cidr, Cpu, DomainError, Duration, ImageRef, Port, Size};
use crate::suggest::did_you_mean;
use crate::types::Ty;
use crate::value::{format_number, Value};

pub(crate) fn mismatch(span: Span, expected: &str, found: &Value) -> Diagnostic {
    Diagnostic::error(Code::E0401, "type mismatch")
        .primary(span, format!("expected {expected}, found {}", describe(found)))
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => format!("{} {v}", v.type_name()),
        Value::Ref(a) => format!("a reference to `{a}`"),
        _ => v.type_name().to_owned(),
    }
}

fn domain_error(code: Code, what: &str, span: Span, e: DomainError) -> Diagnostic {
    Diagnostic::error(code, format!("invalid {what}")).primary(span, e.message).maybe_help(e.help)
}

impl Evaluator<'_> {
    /// A domain value written as a string: parsed by `parse`, or a diagnostic with `code`.
    fn domain(
        &mut self,
        value: Value,
        span: Span,
        code: Code,
        what: &str,
        expected: &str,
        parse: impl Fn(&str) -> Result<Value, DomainError>,
    ) -> R<Value> {
        match value {
            Value::String(s) => parse(&s).map_err(|e| self.report(domain_error(code, what, span, e))),
            other => Err(self.report(mismatch(span, expected, &other))),
        }
    }

    /// An element of a list or map: like [`Evaluator::coerce`], but `null` is only an `any` element
    /// (an optional attribute may be null; an element of a collection has a value).
    fn element(&mut self, value: Value, ty: &Ty, span: Span) -> R<Value> {
        if value.is_null() && *ty != Ty::Any {
            return Err(self.report(
                mismatch(span, &ty.to_string(), &value)
                    .help("a list or map holds values: leave the element out rather than writing null"),
            ));
        }
        self.coerce(value, ty, span)
    }

    pub fn coerce(&mut self, value: Value, ty: &Ty, span: Span) -> R<Value> {
        if value.is_null() {
            return Ok(value);
        }
        if let Value::Deferred(d) = &value {
            if ty.accepts_deferred() {
                return Ok(value);
            }
            return Err(self.report(
                Diagnostic::error(Code::E0410, "value is only known after apply")
                    .primary(span, format!("`{d}` is known only after apply, but {ty} must be known when compiling"))
                    .help("only string attributes can hold values known after apply"),
            ));
        }
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        };
        match ty {
            Ty::Any => Ok(value),
            Ty::String => match value {
                Value::String(_) => Ok(value),
                Value::Number(n) => Ok(Value::String(format_number(n))),
                Value::Bool(b) => Ok(Value::String(b.to_string())),
                Value::Size(_) | Value::Cpu(_) | Value::Duration(_) | Value::Cidr(_) | Value::Image(_) => {
                    Ok(Value::String(value.to_string().trim_matches('"').to_owned()))
                }
                Value::Port(p) => Ok(Value::String(p.get().to_string())),
                Value::Instance(t) => Ok(Value::String(t.name.to_owned())),
                other => Err(self.report(mismatch(span, "string", &other))),
            },
            Ty::Number => match value {
                Value::Number(_) => Ok(value),
                Value::Port(p) => Ok(Value::Number(f64::from(p.get()))),
                other => Err(self.report(mismatch(span, "number", &other))),
            },
            Ty::Integer => match value {
                Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Ok(value),
                Value::Port(p) => Ok(Value::Number(f64::from(p.get()))),
                other => Err(self.report(mismatch(span, "a whole number", &other))),
            },
            Ty::Bool => match value {
                Value::Bool(_) => Ok(value),
                other => Err(self.report(mismatch(span, "bool", &other))),
            },
            Ty::Port => match value {
                Value::Port(_) => Ok(value),
                Value::Number(n) => {
                    Port::new(n).map(Value::Port).map_err(|e| self.report(domain_error(Code::E0406, "port", span, e)))
                }
                other => Err(self.report(mismatch(span, "a port number", &other))),
            },
            Ty::Size => match value {
                Value::Size(_) => Ok(value),
                v => self
                    .domain(v, span, Code::E0402, "size", "a size like \"512Mi\"", |s| Size::parse(s).map(Value::Size)),
            },
            Ty::Cpu => match value {
                Value::Cpu(_) => Ok(value),
                Value::Number(n) => self.domain(Value::String(format_number(n)), span, Code::E0403, "cpu", "", |s| {
                    Cpu::parse(s).map(Value::Cpu)
                }),
                v => self.domain(v, span, Code::E0403, "cpu", "a cpu amount like \"500m\"", |s| {
                    Cpu::parse(s).map(Value::Cpu)
                }),
            },
            Ty::Duration => match value {
                Value::Duration(_) => Ok(value),
                v => self.domain(v, span, Code::E0404, "duration", "a duration like \"30s\"", |s| {
                    Duration::parse(s).map(Value::Duration)
                }),
            },
            Ty::Cidr => match value {
                Value::Cidr(_) => Ok(value),
                v => self.domain(v, span, Code::E0405, "CIDR block", "a CIDR block like \"10.0.0.0/16\"", |s| {
                    Cidr::parse(s).map(Value::Cidr)
                }),
            },
            Ty::Image => match value {
                Value::Image(_) => Ok(value),
                v => self.domain(
                    v,
                    span,
                    Code::E0407,
                    "image reference",
                    "an image reference like \"ghcr.io/acme/api:1.2.3\"",
                    |s| ImageRef::parse(s).map(|i| Value::Image(Box::new(i))),
                ),
            },
            Ty::InstanceType(service) => {
                let name = match &value {
                    Value::Instance(t) if t.service == *service => t.name.to_owned(),
                    Value::Instance(t) => t.name.to_owned(),
                    v => match text(v) {
                        Some(s) => s,
                        None => return Err(self.report(mismatch(span, "an instance type name", v))),
                    },
                };
                let t = domain::lookup(*service, &name)
                    .map_err(|e| self.report(domain_error(Code::E0408, "instance type", span, e)))?;
                // The lowering picks the node image and AMI by architecture: it must be known.
                if t.service == domain::InstanceService::Ec2 && t.arch.is_none() {
                    return Err(self.report(
                        Diagnostic::error(
                            Code::E0408,
                            format!("stackc's catalog has no architecture for `{}`", t.name),
                        )
                        .primary(span, "the node image and AMI depend on it")
                        .help(
                            "choose a type the catalog describes (see compiler/core/data/catalog/instance-types.tsv)",
                        ),
                    ));
                }
                // Refused only where a source of the catalog lists every type offered in the region.
                if t.offered_in(&self.env.region) == Some(false) {
                    let alternatives = domain::alternatives(t, &self.env.region);
                    let mut d =
                        Diagnostic::error(Code::E0417, format!("`{}` is not offered in {}", t.name, self.env.region))
                            .primary(span, format!("not available in the region of environment `{}`", self.env.name));
                    if !alternatives.is_empty() {
                        d = d.help(format!("offered there: {}", alternatives.join(", ")));
                    }
                    return Err(self.report(d));
                }
                Ok(Value::Instance(t))
            }
            Ty::Enum(allowed) => match value {
                Value::String(ref s) if allowed.iter().any(|a| a == s) => Ok(value),
                Value::String(s) => {
                    let help = did_you_mean(&s, allowed.iter().map(String::as_str))
                        .unwrap_or_else(|| format!("allowed: {}", quoted(allowed)));
                    Err(self.report(
                        Diagnostic::error(Code::E0409, "value is not one of the allowed values")
                            .primary(span, format!("\"{s}\" is not one of {}", quoted(allowed)))
                            .help(help),
                    ))
                }
                other => Err(self.report(mismatch(span, &format!("one of {}", quoted(allowed)), &other))),
            },
            Ty::List(inner) => match value {
                Value::List(items) => Ok(Value::List(every(items, |item| self.element(item, inner, span))?)),
                other => Err(self.report(mismatch(span, &ty.to_string(), &other))),
            },
            Ty::Map(inner) => match value {
                Value::Map(m) => Ok(Value::Map(every(m, |(k, v)| Ok((k, self.element(v, inner, span)?)))?)),
                other => Err(self.report(mismatch(span, &ty.to_string(), &other))),
            },
            Ty::Object(fields) => match value {
                Value::Map(mut m) => {
                    let mut out = crate::value::Map::new();
                    let mut failed = false;
                    let mut suggested: Vec<String> = Vec::new();
                    for key in m.keys() {
                        if !fields.contains_key(key) {
                            if let Some(c) = crate::suggest::closest(key, fields.keys().map(String::as_str)) {
                                suggested.push(c.to_owned());
                            }
                            let help = did_you_mean(key, fields.keys().map(String::as_str));
                            self.report(
                                Diagnostic::error(Code::E0401, "type mismatch")
                                    .primary(span, format!("unknown field `{key}`; expected {ty}"))
                                    .maybe_help(help),
                            );
                            failed = true;
                        }
                    }
                    for (name, field) in fields {
                        match m.remove(name) {
                            Some(v) => match self.coerce(v, &field.ty, span) {
                                Ok(v) => {
                                    out.insert(name.clone(), v);
                                }
                                Err(Reported) => failed = true,
                            },
                            None if field.optional => {
                                out.insert(name.clone(), Value::Null);
                            }
                            None => {
                                if !suggested.contains(name) {
                                    self.report(
                                        Diagnostic::error(Code::E0401, "type mismatch")
                                            .primary(span, format!("missing field `{name}`; expected {ty}")),
                                    );
                                }
                                failed = true;
                            }
                        }
                    }
                    if failed {
                        Err(Reported)
                    } else {
                        Ok(Value::Map(out))
                    }
                }
                other => Err(self.report(mismatch(span, &ty.to_string(), &other))),
            },
            Ty::Ref(kind) => match value {
                Value::Ref(ref address) => {
                    let actual = self.program.resource(address).map(|r| r.kind.as_str()).unwrap_or_default();
                    if actual == kind {
                        Ok(value)
                    } else {
                        Err(self.report(Diagnostic::error(Code::E0401, "type mismatch").primary(
                            span,
                            format!("expected a reference to a {kind}, found a reference to {actual} `{address}`"),
                        )))
                    }
                }
                Value::String(ref s) if self.program.resource(&format!("{kind}.{s}")).is_some() => Err(self.report(
                    Diagnostic::error(Code::E0401, "type mismatch")
                        .primary(span, format!("expected a reference to a {kind}, found string \"{s}\""))
                        .help(format!("write the reference without quotes: `{kind}.{s}`")),
                )),
                other => Err(self.report(
                    mismatch(span, &format!("a reference to a {kind}"), &other)
                        .help(format!("write a reference like `{kind}.<name>`")),
                )),
            },
        }
    }
}

fn quoted(values: &[String]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}
