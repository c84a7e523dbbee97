//! The resolved form of expressions: what every name means is decided once, by [`resolve`](super),
//! so the evaluator never looks a name up and never reports a name error. A reference that could not
//! be resolved is [`ExprKind::Error`]; its diagnostic was already reported.

use stackc_syntax::ast::{BinaryOp, Ident, UnaryOp};
use stackc_syntax::Span;

use crate::program::{ResourceIdx, ScopeId};

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// A field of the environment context (`env.name`, `env.profile`, `env.region`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvField {
    Name,
    Profile,
    Region,
}

impl EnvField {
    pub const ALL: [(&'static str, EnvField); 3] =
        [("name", EnvField::Name), ("profile", EnvField::Profile), ("region", EnvField::Region)];

    pub fn parse(name: &str) -> Option<EnvField> {
        EnvField::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
}

/// A resource named in an expression (`database.orders`), with the span of those two segments: a
/// reference to a resource that is disabled in an environment is reported there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResourceRef {
    pub index: ResourceIdx,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Template(Vec<TemplatePart>),
    List(Vec<Expr>),
    Object(Vec<(String, Expr)>),
    /// `env.<field>`.
    Env(EnvField),
    /// `env` as an object.
    EnvObject,
    /// `profile.<field>`: the index of the field in the profile model.
    Profile(usize),
    /// `profile` as an object.
    ProfileObject,
    Local {
        scope: ScopeId,
        index: usize,
    },
    Input {
        scope: ScopeId,
        index: usize,
    },
    /// `module.<instance>.<output>`: `scope` is the instance's scope.
    ModuleOutput {
        scope: ScopeId,
        index: usize,
    },
    /// `kind.name`: a reference to the resource.
    Resource(ResourceRef),
    /// `kind.name.attribute`: the attribute's position in the kind.
    Attr(ResourceRef, usize),
    /// `kind.name.output`: known after apply.
    Output(ResourceRef, usize),
    /// `kind.name.block`: a nested block, by its position in the kind.
    Block(ResourceRef, usize),
    /// `env.monthly_cost`: the environment's estimated monthly cost, in policies.
    EnvCost,
    /// `self.monthly_cost`: the resource's estimated monthly cost, in policies with a kind.
    SelfCost,
    /// `self.attribute`, in kind defaults and policies with a kind.
    SelfAttr(usize),
    SelfOutput(usize),
    SelfBlock(usize),
    /// A `for` variable: its depth, 0 for the outermost in the expression.
    Var(usize),
    /// `.name` on a value only known when evaluating (an object, a referenced resource).
    Member(Box<Expr>, Ident),
    Index(Box<Expr>, Box<Expr>),
    /// A built-in function, by its name in [`FUNCTIONS`](crate::functions::FUNCTIONS).
    Call {
        function: &'static str,
        args: Vec<Expr>,
    },
    /// `only(kind)`: decided per environment, from the scope it is evaluated in.
    Only(String),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    For(Box<ForExpr>),
    /// Could not be read or resolved; reported already.
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(String),
    Interpolation(Expr),
}

/// `[for k, v in collection : value if condition]`. The key variable (if any) is at depth `depth`
/// and the value variable right after it.
#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    pub has_key_var: bool,
    pub collection: Expr,
    pub key_expr: Option<Expr>,
    pub value_expr: Expr,
    pub condition: Option<Expr>,
    pub grouping: bool,
}

impl Expr {
    pub fn error(span: Span) -> Expr {
        Expr { kind: ExprKind::Error, span }
    }

    pub fn is_null(&self) -> bool {
        self.kind == ExprKind::Null
    }
}
