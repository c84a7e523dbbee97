//! Terraform files as hcl-rs values, printed exactly as `terraform fmt` prints them.
//!
//! Lowering builds `hcl::Block`s; hcl-rs serializes them (string escaping, template markers,
//! indentation). hcl-rs does not align `=` signs and has no comments, so [`render`] adds the two
//! things `terraform fmt` does beyond that: the alignment pass of hclwrite's formatter (consecutive
//! one-line attributes share an `=` column) and `checkov:skip` comments at the top of a block.

use hcl::expr::{Expression, FuncCall, TemplateExpr, Traversal, Variable};
use hcl::format::{Format, Formatter};
use hcl::{Block, Identifier};

/// One top-level block of a `.tf` file, with the comment lines printed first inside it.
#[derive(Debug, Clone)]
pub struct TopBlock {
    pub block: Block,
    pub comments: Vec<String>,
}

impl From<Block> for TopBlock {
    fn from(block: Block) -> TopBlock {
        TopBlock { block, comments: Vec::new() }
    }
}

/// Prints a whole file: the header comment, then every block separated by one blank line.
pub fn render(header: &[String], blocks: &[TopBlock]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    let mut fmt = Formatter::builder().indent(b"  ").prefer_ident_keys(true).compact_arrays(true).build_vec();
    for top in blocks {
        out.push('\n');
        let text = top.block.format_string(&mut fmt).expect("hcl-rs formats a block it built");
        let mut lines = text.trim_start_matches('\n').lines();
        if let Some(first) = lines.next() {
            out.push_str(first);
            out.push('\n');
        }
        for comment in &top.comments {
            out.push_str("  # ");
            out.push_str(comment);
            out.push('\n');
        }
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    align(&out)
}

/// hclwrite's `formatCells`: a line "has an assignment" when its first `=` is followed by a
/// complete expression (no bracket left open on the line); runs of such lines pad their keys to
/// one column. Any other line (blank, comment, block header, multi-line value) ends a run.
pub fn align(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let cells: Vec<Option<usize>> = lines.iter().map(|l| assignment(l)).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < lines.len() {
        if cells[i].is_none() {
            out.push_str(&empty_block(lines[i].trim_end()));
            out.push('\n');
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && cells[i].is_some() {
            i += 1;
        }
        let width = (start..i).map(|j| lines[j][..cells[j].unwrap_or(0)].trim_end().len()).max().unwrap_or(0);
        for j in start..i {
            let eq = cells[j].unwrap_or(0);
            let key = lines[j][..eq].trim_end();
            out.push_str(key);
            out.extend(std::iter::repeat_n(' ', width - key.len() + 1));
            out.push_str("= ");
            out.push_str(lines[j][eq + 1..].trim());
            out.push('\n');
        }
    }
    out
}

/// hcl-rs prints an empty block as `name {    }`; terraform fmt wants `name {}`.
fn empty_block(line: &str) -> std::borrow::Cow<'_, str> {
    if let Some(open) = line.strip_suffix('}').map(str::trim_end).and_then(|l| l.strip_suffix('{')) {
        if !open.contains('"') || open.trim_start().starts_with(|c: char| c.is_ascii_alphabetic()) {
            return format!("{}{{}}", open).into();
        }
    }
    line.into()
}

/// The byte offset of the line's assignment `=`, when the rest of the line is a whole expression.
fn assignment(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut eq = None;
    let mut depth = 0i32;
    let mut seen_token = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = skip_string(bytes, i);
                seen_token = true;
                continue;
            }
            b'#' if eq.is_none() => return None,
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' => depth -= 1,
            b'=' if eq.is_none() => {
                let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next == b'=' || next == b'>' || matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    i += 2;
                    continue;
                }
                if !seen_token {
                    return None;
                }
                eq = Some(i);
                depth = 0;
            }
            b' ' | b'\t' => {}
            _ => seen_token = true,
        }
        if !matches!(bytes[i], b' ' | b'\t') {
            seen_token = true;
        }
        i += 1;
    }
    eq.filter(|_| depth == 0)
}

/// Skips a quoted string (with escapes and `${ … }` interpolations that may hold strings),
/// returning the index after its closing quote.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut interp = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') && bytes.get(i.wrapping_sub(1)) != Some(&bytes[i]) => {
                interp += 1;
                i += 1;
            }
            b'}' if interp > 0 => interp -= 1,
            b'"' if interp > 0 => i = skip_string(bytes, i) - 1,
            b'"' => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// An expression written in Terraform syntax by the emitter itself (references, function calls
/// over generated names). User-provided text never goes through here: see [`string`] and [`template`].
pub fn expr(source: &str) -> Expression {
    let parsed = hcl::edit::parser::parse_expr(source)
        .unwrap_or_else(|err| panic!("the emitter wrote invalid Terraform `{source}`: {err}"));
    Expression::from(parsed)
}

/// A traversal `root.a.b` from generated identifiers.
pub fn reference(root: &str, attrs: &[&str]) -> Expression {
    let mut builder = Traversal::builder(Variable::unchecked(root));
    for attr in attrs {
        builder = builder.attr(Identifier::unchecked(*attr));
    }
    Expression::from(builder.build())
}

pub fn string(s: impl Into<String>) -> Expression {
    Expression::String(s.into())
}

pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Expression {
    Expression::Array(items.into_iter().map(|s| string(s.as_ref())).collect())
}

pub fn number(n: impl Into<f64>) -> Expression {
    let n = n.into();
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Expression::Number(hcl::Number::from(n as i64))
    } else {
        Expression::Number(hcl::Number::from_f64(n).unwrap_or_else(|| hcl::Number::from(0)))
    }
}

pub fn call(name: &str, args: impl IntoIterator<Item = Expression>) -> Expression {
    let mut builder = FuncCall::builder(Identifier::unchecked(name));
    for arg in args {
        builder = builder.arg(arg);
    }
    Expression::from(builder.build())
}

/// A part of a string template: literal text (escaped here) or an interpolated expression.
pub enum Part {
    Text(String),
    Expr(Expression),
}

/// A quoted template; a template of one expression is that expression, as `terraform fmt` wants.
pub fn template(parts: Vec<Part>) -> Expression {
    match parts.as_slice() {
        [] => return string(""),
        [Part::Expr(e)] => return e.clone(),
        _ => {}
    }
    if parts.iter().all(|p| matches!(p, Part::Text(_))) {
        let text: String = parts.iter().map(|p| if let Part::Text(t) = p { t.as_str() } else { "" }).collect();
        return string(text);
    }
    let mut source = String::new();
    for part in parts {
        match part {
            Part::Text(text) => {
                let quoted = hcl::format::to_string(&Expression::String(text)).expect("strings format");
                source.push_str(&quoted[1..quoted.len() - 1]);
            }
            Part::Expr(e) => {
                source.push_str("${");
                source.push_str(&hcl::format::to_string(&e).expect("expressions format"));
                source.push('}');
            }
        }
    }
    Expression::from(TemplateExpr::QuotedString(source))
}

/// An object with keys in the given order.
pub fn object<K: Into<String>>(entries: impl IntoIterator<Item = (K, Expression)>) -> Expression {
    Expression::Object(entries.into_iter().map(|(k, v)| (hcl::ObjectKey::from(k.into()), v)).collect())
}

/// A block under construction: attributes and nested blocks in the order they are added.
#[derive(Debug, Clone)]
pub struct Blk {
    ident: String,
    labels: Vec<String>,
    body: Vec<hcl::Structure>,
    comments: Vec<String>,
}

impl Blk {
    pub fn new(ident: &str, labels: &[&str]) -> Blk {
        Blk {
            ident: ident.to_owned(),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            body: Vec::new(),
            comments: Vec::new(),
        }
    }

    pub fn resource(ty: &str, name: &str) -> Blk {
        Blk::new("resource", &[ty, name])
    }

    pub fn data(ty: &str, name: &str) -> Blk {
        Blk::new("data", &[ty, name])
    }

    pub fn set(mut self, key: &str, value: impl Into<Expression>) -> Blk {
        self.body.push(hcl::Structure::Attribute(hcl::Attribute::new(Identifier::unchecked(key), value.into())));
        self
    }

    pub fn set_opt(self, key: &str, value: Option<impl Into<Expression>>) -> Blk {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    pub fn set_if(self, cond: bool, key: &str, value: impl Into<Expression>) -> Blk {
        if cond {
            self.set(key, value)
        } else {
            self
        }
    }

    pub fn block(mut self, block: Blk) -> Blk {
        self.body.push(hcl::Structure::Block(block.build_block()));
        self
    }

    pub fn block_if(self, cond: bool, block: impl FnOnce() -> Blk) -> Blk {
        if cond {
            self.block(block())
        } else {
            self
        }
    }

    pub fn blocks(self, blocks: impl IntoIterator<Item = Blk>) -> Blk {
        blocks.into_iter().fold(self, Blk::block)
    }

    /// A comment line at the top of the block's body (`checkov:skip=…`).
    pub fn comment(mut self, text: impl Into<String>) -> Blk {
        self.comments.push(text.into());
        self
    }

    pub fn comments(mut self, texts: impl IntoIterator<Item = String>) -> Blk {
        self.comments.extend(texts);
        self
    }

    fn build_block(self) -> Block {
        Block {
            identifier: Identifier::unchecked(self.ident),
            labels: self.labels.into_iter().map(hcl::BlockLabel::String).collect(),
            body: hcl::Body(self.body),
        }
    }

    pub fn build(self) -> TopBlock {
        let comments = self.comments.clone();
        TopBlock { block: self.build_block(), comments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_runs_of_one_line_attributes_only() {
        let text = "resource \"a\" \"b\" {\n  a = 1\n  long_name = \"x = y\"\n  tags = {\n    k = 1\n    kk = \"}\"\n  }\n  e = a == b\n\n  f = 1\n}\n";
        let expected = "resource \"a\" \"b\" {\n  a         = 1\n  long_name = \"x = y\"\n  tags = {\n    k  = 1\n    kk = \"}\"\n  }\n  e = a == b\n\n  f = 1\n}\n";
        assert_eq!(align(text), expected);
    }

    #[test]
    fn templates_escape_literal_text() {
        let e = template(vec![Part::Text("a\"${b}".into()), Part::Expr(reference("aws_vpc", &["main", "id"]))]);
        assert_eq!(hcl::format::to_string(&e).unwrap(), "\"a\\\"$${b}${aws_vpc.main.id}\"");
    }
}
