//! Prints the model exactly as `terraform fmt` does. Blocks, bodies and objects are laid out here;
//! every other expression is printed by hcl-rs (string escaping, templates, function calls, compact
//! arrays). Alignment is decided from the model: a run of consecutive attributes (or object entries)
//! whose values fit on one line shares one `=` column, as hclwrite's formatter does; a value that
//! spans lines, a nested block or a comment ends the run. Blank lines separate a nested block from
//! what is around it.

use std::borrow::Cow;

use hcl::expr::Expression;
use hcl::format::{Format, Formatter};

use super::{Blk, Item};

const INDENT: &str = "  ";

/// A whole file: the header comment, then every block separated by one blank line.
pub(super) fn file(header: &[String], blocks: &[&Blk]) -> String {
    let mut p = Printer {
        out: String::with_capacity(16 * 1024),
        fmt: Formatter::builder().compact_arrays(true).prefer_ident_keys(true).build_vec(),
    };
    for line in header {
        p.out.push_str("# ");
        p.out.push_str(line);
        p.out.push('\n');
    }
    for block in blocks {
        p.out.push('\n');
        p.block(block, 0);
    }
    p.out
}

struct Printer {
    out: String,
    fmt: Formatter<'static, Vec<u8>>,
}

/// A value, printed: on one line, or an object laid out over several.
enum Printed<'e> {
    Line(String),
    Object(Vec<(Cow<'e, str>, &'e Expression)>),
}

impl Printer {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    fn block(&mut self, block: &Blk, depth: usize) {
        self.indent(depth);
        self.out.push_str(block.ident);
        for label in &block.labels {
            self.out.push(' ');
            let label = self.leaf(&Expression::String(label.clone()));
            self.out.push_str(&label);
        }
        if block.body.is_empty() && block.comments.is_empty() {
            self.out.push_str(" {}\n");
            return;
        }
        self.out.push_str(" {\n");
        for comment in &block.comments {
            self.indent(depth + 1);
            self.out.push_str("# ");
            self.out.push_str(comment);
            self.out.push('\n');
        }
        // Like hclwrite: a blank line between an attribute and a block that follows it, and after
        // every nested block that something follows.
        let mut run: Vec<(&str, &Expression)> = Vec::new();
        let mut after_block = false;
        for item in &block.body {
            match item {
                Item::Attr(key, value) => {
                    if after_block {
                        self.out.push('\n');
                        after_block = false;
                    }
                    run.push((key, value));
                }
                Item::Block(inner) => {
                    if !run.is_empty() {
                        self.entries(&run, depth + 1);
                        run.clear();
                        self.out.push('\n');
                    } else if after_block {
                        self.out.push('\n');
                    }
                    self.block(inner, depth + 1);
                    after_block = true;
                }
            }
        }
        self.entries(&run, depth + 1);
        self.indent(depth);
        self.out.push_str("}\n");
    }

    /// Attributes or object entries in order, aligning each run of one-line values.
    fn entries(&mut self, entries: &[(&str, &Expression)], depth: usize) {
        let printed: Vec<(Cow<'_, str>, Printed<'_>)> =
            entries.iter().map(|(k, v)| (self.key(k), self.value(v))).collect();
        let mut i = 0;
        while i < printed.len() {
            if let Printed::Object(fields) = &printed[i].1 {
                let fields: Vec<(&str, &Expression)> = fields.iter().map(|(k, v)| (k.as_ref(), *v)).collect();
                self.indent(depth);
                self.out.push_str(&printed[i].0);
                self.out.push_str(" = {\n");
                self.entries(&fields, depth + 1);
                self.indent(depth);
                self.out.push_str("}\n");
                i += 1;
                continue;
            }
            let start = i;
            while i < printed.len() && matches!(printed[i].1, Printed::Line(_)) {
                i += 1;
            }
            let width = printed[start..i].iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (key, value) in &printed[start..i] {
                let Printed::Line(value) = value else { continue };
                self.indent(depth);
                self.out.push_str(key);
                for _ in key.len()..=width {
                    self.out.push(' ');
                }
                self.out.push_str("= ");
                self.out.push_str(value);
                self.out.push('\n');
            }
        }
    }

    /// An object key as `terraform fmt` keeps it: bare when it is an identifier, else quoted.
    fn key<'k>(&mut self, key: &'k str) -> Cow<'k, str> {
        if hcl::Identifier::new(key).is_ok() {
            Cow::Borrowed(key)
        } else {
            Cow::Owned(self.leaf(&Expression::String(key.to_owned())))
        }
    }

    fn value<'e>(&mut self, value: &'e Expression) -> Printed<'e> {
        match value {
            // The entries of an object are laid out like attributes; keys as written (unquoted).
            Expression::Object(o) if !o.is_empty() => Printed::Object(
                o.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            hcl::ObjectKey::Identifier(id) => Cow::Borrowed(id.as_str()),
                            hcl::ObjectKey::Expression(Expression::String(s)) => Cow::Borrowed(s.as_str()),
                            other => Cow::Owned(other.to_string()),
                        };
                        (key, v)
                    })
                    .collect(),
            ),
            other => Printed::Line(self.leaf(other)),
        }
    }

    fn leaf(&mut self, expr: &Expression) -> String {
        match expr {
            // Most leaves are strings hcl-rs would write unchanged between quotes: no quote,
            // backslash or control character to escape, no `$`/`%` that could start a marker.
            Expression::String(s) if s.bytes().all(|b| b >= 0x20 && !matches!(b, b'"' | b'\\' | b'$' | b'%')) => {
                let mut out = String::with_capacity(s.len() + 2);
                out.push('"');
                out.push_str(s);
                out.push('"');
                out
            }
            Expression::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
            _ => expr.format_string(&mut self.fmt).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct path for plain strings and booleans prints what hcl-rs prints.
    #[test]
    fn leaves_print_as_hcl_rs_prints_them() {
        let mut p = Printer { out: String::new(), fmt: Formatter::builder().compact_arrays(true).build_vec() };
        let strings = [
            "",
            "main",
            "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
            "10.0.0.0/16",
            "a b",
            "ü and 日本",
            "say \"hi\"",
            "back\\slash",
            "line\nbreak",
            "tab\t",
            "\u{7f}",
            "$",
            "%",
            "${var.x}",
            "%{if}",
            "$${x}",
            "100%",
            "cost: $5",
            "a\u{1}b",
        ];
        for s in strings {
            let e = Expression::String(s.to_owned());
            assert_eq!(p.leaf(&e), e.format_string(&mut p.fmt).unwrap(), "string {s:?}");
        }
        for b in [true, false] {
            let e = Expression::Bool(b);
            assert_eq!(p.leaf(&e), e.format_string(&mut p.fmt).unwrap());
        }
    }
}
