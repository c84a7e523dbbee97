//! Static types of the stack language and how type expressions (`list(string)`, `ref(network)`,
//! `object({ min = number })`) are read from syntax.

use std::collections::BTreeMap;
use std::fmt;

use stackc_syntax::ast::{Expr, ExprKind};
use stackc_syntax::{Code, Diagnostic};

use crate::domain::InstanceService;

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Any,
    String,
    Number,
    /// A whole number.
    Integer,
    Bool,
    Size,
    Cpu,
    Duration,
    Cidr,
    Port,
    Image,
    InstanceType(InstanceService),
    Enum(Vec<String>),
    List(Box<Ty>),
    Map(Box<Ty>),
    Object(BTreeMap<String, Field>),
    /// A reference to a resource of the named kind.
    Ref(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub ty: Ty,
    pub optional: bool,
}

impl Ty {
    /// Whether a value of this type may be deferred (only known after apply). Only strings may: a
    /// deferred value cannot decide a number, a size or a reference at compile time.
    pub fn accepts_deferred(&self) -> bool {
        matches!(self, Ty::Any | Ty::String)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Any => f.write_str("any"),
            Ty::String => f.write_str("string"),
            Ty::Number => f.write_str("number"),
            Ty::Integer => f.write_str("integer"),
            Ty::Bool => f.write_str("bool"),
            Ty::Size => f.write_str("size"),
            Ty::Cpu => f.write_str("cpu"),
            Ty::Duration => f.write_str("duration"),
            Ty::Cidr => f.write_str("cidr"),
            Ty::Port => f.write_str("port"),
            Ty::Image => f.write_str("image"),
            Ty::InstanceType(s) => write!(f, "instance_type(\"{}\")", s.as_str()),
            Ty::Enum(vs) => {
                f.write_str("enum(")?;
                for (i, v) in vs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "\"{v}\"")?;
                }
                f.write_str(")")
            }
            Ty::List(t) => write!(f, "list({t})"),
            Ty::Map(t) => write!(f, "map({t})"),
            Ty::Object(fields) => {
                f.write_str("object({ ")?;
                for (i, (k, field)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    if field.optional {
                        write!(f, "{k} = optional({})", field.ty)?;
                    } else {
                        write!(f, "{k} = {}", field.ty)?;
                    }
                }
                f.write_str(" })")
            }
            Ty::Ref(kind) => write!(f, "ref({kind})"),
        }
    }
}

/// Reads a type expression. `known_kind` says whether a name is a kind (for `ref(kind)`).
pub fn parse_type(expr: &Expr, known_kind: &dyn Fn(&str) -> bool) -> Result<Ty, Diagnostic> {
    let bad = |what: String| {
        Diagnostic::error(Code::E0602, "invalid type expression").primary(expr.span, what).help(
            "types are `string`, `number`, `integer`, `bool`, `size`, `cpu`, `duration`, `cidr`, `port`, `image`, `any`, \
             `instance_type(\"ec2\")`, `enum(\"a\", \"b\")`, `list(T)`, `map(T)`, `object({ k = T })`, `ref(kind)`",
        )
    };
    match &expr.kind {
        ExprKind::Variable(id) => Ok(match id.name.as_str() {
            "any" => Ty::Any,
            "string" => Ty::String,
            "number" => Ty::Number,
            "integer" => Ty::Integer,
            "bool" => Ty::Bool,
            "size" => Ty::Size,
            "cpu" => Ty::Cpu,
            "duration" => Ty::Duration,
            "cidr" => Ty::Cidr,
            "port" => Ty::Port,
            "image" => Ty::Image,
            other => return Err(bad(format!("`{other}` is not a type"))),
        }),
        ExprKind::Call { name, args, .. } => {
            let one = || match args.as_slice() {
                [a] => Ok(a),
                _ => Err(bad(format!("`{}` takes exactly one argument", name.name))),
            };
            match name.name.as_str() {
                "list" => Ok(Ty::List(Box::new(parse_type(one()?, known_kind)?))),
                "map" => Ok(Ty::Map(Box::new(parse_type(one()?, known_kind)?))),
                "ref" => {
                    let arg = one()?;
                    match &arg.kind {
                        ExprKind::Variable(k) if known_kind(&k.name) => Ok(Ty::Ref(k.name.clone())),
                        ExprKind::Variable(k) => Err(bad(format!("`{}` is not a kind", k.name))),
                        _ => Err(bad("`ref` takes a kind name, like `ref(network)`".into())),
                    }
                }
                "instance_type" => {
                    let arg = one()?;
                    arg.as_str()
                        .and_then(InstanceService::parse)
                        .map(Ty::InstanceType)
                        .ok_or_else(|| bad("`instance_type` takes \"ec2\", \"rds\" or \"elasticache\"".into()))
                }
                "enum" => {
                    let mut values = Vec::new();
                    for a in args {
                        match a.as_str() {
                            Some(s) => values.push(s.to_owned()),
                            None => return Err(bad("`enum` takes string literals".into())),
                        }
                    }
                    if values.is_empty() {
                        return Err(bad("`enum` needs at least one value".into()));
                    }
                    Ok(Ty::Enum(values))
                }
                "object" => {
                    let arg = one()?;
                    let ExprKind::Object(fields) = &arg.kind else {
                        return Err(bad("`object` takes `{ name = type, … }`".into()));
                    };
                    let mut out = BTreeMap::new();
                    for (key, value) in fields {
                        let (ty, optional) = match &value.kind {
                            ExprKind::Call { name, args, .. } if name.name == "optional" && args.len() == 1 => {
                                (parse_type(&args[0], known_kind)?, true)
                            }
                            _ => (parse_type(value, known_kind)?, false),
                        };
                        out.insert(key.name.clone(), Field { ty, optional });
                    }
                    Ok(Ty::Object(out))
                }
                other => Err(bad(format!("`{other}(…)` is not a type constructor"))),
            }
        }
        _ => Err(bad("expected a type".into())),
    }
}
