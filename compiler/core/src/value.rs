//! Values: what an expression evaluates to in one environment. Domain values (sizes, CIDRs, instance
//! types, …) are kept parsed, so passes and emitters never re-parse strings.

use std::fmt;

use crate::domain::{Cidr, Cpu, Duration, ImageRef, InstanceType, Port, Size};

/// An object's or map's entries, sorted by key, in one vector: the objects of a stack hold a few
/// entries each, and a B-tree gave every one of them an 11-entry node (~600 bytes).
pub type Map = litemap::LiteMap<String, Value>;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    /// Objects and maps alike; keys sorted.
    Map(Map),
    /// A reference to a resource, by address (`database.orders`, `module.web.service.app`).
    Ref(String),
    /// A string only known after apply.
    Deferred(Deferred),
    Size(Size),
    Cpu(Cpu),
    Duration(Duration),
    Cidr(Cidr),
    Port(Port),
    /// Boxed: an image reference is four strings, and every value would otherwise be as large.
    Image(Box<ImageRef>),
    Instance(&'static InstanceType),
}

/// A string only known after apply: literal text and resource outputs, concatenated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deferred {
    pub parts: Vec<DeferredPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeferredPart {
    Literal(String),
    Output { resource: String, output: String },
}

impl Deferred {
    pub fn output(resource: impl Into<String>, output: impl Into<String>) -> Deferred {
        Deferred { parts: vec![DeferredPart::Output { resource: resource.into(), output: output.into() }] }
    }

    pub fn push_literal(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(DeferredPart::Literal(prev)) = self.parts.last_mut() {
            prev.push_str(s);
        } else {
            self.parts.push(DeferredPart::Literal(s.to_owned()));
        }
    }

    /// The resources whose outputs this value reads.
    pub fn resources(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            DeferredPart::Output { resource, .. } => Some(resource.as_str()),
            DeferredPart::Literal(_) => None,
        })
    }
}

impl fmt::Display for Deferred {
    /// `${database.orders.url}`-style, for messages and snapshots.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                DeferredPart::Literal(s) => f.write_str(s)?,
                DeferredPart::Output { resource, output } => write!(f, "${{{resource}.{output}}}")?,
            }
        }
        Ok(())
    }
}

impl Value {
    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "object",
            Value::Ref(_) => "resource reference",
            Value::Deferred(_) => "deferred string",
            Value::Size(_) => "size",
            Value::Cpu(_) => "cpu",
            Value::Duration(_) => "duration",
            Value::Cidr(_) => "cidr",
            Value::Port(_) => "port",
            Value::Image(_) => "image",
            Value::Instance(_) => "instance type",
        }
    }

    pub fn as_image(&self) -> Option<&ImageRef> {
        match self {
            Value::Image(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Port(p) => Some(f64::from(p.get())),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_ref_address(&self) -> Option<&str> {
        match self {
            Value::Ref(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Calls `f` on every resource this value refers to (references and deferred outputs), recursively.
    pub fn visit_refs(&self, f: &mut dyn FnMut(&str)) {
        match self {
            Value::Ref(a) => f(a),
            Value::Deferred(d) => d.resources().for_each(f),
            Value::List(items) => items.iter().for_each(|v| v.visit_refs(f)),
            Value::Map(m) => m.values().for_each(|v| v.visit_refs(f)),
            _ => {}
        }
    }
}

/// Formats a number the way HCL writes it: integers without a fractional part.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Value {
    /// Stack-language syntax for the value (strings quoted), for messages and snapshots.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(&format_number(*n)),
            Value::String(s) => write!(f, "{s:?}"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                if m.is_empty() {
                    return f.write_str("{}");
                }
                f.write_str("{ ")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k} = {v}")?;
                }
                f.write_str(" }")
            }
            Value::Ref(a) => f.write_str(a),
            Value::Deferred(d) => write!(f, "\"{d}\" (after apply)"),
            Value::Size(s) => write!(f, "\"{s}\""),
            Value::Cpu(c) => write!(f, "\"{c}\""),
            Value::Duration(d) => write!(f, "\"{d}\""),
            Value::Cidr(c) => write!(f, "\"{c}\""),
            Value::Port(p) => write!(f, "{}", p.get()),
            Value::Image(i) => write!(f, "\"{i}\""),
            Value::Instance(t) => write!(f, "\"{}\"", t.name),
        }
    }
}
