//! A direct parser for the HCL a stack is written in: the same tree, with the same spans, as parsing
//! with hcl-edit and lowering ([`crate::lower`]) gives — or nothing.
//!
//! hcl-edit keeps every space and comment (it is an editing library) and costs about 150 instructions
//! a byte; this reads the bytes once. It takes on only input it can read exactly as hcl-edit does and
//! returns `None` for anything else: a syntax error, a construct the lowering refuses or reports
//! (splats, template directives, computed or repeated keys, repeated attributes), and forms it leaves
//! to hcl-edit on purpose (heredocs, `/* */` comments inside expressions, `\u` escapes, numbers with
//! exponents or more than 15 digits, non-ASCII identifiers, a newline where hcl-edit might continue
//! an expression). The caller then parses with hcl-edit, so errors, recovery and the odd forms are
//! exactly what they always were. `tests/fast_parse.rs` holds the two parsers to the same trees.

use crate::ast::*;
use crate::source::{FileId, Span};

/// Parses `text` (a whole file or a piece of one starting at byte `offset`) as a body.
pub fn parse_body(file: FileId, text: &str, offset: usize) -> Option<Body> {
    let mut p = Parser { src: text.as_bytes(), text, pos: 0, file, offset, depth: 0, operators: 0 };
    let body = p.body(true)?;
    (p.pos == p.src.len()).then_some(body)
}

/// Deeper than this (blocks, brackets, operators) is left to hcl-edit, which has its own limits.
const MAX_DEPTH: u32 = 32;

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    file: FileId,
    offset: usize,
    depth: u32,
    /// Binary operators in the current attribute's value (hcl-edit allows 128 along any path).
    operators: u32,
}

/// An expression and the range hcl-edit gives it as an operand (with its parentheses), which is
/// where the spans of the operations and conditionals around it start and end.
struct Term {
    expr: Expr,
    start: usize,
    end: usize,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start + self.offset, end + self.offset)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.get(self.pos + n).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn nest(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// Spaces and tabs (hcl-edit's `sp`, without its `/* */` comments, which are left to it).
    fn sp(&mut self) -> Option<()> {
        while let Some(b' ' | b'\t') = self.peek() {
            self.pos += 1;
        }
        (!self.src[self.pos..].starts_with(b"/*")).then_some(())
    }

    /// Whitespace, newlines and comments (hcl-edit's `ws`). `None` on an unclosed `/*`.
    fn ws(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'#') => self.line_comment()?,
                Some(b'/') if self.peek_at(1) == Some(b'/') => self.line_comment()?,
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    let close = self.text[self.pos + 2..].find("*/")?;
                    self.pos += 2 + close + 2;
                }
                _ => return Some(()),
            }
        }
    }

    /// A `#` or `//` comment, up to (not over) the end of the line. `None` at a carriage return
    /// without a line feed, which ends no line for hcl-edit and fails its comment.
    fn line_comment(&mut self) -> Option<()> {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => return Some(()),
                b'\r' if self.peek_at(1) == Some(b'\n') => return Some(()),
                b'\r' => return None,
                _ => self.pos += 1,
            }
        }
        Some(())
    }

    /// Whether a `#` or `//` comment starts here.
    fn at_line_comment(&self) -> bool {
        self.peek() == Some(b'#') || self.src[self.pos..].starts_with(b"//")
    }

    /// `\n` or `\r\n`.
    fn line_ending(&mut self) -> Option<()> {
        if self.peek() == Some(b'\r') {
            self.pos += 1;
        }
        self.eat(b'\n')
    }

    /// Where an expression may go on (an operator, a traversal, a call, a conditional) after spaces:
    /// the spaces are skipped and `true` returned when the next byte is on the same line. At a line
    /// end or comment the expression ends here — unless hcl-edit, which lets some expressions go on
    /// over newlines, could read on: then `None`.
    fn same_line(&mut self) -> Option<bool> {
        let before = self.pos;
        self.sp()?;
        match self.peek() {
            Some(b'\n' | b'\r' | b'#') | None => {}
            Some(b'/') if self.peek_at(1) == Some(b'/') => {}
            Some(_) => return Some(true),
        }
        self.ws()?;
        if let Some(b) = self.peek() {
            if b".[?=!<>+-*/%&|(:".contains(&b) {
                return None;
            }
        }
        self.pos = before;
        Some(false)
    }

    fn ident(&mut self) -> Option<Ident> {
        let start = self.pos;
        if !self.peek().is_some_and(is_ident_start) {
            return None;
        }
        while self.peek().is_some_and(is_ident_char) {
            self.pos += 1;
        }
        if self.peek().is_some_and(|b| b >= 0x80) {
            return None;
        }
        Some(Ident { name: self.text[start..self.pos].to_owned(), span: self.span(start, self.pos) })
    }

    fn body(&mut self, top: bool) -> Option<Body> {
        let mut out = Body::default();
        loop {
            self.ws()?;
            match self.peek() {
                None if top => return Some(out),
                Some(b'}') if !top => return Some(out),
                _ => {}
            }
            let start = self.pos;
            let name = self.ident()?;
            self.sp()?;
            match self.peek()? {
                b'=' if self.peek_at(1) != Some(b'=') => {
                    if out.attributes.iter().any(|a| a.name.name == name.name) {
                        return None;
                    }
                    out.attributes.push(self.attribute(name)?);
                }
                b'{' | b'"' => out.blocks.push(self.block(name, start)?),
                b if is_ident_start(b) => out.blocks.push(self.block(name, start)?),
                _ => return None,
            }
            self.sp()?;
            if self.at_line_comment() {
                self.line_comment()?;
            }
            if self.pos == self.src.len() {
                if top {
                    return Some(out);
                }
                return None;
            }
            self.line_ending()?;
        }
    }

    /// `name = expr`, at the `=`.
    fn attribute(&mut self, name: Ident) -> Option<Attribute> {
        self.eat(b'=')?;
        self.sp()?;
        self.operators = 0;
        let value = self.expr()?;
        let span = name.span.to(value.span);
        Some(Attribute { name, value, span })
    }

    /// A block's labels and body, after its identifier (which starts at `start`).
    fn block(&mut self, ident: Ident, start: usize) -> Option<Block> {
        let mut labels = Vec::new();
        loop {
            match self.peek()? {
                b'"' => {
                    let label = self.string()?;
                    let ExprKind::String(name) = label.kind else { return None };
                    labels.push(Ident { name, span: label.span });
                }
                b if is_ident_start(b) => labels.push(self.ident()?),
                _ => break,
            }
            self.sp()?;
        }
        self.eat(b'{')?;
        self.nest()?;
        self.sp()?;
        let multiline = self.at_line_comment() || matches!(self.peek()?, b'\n' | b'\r');
        let body = if multiline {
            if self.at_line_comment() {
                self.line_comment()?;
            }
            self.line_ending()?;
            self.body(false)?
        } else {
            // One line: `name { }` or `name { key = value }`.
            let mut body = Body::default();
            if self.peek().is_some_and(is_ident_start) {
                let name = self.ident()?;
                self.sp()?;
                if self.src[self.pos..].starts_with(b"==") {
                    return None;
                }
                body.attributes.push(self.attribute(name)?);
                self.sp()?;
            }
            body
        };
        self.eat(b'}')?;
        self.depth -= 1;
        Some(Block { ident, labels, body, span: self.span(start, self.pos) })
    }

    /// An expression: a term, then binary operations and a conditional.
    fn expr(&mut self) -> Option<Expr> {
        Some(self.expr_term()?.expr)
    }

    fn expr_term(&mut self) -> Option<Term> {
        self.nest()?;
        let start = self.pos;
        let mut lhs = self.term()?;
        while self.same_line()? {
            match self.peek()? {
                b'?' => {
                    self.pos += 1;
                    if !self.same_line()? {
                        return None;
                    }
                    let then = self.expr()?;
                    if !self.same_line()? {
                        return None;
                    }
                    self.eat(b':')?;
                    if !self.same_line()? {
                        return None;
                    }
                    let otherwise = self.expr()?;
                    let end = self.pos;
                    let kind = ExprKind::Conditional(Box::new(lhs.expr), Box::new(then), Box::new(otherwise));
                    lhs = Term { expr: Expr { kind, span: self.span(start, end) }, start, end };
                    break;
                }
                _ => match self.binary_op() {
                    Some(_) => lhs = self.binary_chain(lhs)?,
                    // Not an operator: the expression ends before the spaces.
                    None => break,
                },
            }
        }
        self.pos = lhs.end;
        self.depth -= 1;
        Some(lhs)
    }

    /// The operator at the cursor, with its length; `None` when there is none. A `/` starting a
    /// comment and a lone `=` (an object's) are not operators; a lone `!`, `&` or `|` is left to
    /// hcl-edit's error.
    fn binary_op(&self) -> Option<(BinaryOp, usize)> {
        let (a, b) = (self.peek()?, self.peek_at(1));
        Some(match (a, b) {
            (b'=', Some(b'=')) => (BinaryOp::Eq, 2),
            (b'!', Some(b'=')) => (BinaryOp::NotEq, 2),
            (b'<', Some(b'=')) => (BinaryOp::LessEq, 2),
            (b'>', Some(b'=')) => (BinaryOp::GreaterEq, 2),
            (b'<', _) => (BinaryOp::Less, 1),
            (b'>', _) => (BinaryOp::Greater, 1),
            (b'+', _) => (BinaryOp::Add, 1),
            (b'-', _) => (BinaryOp::Sub, 1),
            (b'*', _) => (BinaryOp::Mul, 1),
            (b'/', Some(b'/' | b'*')) => return None,
            (b'/', _) => (BinaryOp::Div, 1),
            (b'%', _) => (BinaryOp::Mod, 1),
            (b'&', Some(b'&')) => (BinaryOp::And, 2),
            (b'|', Some(b'|')) => (BinaryOp::Or, 2),
            _ => return None,
        })
    }

    /// Operators and terms after `first`, as far as they go on the line, grouped by precedence
    /// (left-associative), each operation spanning its operands.
    fn binary_chain(&mut self, first: Term) -> Option<Term> {
        let mut operands = vec![first];
        let mut operators = Vec::new();
        loop {
            let (op, len) = self.binary_op()?;
            self.pos += len;
            if !self.same_line()? {
                return None;
            }
            operands.push(self.term()?);
            operators.push(op);
            self.operators += 1;
            if self.operators > 64 {
                return None;
            }
            let end = self.pos;
            if !self.same_line()? || self.binary_op().is_none() {
                self.pos = end;
                break;
            }
        }
        let mut operands = operands.into_iter();
        let first = operands.next()?;
        let mut rest = operators.into_iter().zip(operands).peekable();
        Some(climb(self, first, &mut rest, 0))
    }

    /// A term: a literal, collection, template, name, call, parenthesized or unary expression,
    /// `for` expression, with its traversals.
    fn term(&mut self) -> Option<Term> {
        let start = self.pos;
        let mut expr = match self.peek()? {
            b'"' => self.string()?,
            b'[' => self.list()?,
            b'{' => self.object()?,
            b'0'..=b'9' => self.number(start, false)?,
            b'-' => {
                self.pos += 1;
                self.sp()?;
                if self.peek()?.is_ascii_digit() {
                    self.number(start, true)?
                } else {
                    self.unary(start, UnaryOp::Neg)?
                }
            }
            b'!' => {
                self.pos += 1;
                self.sp()?;
                self.unary(start, UnaryOp::Not)?
            }
            b'(' => {
                self.pos += 1;
                self.ws()?;
                let inner = self.expr()?;
                self.ws()?;
                self.eat(b')')?;
                inner
            }
            b if is_ident_start(b) => self.identlike()?,
            _ => return None,
        };
        // Traversals: `.name` and `[index]`, spaces allowed before each.
        loop {
            let end = self.pos;
            if !self.same_line()? {
                break;
            }
            match (self.peek(), self.peek_at(1)) {
                (Some(b'.'), Some(b'.')) => {
                    self.pos = end;
                    break;
                }
                (Some(b'.'), _) => {
                    self.pos += 1;
                    if !self.same_line()? {
                        return None;
                    }
                    let name = self.ident()?;
                    let span = expr.span.to(name.span);
                    expr = Expr { kind: ExprKind::GetAttr(Box::new(expr), name), span };
                }
                (Some(b'['), _) => {
                    self.pos += 1;
                    self.ws()?;
                    if self.peek() == Some(b'*') {
                        return None;
                    }
                    let index = self.expr()?;
                    self.ws()?;
                    self.eat(b']')?;
                    let span = expr.span.to(self.span(end, self.pos));
                    expr = Expr { kind: ExprKind::Index(Box::new(expr), Box::new(index)), span };
                }
                _ => {
                    self.pos = end;
                    break;
                }
            }
        }
        Some(Term { expr, start, end: self.pos })
    }

    /// `-x` or `!x`, after the operator and spaces: the operand is a term with its traversals.
    fn unary(&mut self, start: usize, op: UnaryOp) -> Option<Expr> {
        self.nest()?;
        let operand = self.term()?.expr;
        self.depth -= 1;
        Some(Expr { kind: ExprKind::Unary(op, Box::new(operand)), span: self.span(start, self.pos) })
    }

    /// Digits, or digits `.` digits; at most 15 digits, so the value is exact as hcl-edit reads it.
    fn number(&mut self, start: usize, negative: bool) -> Option<Expr> {
        let digits = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
        }
        if self.peek().is_some_and(|b| b == b'.' || b == b'e' || b == b'E' || is_ident_char(b) || b >= 0x80) {
            return None;
        }
        let token = &self.text[digits..self.pos];
        if token.bytes().filter(u8::is_ascii_digit).count() > 15 {
            return None;
        }
        let value: f64 = token.parse().ok()?;
        if negative && value == 0.0 {
            return None;
        }
        let value = if negative { -value } else { value };
        Some(Expr { kind: ExprKind::Number(value), span: self.span(start, self.pos) })
    }

    /// A name, `null`, `true`, `false` or a function call.
    fn identlike(&mut self) -> Option<Expr> {
        let start = self.pos;
        let name = self.ident()?;
        let end = self.pos;
        if self.same_line()? && self.peek() == Some(b'(') {
            return self.call(start, name);
        }
        if self.peek() == Some(b':') && self.peek_at(1) == Some(b':') {
            return None;
        }
        self.pos = end;
        let kind = match name.name.as_str() {
            "null" => ExprKind::Null,
            "true" => ExprKind::Bool(true),
            "false" => ExprKind::Bool(false),
            _ => ExprKind::Variable(name.clone()),
        };
        Some(Expr { kind, span: name.span })
    }

    /// `name(args)`, at the `(`; the name starts at `start`.
    fn call(&mut self, start: usize, name: Ident) -> Option<Expr> {
        self.eat(b'(')?;
        self.nest()?;
        let mut args = Vec::new();
        loop {
            self.ws()?;
            if self.peek()? == b')' {
                break;
            }
            if matches!(self.peek()?, b',' | b'.') {
                return None;
            }
            args.push(self.expr()?);
            self.ws()?;
            match self.peek()? {
                b',' => self.pos += 1,
                b')' => break,
                _ => return None,
            }
        }
        self.eat(b')')?;
        self.depth -= 1;
        Some(Expr { kind: ExprKind::Call { name, args, expand_final: false }, span: self.span(start, self.pos) })
    }

    /// Whether a `for` expression starts here (after `[` or `{`), as hcl-edit decides it: after
    /// whitespace and comments, `for` and a space, tab, line feed, `#` or `/`.
    fn at_for(&mut self) -> Option<bool> {
        let start = self.pos;
        self.ws()?;
        let at = self.pos;
        self.pos = start;
        Some(
            self.src[at..].starts_with(b"for")
                && matches!(self.src.get(at + 3), Some(b' ' | b'\t' | b'\n' | b'#' | b'/')),
        )
    }

    fn list(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.eat(b'[')?;
        self.nest()?;
        let kind = if self.at_for()? {
            let mut f = self.for_intro()?;
            self.ws()?;
            f.value_expr = self.expr()?;
            self.for_cond(&mut f)?;
            ExprKind::For(Box::new(f))
        } else {
            let mut items = Vec::new();
            loop {
                self.ws()?;
                if self.peek()? == b']' {
                    break;
                }
                if self.peek()? == b',' {
                    return None;
                }
                items.push(self.expr()?);
                self.ws()?;
                match self.peek()? {
                    b',' => self.pos += 1,
                    b']' => break,
                    _ => return None,
                }
            }
            ExprKind::List(items)
        };
        self.eat(b']')?;
        self.depth -= 1;
        Some(Expr { kind, span: self.span(start, self.pos) })
    }

    fn object(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.eat(b'{')?;
        self.nest()?;
        let kind = if self.at_for()? {
            let mut f = self.for_intro()?;
            self.ws()?;
            let key = self.expr()?;
            self.ws()?;
            if !self.src[self.pos..].starts_with(b"=>") {
                return None;
            }
            self.pos += 2;
            self.ws()?;
            f.key_expr = Some(key);
            f.value_expr = self.expr()?;
            if self.src[self.pos..].starts_with(b"...") {
                return None;
            }
            self.for_cond(&mut f)?;
            ExprKind::For(Box::new(f))
        } else {
            let mut fields: Vec<(ObjectKey, Expr)> = Vec::new();
            loop {
                self.ws()?;
                if self.peek()? == b'}' {
                    break;
                }
                let key_start = self.pos;
                let name = match self.peek()? {
                    b'"' => match self.string()?.kind {
                        ExprKind::String(s) => s,
                        _ => return None,
                    },
                    _ => {
                        let id = self.ident()?;
                        if matches!(id.name.as_str(), "null" | "true" | "false") {
                            return None;
                        }
                        id.name
                    }
                };
                let key = ObjectKey { name, span: self.span(key_start, self.pos) };
                if fields.iter().any(|(k, _)| k.name == key.name) {
                    return None;
                }
                self.sp()?;
                match (self.peek()?, self.peek_at(1)) {
                    (b'=', Some(b'=' | b'>')) => return None,
                    (b'=' | b':', _) => self.pos += 1,
                    _ => return None,
                }
                self.sp()?;
                let value = self.expr()?;
                fields.push((key, value));
                self.sp()?;
                match self.peek()? {
                    b'}' => break,
                    b',' => self.pos += 1,
                    b'\n' | b'\r' => self.line_ending()?,
                    b'#' | b'/' if self.at_line_comment() => {
                        self.line_comment()?;
                        self.line_ending()?;
                    }
                    _ => return None,
                }
            }
            ExprKind::Object(fields)
        };
        self.eat(b'}')?;
        self.depth -= 1;
        Some(Expr { kind, span: self.span(start, self.pos) })
    }

    /// `for k, v in collection :`, after the bracket.
    fn for_intro(&mut self) -> Option<ForExpr> {
        self.ws()?;
        self.pos += 3;
        self.ws()?;
        let first = self.ident()?;
        self.ws()?;
        let (key_var, value_var) = if self.eat(b',').is_some() {
            self.ws()?;
            let second = self.ident()?;
            self.ws()?;
            (Some(first), second)
        } else {
            (None, first)
        };
        if !self.src[self.pos..].starts_with(b"in") || !matches!(self.peek_at(2), Some(b' ' | b'\t' | b'\n')) {
            return None;
        }
        self.pos += 2;
        self.ws()?;
        let collection = self.expr()?;
        self.ws()?;
        self.eat(b':')?;
        let placeholder = Expr { kind: ExprKind::Null, span: Span::new(self.file, 0, 0) };
        Some(ForExpr {
            key_var,
            value_var,
            collection,
            key_expr: None,
            value_expr: placeholder,
            condition: None,
            grouping: false,
        })
    }

    /// An optional `if condition`, then the spaces before the closing bracket.
    fn for_cond(&mut self, f: &mut ForExpr) -> Option<()> {
        self.ws()?;
        if self.src[self.pos..].starts_with(b"if") && matches!(self.peek_at(2), Some(b' ' | b'\t' | b'\n' | b'(')) {
            self.pos += 2;
            self.ws()?;
            f.condition = Some(self.expr()?);
            self.ws()?;
        }
        Some(())
    }

    /// A quoted string: a plain `String`, or a `Template` when it interpolates.
    fn string(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.eat(b'"')?;
        let mut parts: Vec<TemplatePart> = Vec::new();
        let mut literal = String::new();
        loop {
            let run = self.pos;
            while let Some(b) = self.peek() {
                if matches!(b, b'"' | b'\\' | b'$' | b'%') {
                    break;
                }
                self.pos += 1;
            }
            literal.push_str(&self.text[run..self.pos]);
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    literal.push(match self.peek_at(1)? {
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'\\' => '\\',
                        b'"' => '"',
                        _ => return None,
                    });
                    self.pos += 2;
                }
                b'$' | b'%' if self.peek_at(1) == Some(b'{') => {
                    if self.peek()? == b'%' || self.peek_at(2) == Some(b'~') {
                        return None;
                    }
                    self.pos += 2;
                    if !literal.is_empty() {
                        parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                    }
                    self.nest()?;
                    self.ws()?;
                    let e = self.expr()?;
                    self.ws()?;
                    if self.peek() == Some(b'~') {
                        return None;
                    }
                    self.eat(b'}')?;
                    self.depth -= 1;
                    parts.push(TemplatePart::Interpolation(e));
                }
                // `$${` and `%%{` escape a marker; a lone `$` or `%` is text.
                b'$' | b'%' if self.peek_at(1) == self.peek() && self.peek_at(2) == Some(b'{') => return None,
                _ => {
                    literal.push(char::from(self.src[self.pos]));
                    self.pos += 1;
                }
            }
        }
        self.eat(b'"')?;
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        let kind = match parts.as_slice() {
            [] => ExprKind::String(String::new()),
            [TemplatePart::Literal(_)] => match parts.pop() {
                Some(TemplatePart::Literal(s)) => ExprKind::String(s),
                _ => return None,
            },
            _ => ExprKind::Template(parts),
        };
        Some(Expr { kind, span: self.span(start, self.pos) })
    }
}

/// Precedence climbing over `first (op term)*`: operators of higher precedence bind first, equal
/// ones from the left; an operation spans from its first operand's start to its last one's end.
fn climb(
    p: &Parser<'_>,
    mut lhs: Term,
    rest: &mut std::iter::Peekable<impl Iterator<Item = (BinaryOp, Term)>>,
    min: u8,
) -> Term {
    while let Some(&(op, _)) = rest.peek() {
        let prec = precedence(op);
        if prec < min {
            break;
        }
        let Some((_, mut rhs)) = rest.next() else { break };
        while let Some(&(next, _)) = rest.peek() {
            if precedence(next) <= prec {
                break;
            }
            rhs = climb(p, rhs, rest, prec + 1);
        }
        let (start, end) = (lhs.start, rhs.end);
        let kind = ExprKind::Binary(op, Box::new(lhs.expr), Box::new(rhs.expr));
        lhs = Term { expr: Expr { kind, span: p.span(start, end) }, start, end };
    }
    lhs
}

fn precedence(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 6,
        BinaryOp::Add | BinaryOp::Sub => 5,
        BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => 4,
        BinaryOp::Eq | BinaryOp::NotEq => 3,
        BinaryOp::And => 2,
        BinaryOp::Or => 1,
    }
}
