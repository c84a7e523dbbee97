//! Typed views of the standard library's kinds: one Rust struct per kind (and per attribute group and
//! nested block) with a typed field per attribute, one enum per enumerated attribute and per kind's
//! outputs, and per target an enum of the kinds it realises ([`AwsKind`], [`KubernetesKind`], …).
//!
//! This is the contract between `stdlib/*.stack.hcl` and the Rust that consumes it: the views are
//! generated from the stdlib (`generated.rs`, kept in sync by `tests/kind_views.rs`), so a misspelled
//! attribute or output in an emitter is a compile error, and a kind added to a target without a
//! lowering is a non-exhaustive `match`.
//!
//! A view is built from an evaluated [`Resource`], whose values the evaluator already coerced to
//! their declared types; a value of another type is an internal error ([`ViewError`]), never a
//! silent default.

#[allow(clippy::all)]
mod generated;

use std::fmt;
use std::marker::PhantomData;

use stackc_syntax::{Code, Diagnostic};

pub use generated::*;

use crate::domain::{Cidr, Cpu, Duration, ImageRef, InstanceType, Port, Size};
use crate::graph::{BlockInstance, EnvGraph, Resource};
use crate::value::{Deferred, Value};

/// A typed view of a resource of one kind.
pub trait View<'a>: Sized {
    /// The kind's name in the stack language.
    const KIND: &'static str;
    fn view(resource: &'a Resource) -> Result<Self, ViewError>;
    fn resource(&self) -> &'a Resource;
}

/// A string attribute's value: known when compiling, or only after apply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Text<'a> {
    Known(&'a str),
    Deferred(&'a Deferred),
}

impl<'a> Text<'a> {
    /// The string, when it is known when compiling.
    pub fn known(self) -> Option<&'a str> {
        match self {
            Text::Known(s) => Some(s),
            Text::Deferred(_) => None,
        }
    }

    /// The string, which a target needs when compiling (a name, a region); `what` names the attribute
    /// for the error.
    pub fn require(self, res: &Resource, what: &str) -> Result<&'a str, ViewError> {
        self.known().ok_or_else(|| ViewError {
            address: res.address.clone(),
            path: what.to_owned(),
            expected: "a value known when compiling",
            found: "deferred string",
        })
    }
}

/// Every string of a list, each known when compiling.
pub fn require_all<'a>(texts: &[Text<'a>], res: &Resource, what: &str) -> Result<Vec<&'a str>, ViewError> {
    texts.iter().map(|t| t.require(res, what)).collect()
}

/// A reference to a resource of kind `K`, by address.
pub struct Ref<'a, K> {
    pub address: &'a str,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Ref<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for Ref<'_, K> {}

impl<K> fmt::Debug for Ref<'_, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ref({})", self.address)
    }
}

impl<K> PartialEq for Ref<'_, K> {
    fn eq(&self, other: &Self) -> bool {
        self.address == other.address
    }
}

impl<'a, K: View<'a>> Ref<'a, K> {
    /// The referenced resource's view in `env`.
    pub fn resolve(self, env: &'a EnvGraph) -> Result<K, ViewError> {
        K::view(self.resource(env)?)
    }

    /// The referenced resource in `env`, without building its view (which reads every attribute):
    /// for a lowering that needs only its name or address.
    pub fn resource(self, env: &'a EnvGraph) -> Result<&'a Resource, ViewError> {
        env.get(self.address).ok_or_else(|| ViewError {
            address: self.address.to_owned(),
            path: String::new(),
            expected: "a resource of this environment",
            found: "no such resource",
        })
    }
}

/// A value did not have the type its kind declares: a bug in stackc, reported as E0901.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewError {
    pub address: String,
    /// `storage`, `health.timeout`, `replicas.min`.
    pub path: String,
    pub expected: &'static str,
    pub found: &'static str,
}

impl ViewError {
    pub fn diagnostic(&self, resource: Option<&Resource>) -> Diagnostic {
        let d = Diagnostic::error(
            Code::E0901,
            format!(
                "internal compiler error: `{}.{}` is {}, where {} was expected",
                self.address, self.path, self.found, self.expected
            ),
        );
        match resource {
            Some(r) => d.primary(r.span, "while lowering this resource"),
            None => d,
        }
    }
}

/// Where a value is read from, for the error when it has the wrong type. Built without allocating.
#[derive(Clone, Copy)]
pub struct At<'p> {
    address: &'p str,
    name: &'p str,
    parent: Option<&'p At<'p>>,
}

impl<'p> At<'p> {
    pub fn new(address: &'p str, name: &'p str) -> At<'p> {
        At { address, name, parent: None }
    }

    pub fn child(&'p self, name: &'p str) -> At<'p> {
        At { address: self.address, name, parent: Some(self) }
    }

    fn path(&self) -> String {
        match self.parent {
            Some(p) => format!("{}.{}", p.path(), self.name),
            None => self.name.to_owned(),
        }
    }

    fn error(&self, expected: &'static str, found: &Value) -> ViewError {
        ViewError { address: self.address.to_owned(), path: self.path(), expected, found: found.type_name() }
    }
}

/// Conversions of evaluated values to view fields; used by the generated code.
pub mod conv {

    use super::*;

    type R<T> = Result<T, ViewError>;

    /// The attribute `name`, read at `pos` in the resource's kind when it is there, else looked up
    /// by name. The generated views pass the position the standard library gives it (a kind's own
    /// attribute) or `base` plus its place in its group: a comparison instead of a hash lookup.
    pub fn attr_at<'a>(res: &'a Resource, pos: usize, name: &str) -> &'a Value {
        match res.kind.attributes.get_index(pos) {
            Some((n, _)) if n == name => res.attr_values.get(pos).unwrap_or(&Value::Null),
            _ => res.attr(name),
        }
    }

    /// Where a group's attributes start in the resource's kind: the position of the group's first
    /// one (a kind includes a group's attributes together and in order; `attr_at` checks each).
    pub fn base(res: &Resource, first: &str) -> usize {
        res.kind.attributes.get_index_of(first).unwrap_or(usize::MAX / 2)
    }

    pub fn block_attr<'a>(block: &'a BlockInstance, name: &str) -> &'a Value {
        block.attr(name)
    }

    pub fn field<'a>(map: &'a crate::value::Map, name: &str) -> &'a Value {
        map.get(name).unwrap_or(&Value::Null)
    }

    pub fn text<'a>(v: &'a Value, at: &At<'_>) -> R<Text<'a>> {
        match v {
            Value::String(s) => Ok(Text::Known(s)),
            Value::Deferred(d) => Ok(Text::Deferred(d)),
            other => Err(at.error("a string", other)),
        }
    }

    pub fn number(v: &Value, at: &At<'_>) -> R<f64> {
        match v {
            Value::Number(n) => Ok(*n),
            other => Err(at.error("a number", other)),
        }
    }

    pub fn integer(v: &Value, at: &At<'_>) -> R<i64> {
        match v {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Ok(*n as i64),
            other => Err(at.error("a whole number", other)),
        }
    }

    pub fn boolean(v: &Value, at: &At<'_>) -> R<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            other => Err(at.error("a bool", other)),
        }
    }

    pub fn size(v: &Value, at: &At<'_>) -> R<Size> {
        match v {
            Value::Size(s) => Ok(*s),
            other => Err(at.error("a size", other)),
        }
    }

    pub fn cpu(v: &Value, at: &At<'_>) -> R<Cpu> {
        match v {
            Value::Cpu(c) => Ok(*c),
            other => Err(at.error("a cpu amount", other)),
        }
    }

    pub fn duration(v: &Value, at: &At<'_>) -> R<Duration> {
        match v {
            Value::Duration(d) => Ok(*d),
            other => Err(at.error("a duration", other)),
        }
    }

    pub fn cidr(v: &Value, at: &At<'_>) -> R<Cidr> {
        match v {
            Value::Cidr(c) => Ok(*c),
            other => Err(at.error("a CIDR block", other)),
        }
    }

    pub fn port(v: &Value, at: &At<'_>) -> R<Port> {
        match v {
            Value::Port(p) => Ok(*p),
            other => Err(at.error("a port", other)),
        }
    }

    pub fn image<'a>(v: &'a Value, at: &At<'_>) -> R<&'a ImageRef> {
        match v {
            Value::Image(i) => Ok(i),
            other => Err(at.error("an image reference", other)),
        }
    }

    pub fn instance(v: &Value, at: &At<'_>) -> R<&'static InstanceType> {
        match v {
            Value::Instance(i) => Ok(i),
            other => Err(at.error("an instance type", other)),
        }
    }

    pub fn any<'a>(v: &'a Value, _at: &At<'_>) -> R<&'a Value> {
        Ok(v)
    }

    pub fn reference<'a, K>(v: &'a Value, at: &At<'_>) -> R<Ref<'a, K>> {
        match v {
            Value::Ref(address) => Ok(Ref { address, kind: PhantomData }),
            other => Err(at.error("a resource reference", other)),
        }
    }

    pub fn enumeration<E>(v: &Value, at: &At<'_>, parse: fn(&str) -> Option<E>) -> R<E> {
        match v {
            Value::String(s) => parse(s).ok_or_else(|| at.error("one of the declared values", v)),
            other => Err(at.error("one of the declared values", other)),
        }
    }

    pub fn optional<'a, T>(v: &'a Value, at: &At<'_>, f: impl Fn(&'a Value, &At<'_>) -> R<T>) -> R<Option<T>> {
        match v {
            Value::Null => Ok(None),
            v => f(v, at).map(Some),
        }
    }

    pub fn list<'a, T>(v: &'a Value, at: &At<'_>, f: impl Fn(&'a Value, &At<'_>) -> R<T>) -> R<Vec<T>> {
        match v {
            Value::List(items) => items.iter().map(|i| f(i, at)).collect(),
            other => Err(at.error("a list", other)),
        }
    }

    pub fn map<'a, T>(v: &'a Value, at: &At<'_>, f: impl Fn(&'a Value, &At<'_>) -> R<T>) -> R<Vec<(&'a str, T)>> {
        match v {
            Value::Map(m) => m.iter().map(|(k, v)| Ok((k.as_str(), f(v, at)?))).collect(),
            other => Err(at.error("a map", other)),
        }
    }

    pub fn object<'a, T>(v: &'a Value, at: &At<'_>, f: impl Fn(&'a crate::value::Map, &At<'_>) -> R<T>) -> R<T> {
        match v {
            Value::Map(m) => f(m, at),
            other => Err(at.error("an object", other)),
        }
    }
}

/// The profile fields emitters read for what belongs to no kind (the environment's log bucket and log
/// groups). Profile fields are constants written as text; they are parsed here.
#[derive(Debug, Clone)]
pub struct Profile {
    pub deletion_protection: bool,
    pub log_retention: Duration,
}

impl Profile {
    pub fn view(env: &EnvGraph) -> Result<Profile, ViewError> {
        let field = |name: &'static str| env.profile_fields.get(name).unwrap_or(&Value::Null);
        let error = |name: &'static str, expected: &'static str| ViewError {
            address: format!("profile {}", env.profile),
            path: name.to_owned(),
            expected,
            found: field(name).type_name(),
        };
        let deletion_protection =
            field("deletion_protection").as_bool().ok_or_else(|| error("deletion_protection", "a bool"))?;
        let log_retention = match field("log_retention") {
            Value::Duration(d) => *d,
            Value::String(s) => Duration::parse(s).map_err(|_| error("log_retention", "a duration"))?,
            _ => return Err(error("log_retention", "a duration")),
        };
        Ok(Profile { deletion_protection, log_retention })
    }
}

/// What the lowering decides from a network's settings, in one place: the Terraform lowering writes
/// these and the cost model prices them.
impl network::Network<'_> {
    /// How many NAT gateways the network gets: one per zone, one, or none.
    pub fn nat_gateways(&self) -> u64 {
        match self.nat {
            network::Nat::PerZone => u64::try_from(self.zones).unwrap_or(0),
            network::Nat::Single => 1,
            network::Nat::None => 0,
        }
    }

    /// The interface VPC endpoints (priced per zone), as (Terraform key, service) pairs: ECR needs
    /// its API and its Docker registry endpoint. S3 and DynamoDB are gateway endpoints.
    pub fn interface_endpoints(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        for e in &self.endpoints {
            match e {
                network::Endpoint::S3 | network::Endpoint::Dynamodb => {}
                network::Endpoint::Ecr => out.extend([("ecr_api", "ecr.api"), ("ecr_dkr", "ecr.dkr")]),
                other => out.push((other.as_str(), other.as_str())),
            }
        }
        out
    }
}
