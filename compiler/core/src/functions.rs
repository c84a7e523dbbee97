//! The built-in functions. The set is fixed and documented (`FUNCTIONS` feeds the language
//! reference); each checks its arguments and reports a diagnostic at the offending argument.

use std::borrow::Cow;

use stackc_syntax::{Code, Diagnostic, Span};

use crate::domain::Cidr;
use crate::eval::{Evaluator, R};
use crate::value::{format_number, Value};

/// Name, signature and one-line description of every function, for docs and suggestions.
pub const FUNCTIONS: &[(&str, &str, &str)] = &[
    ("abs", "abs(number) → number", "absolute value"),
    ("ceil", "ceil(number) → number", "smallest whole number ≥ the argument"),
    ("floor", "floor(number) → number", "largest whole number ≤ the argument"),
    ("min", "min(number, …) → number", "the smallest argument"),
    ("max", "max(number, …) → number", "the largest argument"),
    ("lower", "lower(string) → string", "lowercase"),
    ("upper", "upper(string) → string", "uppercase"),
    ("trimspace", "trimspace(string) → string", "removes leading and trailing white space"),
    ("replace", "replace(string, search, replacement) → string", "replaces every occurrence of `search`"),
    ("startswith", "startswith(string, prefix) → bool", "whether the string starts with the prefix"),
    ("endswith", "endswith(string, suffix) → bool", "whether the string ends with the suffix"),
    ("join", "join(separator, list(string)) → string", "joins strings with a separator"),
    ("split", "split(separator, string) → list(string)", "splits a string at every separator"),
    ("format", "format(spec, value, …) → string", "`%s` and `%d` substitution; `%%` is a percent sign"),
    ("length", "length(list | map | string) → number", "number of elements or characters"),
    ("concat", "concat(list, …) → list", "joins lists"),
    ("contains", "contains(list, value) → bool", "whether the list contains the value"),
    ("distinct", "distinct(list) → list", "the list without repeated elements, first occurrence kept"),
    ("flatten", "flatten(list(list)) → list", "one level of nested lists joined"),
    ("sort", "sort(list(string)) → list(string)", "sorted lexically"),
    (
        "range",
        "range(end) | range(start, end) → list(number)",
        "whole numbers from start (default 0) up to end, exclusive",
    ),
    ("element", "element(list, index) → any", "the element at index, wrapping around"),
    ("keys", "keys(map) → list(string)", "the map's keys, sorted"),
    ("values", "values(map) → list", "the map's values, in key order"),
    ("merge", "merge(map, …) → map", "maps merged; later keys win"),
    ("lookup", "lookup(map, key, default) → any", "the value at key, or the default"),
    ("coalesce", "coalesce(value, …) → any", "the first argument that is not null or \"\""),
    ("alltrue", "alltrue(list(bool)) → bool", "whether every element is true (true for an empty list)"),
    ("anytrue", "anytrue(list(bool)) → bool", "whether any element is true (false for an empty list)"),
    ("bytes", "bytes(size) → number", "a size in bytes: `bytes(self.storage) >= 1.1 * bytes(\"20Gi\")`"),
    ("seconds", "seconds(duration) → number", "a duration in seconds"),
    ("tostring", "tostring(value) → string", "a string, number or bool as a string"),
    ("tonumber", "tonumber(value) → number", "a number, or a string holding one, as a number"),
    ("cidrsubnet", "cidrsubnet(cidr, newbits, netnum) → string", "a subnet of a CIDR block, as Terraform computes it"),
    ("only", "only(kind) → ref(kind)", "the stack's single resource of a kind (for kind defaults)"),
];

fn wrong(span: Span, name: &str, msg: impl Into<String>) -> Diagnostic {
    let sig = FUNCTIONS.iter().find(|f| f.0 == name).map_or("", |f| f.1);
    Diagnostic::error(Code::E0411, format!("wrong arguments to `{name}`")).primary(span, msg).help(format!("`{sig}`"))
}

/// Calls the built-in `f` (a name from [`FUNCTIONS`]: the resolver checked it) on evaluated arguments.
pub(crate) fn call(ev: &mut Evaluator<'_>, f: &str, args: &[(Value, Span)], span: Span) -> R<Value> {
    for (v, s) in args {
        if let Value::Deferred(d) = v {
            if f != "tostring" {
                return Err(ev.report(crate::eval::deferred_error(*s, d, &format!("as an argument of `{f}`"))));
            }
        }
    }
    let arity = |ev: &mut Evaluator<'_>, min: usize, max: usize| -> R<()> {
        if args.len() < min || args.len() > max {
            let expected = if min == max {
                format!("{min}")
            } else if max == usize::MAX {
                format!("at least {min}")
            } else {
                format!("{min} to {max}")
            };
            return Err(ev.report(wrong(span, f, format!("expected {expected} argument(s), found {}", args.len()))));
        }
        Ok(())
    };
    let num = |ev: &mut Evaluator<'_>, i: usize| -> R<f64> {
        let (v, s) = &args[i];
        v.as_number().ok_or_else(|| ev.report(wrong(*s, f, format!("expected a number, found {}", v.type_name()))))
    };
    // Arguments are read in place: a function copies only what its result holds.
    let text = |ev: &mut Evaluator<'_>, i: usize| -> R<Cow<'_, str>> {
        let (v, s) = &args[i];
        match v {
            Value::String(s) => Ok(Cow::Borrowed(s)),
            Value::Number(n) => Ok(Cow::Owned(format_number(*n))),
            other => Err(ev.report(wrong(*s, f, format!("expected a string, found {}", other.type_name())))),
        }
    };
    let list = |ev: &mut Evaluator<'_>, i: usize| -> R<&[Value]> {
        let (v, s) = &args[i];
        match v {
            Value::List(l) => Ok(l),
            other => Err(ev.report(wrong(*s, f, format!("expected a list, found {}", other.type_name())))),
        }
    };
    let map = |ev: &mut Evaluator<'_>, i: usize| -> R<&crate::value::Map> {
        let (v, s) = &args[i];
        match v {
            Value::Map(m) => Ok(m),
            other => Err(ev.report(wrong(*s, f, format!("expected a map, found {}", other.type_name())))),
        }
    };
    Ok(match f {
        "abs" | "ceil" | "floor" => {
            arity(ev, 1, 1)?;
            let n = num(ev, 0)?;
            Value::Number(match f {
                "abs" => n.abs(),
                "ceil" => n.ceil(),
                _ => n.floor(),
            })
        }
        "min" | "max" => {
            arity(ev, 1, usize::MAX)?;
            let mut acc = num(ev, 0)?;
            for i in 1..args.len() {
                let n = num(ev, i)?;
                acc = if f == "min" { acc.min(n) } else { acc.max(n) };
            }
            Value::Number(acc)
        }
        "lower" | "upper" | "trimspace" => {
            arity(ev, 1, 1)?;
            let s = text(ev, 0)?;
            Value::String(match f {
                "lower" => s.to_lowercase(),
                "upper" => s.to_uppercase(),
                _ => s.trim().to_owned(),
            })
        }
        "replace" => {
            arity(ev, 3, 3)?;
            let (s, a, b) = (text(ev, 0)?, text(ev, 1)?, text(ev, 2)?);
            if a.is_empty() {
                return Err(ev.report(wrong(args[1].1, f, "the search string is empty")));
            }
            Value::String(s.replace(&*a, &b))
        }
        "startswith" | "endswith" => {
            arity(ev, 2, 2)?;
            let (s, p) = (text(ev, 0)?, text(ev, 1)?);
            Value::Bool(if f == "startswith" { s.starts_with(&*p) } else { s.ends_with(&*p) })
        }
        "join" => {
            arity(ev, 2, 2)?;
            let sep = text(ev, 0)?;
            let items = list(ev, 1)?;
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => parts.push(s.clone()),
                    Value::Number(n) => parts.push(format_number(*n)),
                    other => {
                        return Err(ev.report(wrong(
                            args[1].1,
                            f,
                            format!("the list holds {}, not strings", other.type_name()),
                        )))
                    }
                }
            }
            Value::String(parts.join(&sep))
        }
        "split" => {
            arity(ev, 2, 2)?;
            let (sep, s) = (text(ev, 0)?, text(ev, 1)?);
            if sep.is_empty() {
                return Err(ev.report(wrong(args[0].1, f, "the separator is empty")));
            }
            Value::List(s.split(&*sep).map(|p| Value::String(p.to_owned())).collect())
        }
        "format" => {
            arity(ev, 1, usize::MAX)?;
            let spec = text(ev, 0)?;
            let mut out = String::new();
            let mut next = 1;
            let mut chars = spec.chars();
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('%') => out.push('%'),
                    Some(verb @ ('s' | 'd')) => {
                        if next >= args.len() {
                            return Err(ev.report(wrong(span, f, "more verbs than values")));
                        }
                        if verb == 'd' {
                            let n = num(ev, next)?;
                            out.push_str(&format_number(n.trunc()));
                        } else {
                            out.push_str(&text(ev, next)?);
                        }
                        next += 1;
                    }
                    _ => return Err(ev.report(wrong(args[0].1, f, "only `%s`, `%d` and `%%` are supported"))),
                }
            }
            if next != args.len() {
                return Err(ev.report(wrong(span, f, "more values than verbs")));
            }
            Value::String(out)
        }
        "length" => {
            arity(ev, 1, 1)?;
            let (v, s) = &args[0];
            Value::Number(match v {
                Value::List(l) => l.len(),
                Value::Map(m) => m.len(),
                Value::String(s) => s.chars().count(),
                other => {
                    return Err(ev.report(wrong(
                        *s,
                        f,
                        format!("expected a list, map or string, found {}", other.type_name()),
                    )))
                }
            } as f64)
        }
        "concat" => {
            arity(ev, 1, usize::MAX)?;
            let mut out = Vec::new();
            for i in 0..args.len() {
                out.extend(list(ev, i)?.iter().cloned());
            }
            Value::List(out)
        }
        "contains" => {
            arity(ev, 2, 2)?;
            let l = list(ev, 0)?;
            Value::Bool(l.iter().any(|v| crate::eval::values_equal(v, &args[1].0)))
        }
        "distinct" => {
            arity(ev, 1, 1)?;
            let mut out: Vec<Value> = Vec::new();
            for v in list(ev, 0)? {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
            Value::List(out)
        }
        "flatten" => {
            arity(ev, 1, 1)?;
            let mut out = Vec::new();
            for v in list(ev, 0)? {
                match v {
                    Value::List(inner) => out.extend(inner.iter().cloned()),
                    other => out.push(other.clone()),
                }
            }
            Value::List(out)
        }
        "sort" => {
            arity(ev, 1, 1)?;
            let mut items = Vec::new();
            for v in list(ev, 0)? {
                match v {
                    Value::String(s) => items.push(s.clone()),
                    other => {
                        return Err(ev.report(wrong(
                            args[0].1,
                            f,
                            format!("the list holds {}, not strings", other.type_name()),
                        )))
                    }
                }
            }
            items.sort();
            Value::List(items.into_iter().map(Value::String).collect())
        }
        "range" => {
            arity(ev, 1, 2)?;
            let (start, end) = if args.len() == 1 { (0.0, num(ev, 0)?) } else { (num(ev, 0)?, num(ev, 1)?) };
            if start.fract() != 0.0 || end.fract() != 0.0 || end - start > 10_000.0 {
                return Err(ev.report(wrong(span, f, "bounds must be whole numbers at most 10000 apart")));
            }
            let (s, e) = (start as i64, end as i64);
            Value::List((s..e.max(s)).map(|n| Value::Number(n as f64)).collect())
        }
        "element" => {
            arity(ev, 2, 2)?;
            let l = list(ev, 0)?;
            let i = num(ev, 1)?;
            if l.is_empty() || i < 0.0 || i.fract() != 0.0 {
                return Err(ev.report(wrong(span, f, "needs a non-empty list and a whole, non-negative index")));
            }
            l[(i as usize) % l.len()].clone()
        }
        "keys" => {
            arity(ev, 1, 1)?;
            Value::List(map(ev, 0)?.iter().map(|(k, _)| Value::String(k.clone())).collect())
        }
        "values" => {
            arity(ev, 1, 1)?;
            Value::List(map(ev, 0)?.values().cloned().collect())
        }
        "merge" => {
            arity(ev, 1, usize::MAX)?;
            let mut out = crate::value::Map::new();
            for i in 0..args.len() {
                out.extend(map(ev, i)?.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            Value::Map(out)
        }
        "lookup" => {
            arity(ev, 3, 3)?;
            let m = map(ev, 0)?;
            let k = text(ev, 1)?;
            m.get(&*k).cloned().unwrap_or_else(|| args[2].0.clone())
        }
        "alltrue" | "anytrue" => {
            arity(ev, 1, 1)?;
            let items = list(ev, 0)?;
            let mut bools = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Bool(b) => bools.push(*b),
                    other => {
                        return Err(ev.report(wrong(
                            args[0].1,
                            f,
                            format!("expected a list of bools, found {}", other.type_name()),
                        )))
                    }
                }
            }
            Value::Bool(if f == "alltrue" { bools.iter().all(|b| *b) } else { bools.iter().any(|b| *b) })
        }
        "bytes" => {
            arity(ev, 1, 1)?;
            match &args[0].0 {
                Value::Size(s) => Value::Number(s.bytes() as f64),
                Value::String(t) => match crate::domain::Size::parse(t) {
                    Ok(s) => Value::Number(s.bytes() as f64),
                    Err(e) => return Err(ev.report(wrong(args[0].1, f, e.message))),
                },
                other => {
                    return Err(ev.report(wrong(args[0].1, f, format!("expected a size, found {}", other.type_name()))))
                }
            }
        }
        "seconds" => {
            arity(ev, 1, 1)?;
            match &args[0].0 {
                Value::Duration(d) => Value::Number(d.seconds() as f64),
                Value::String(t) => match crate::domain::Duration::parse(t) {
                    Ok(d) => Value::Number(d.seconds() as f64),
                    Err(e) => return Err(ev.report(wrong(args[0].1, f, e.message))),
                },
                other => {
                    return Err(ev.report(wrong(
                        args[0].1,
                        f,
                        format!("expected a duration, found {}", other.type_name()),
                    )))
                }
            }
        }
        "coalesce" => {
            arity(ev, 1, usize::MAX)?;
            args.iter().map(|(v, _)| v).find(|v| !v.is_null() && v.as_str() != Some("")).cloned().unwrap_or(Value::Null)
        }
        "tostring" => {
            arity(ev, 1, 1)?;
            match &args[0].0 {
                Value::Deferred(_) => args[0].0.clone(),
                Value::Bool(b) => Value::String(b.to_string()),
                _ => Value::String(text(ev, 0)?.into_owned()),
            }
        }
        "tonumber" => {
            arity(ev, 1, 1)?;
            match &args[0].0 {
                Value::Number(n) => Value::Number(*n),
                Value::String(s) => match s.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() => Value::Number(n),
                    _ => return Err(ev.report(wrong(args[0].1, f, format!("\"{s}\" is not a number")))),
                },
                other => {
                    return Err(ev.report(wrong(
                        args[0].1,
                        f,
                        format!("expected a string or number, found {}", other.type_name()),
                    )))
                }
            }
        }
        "cidrsubnet" => {
            arity(ev, 3, 3)?;
            let cidr = match &args[0].0 {
                Value::Cidr(c) => *c,
                Value::String(s) => Cidr::parse(s).map_err(|e| {
                    ev.report(
                        Diagnostic::error(Code::E0405, "invalid CIDR block")
                            .primary(args[0].1, e.message)
                            .maybe_help(e.help),
                    )
                })?,
                other => {
                    return Err(ev.report(wrong(
                        args[0].1,
                        f,
                        format!("expected a CIDR block, found {}", other.type_name()),
                    )))
                }
            };
            let (newbits, netnum) = (num(ev, 1)?, num(ev, 2)?);
            if !(0.0..=32.0).contains(&newbits)
                || netnum < 0.0
                || newbits.fract() != 0.0
                || netnum.fract() != 0.0
                || netnum > f64::from(u32::MAX)
            {
                return Err(ev.report(wrong(span, f, "newbits and netnum must be small whole numbers")));
            }
            let sub = cidr.subnet(newbits as u8, netnum as u32).map_err(|e| {
                ev.report(
                    Diagnostic::error(Code::E0405, "invalid CIDR block").primary(span, e.message).maybe_help(e.help),
                )
            })?;
            Value::String(sub.to_string())
        }
        _ => {
            return Err(ev.report(
                Diagnostic::error(Code::E0901, format!("internal compiler error: no implementation of `{f}`"))
                    .primary(span, "this call"),
            ))
        }
    })
}
