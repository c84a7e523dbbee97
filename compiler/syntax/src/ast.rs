//! The owned syntax tree of a stack file: blocks, attributes and expressions, each with its span.
//! It is deliberately small: everything the later stages need and nothing about formatting.

use crate::source::Span;

/// An identifier with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// One parsed file: its top-level blocks and attributes, in source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    pub body: Body,
    /// The top-level chunks that failed to parse and were dropped (a syntax error was reported for
    /// each), with their header when it could be read. Later stages use them to stay quiet about
    /// references to a block that exists but could not be read.
    pub broken: Vec<BrokenBlock>,
}

/// The header of a top-level block dropped because of a syntax error: `network "main" {` gives
/// `network` and `main`.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenBlock {
    /// The block type, e.g. `network`.
    pub ident: Ident,
    /// The first label (unquoted, with the span of the quoted label), when it could be read.
    pub label: Option<Ident>,
    /// The dropped chunk, from its identifier to its last non-blank character.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name.name == name)
    }

    pub fn blocks_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.ident.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub ident: Ident,
    pub labels: Vec<Ident>,
    pub body: Body,
    /// The whole block, from its identifier to its closing brace.
    pub span: Span,
}

impl Block {
    /// The span of the block's header: identifier and labels.
    pub fn header_span(&self) -> Span {
        self.labels.last().map_or(self.ident.span, |l| self.ident.span.to(l.span))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A string with interpolations. Plain strings are `String`.
    Template(Vec<TemplatePart>),
    List(Vec<Expr>),
    Object(Vec<(ObjectKey, Expr)>),
    /// A root name: `env`, `local`, `database`, `string` (in type expressions), …
    Variable(Ident),
    GetAttr(Box<Expr>, Ident),
    Index(Box<Expr>, Box<Expr>),
    Call {
        name: Ident,
        args: Vec<Expr>,
        expand_final: bool,
    },
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    For(Box<ForExpr>),
    /// Stands where a construct could not be read; a diagnostic was already reported.
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(String),
    Interpolation(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectKey {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    pub key_var: Option<Ident>,
    pub value_var: Ident,
    pub collection: Expr,
    /// `Some` for an object `for` (`{for k, v in m : k => v}`).
    pub key_expr: Option<Expr>,
    pub value_expr: Expr,
    pub condition: Option<Expr>,
    pub grouping: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEq => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEq => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
        }
    }
}

impl Expr {
    /// The dotted path of a plain traversal (`database.orders.url` → `["database", "orders", "url"]`),
    /// with each segment's span; `None` for anything else.
    pub fn as_path(&self) -> Option<Vec<&Ident>> {
        match &self.kind {
            ExprKind::Variable(id) => Some(vec![id]),
            ExprKind::GetAttr(base, id) => {
                let mut path = base.as_path()?;
                path.push(id);
                Some(path)
            }
            _ => None,
        }
    }

    /// The value of a plain string literal.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::String(s) => Some(s),
            _ => None,
        }
    }
}
