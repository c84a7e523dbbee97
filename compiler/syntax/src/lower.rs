//! Lowers hcl-edit's lossless tree into the owned [`ast`](crate::ast), shifting every span by the
//! offset of the chunk it was parsed from. Constructs the language does not support (splats, template
//! directives, computed object keys) become [`ExprKind::Error`] plus a diagnostic.

use hcl::edit::expr::{self as hx, Expression, ObjectKey as HObjectKey, TraversalOperator};
use hcl::edit::structure::{self as hs, Structure};
use hcl::edit::template::{Element, Template};
use hcl::edit::Span as _;
use hcl::{BinaryOperator, UnaryOperator};

use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

pub(crate) struct Lowerer<'a> {
    pub file: FileId,
    pub offset: usize,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl Lowerer<'_> {
    fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        let r = range.unwrap_or(0..0);
        Span::new(self.file, r.start + self.offset, r.end + self.offset)
    }

    fn ident(&self, id: &hcl::edit::Decorated<hcl::edit::Ident>) -> Ident {
        Ident { name: id.as_str().to_owned(), span: self.span(id.span()) }
    }

    pub fn body(&mut self, body: &hs::Body) -> Body {
        let mut out = Body::default();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    if let Some(first) = out.attributes.iter().find(|a| a.name.name == attr.key.as_str()) {
                        let span = self.span(attr.key.span());
                        let d =
                            Diagnostic::error(Code::E0003, format!("attribute `{}` is set twice", attr.key.as_str()))
                                .primary(span, "set again here")
                                .secondary(first.name.span, "first set here")
                                .help("remove one of the two");
                        self.diagnostics.push(d);
                        continue;
                    }
                    out.attributes.push(self.attribute(attr));
                }
                Structure::Block(block) => out.blocks.push(self.block(block)),
            }
        }
        out
    }

    fn attribute(&mut self, attr: &hs::Attribute) -> Attribute {
        let name = self.ident(&attr.key);
        let value = self.expr(&attr.value);
        let span = name.span.to(value.span);
        Attribute { name, value, span }
    }

    pub fn block(&mut self, block: &hs::Block) -> Block {
        let ident = self.ident(&block.ident);
        let labels = block
            .labels
            .iter()
            .map(|l| match l {
                hs::BlockLabel::Ident(id) => self.ident(id),
                hs::BlockLabel::String(s) => Ident { name: s.value().clone(), span: self.span(s.span()) },
            })
            .collect();
        let body = self.body(&block.body);
        let span = self.span(block.span());
        Block { ident, labels, body, span }
    }

    fn unsupported(&mut self, span: Span, what: &str, help: &str) -> ExprKind {
        self.diagnostics.push(
            Diagnostic::error(Code::E0002, format!("{what} are not supported"))
                .primary(span, "not supported here")
                .help(help),
        );
        ExprKind::Error
    }

    pub fn expr(&mut self, expr: &Expression) -> Expr {
        let span = self.span(expr.span());
        let kind = match expr {
            Expression::Null(_) => ExprKind::Null,
            Expression::Bool(b) => ExprKind::Bool(*b.value()),
            Expression::Number(n) => ExprKind::Number(n.value().as_f64().unwrap_or(f64::NAN)),
            Expression::String(s) => ExprKind::String(s.value().clone()),
            Expression::Array(items) => ExprKind::List(items.iter().map(|e| self.expr(e)).collect()),
            Expression::Object(obj) => {
                let mut fields = Vec::new();
                for (key, value) in obj.iter() {
                    let key_span = self.span(key.span());
                    let name = match key {
                        HObjectKey::Ident(id) => Some(id.as_str().to_owned()),
                        HObjectKey::Expression(Expression::String(s)) => Some(s.value().clone()),
                        HObjectKey::Expression(_) => None,
                    };
                    let value = self.expr(value.expr());
                    match name {
                        Some(name) => {
                            if let Some((first, _)) = fields.iter().find(|(k, _): &&(ObjectKey, Expr)| k.name == name) {
                                self.diagnostics.push(
                                    Diagnostic::error(Code::E0003, format!("key `{name}` is set twice"))
                                        .primary(key_span, "set again here")
                                        .secondary(first.span, "first set here")
                                        .help("remove one of the two"),
                                );
                                continue;
                            }
                            fields.push((ObjectKey { name, span: key_span }, value));
                        }
                        None => {
                            self.unsupported(
                                key_span,
                                "computed object keys",
                                "write the key as a name or a quoted string, or build the map with a `for` expression",
                            );
                        }
                    }
                }
                ExprKind::Object(fields)
            }
            Expression::StringTemplate(t) => self.template(t, span),
            Expression::HeredocTemplate(h) => self.template(&h.template, span),
            Expression::Parenthesis(p) => return self.expr(p.inner()),
            Expression::Variable(v) => ExprKind::Variable(self.ident(v)),
            Expression::Conditional(c) => ExprKind::Conditional(
                Box::new(self.expr(&c.cond_expr)),
                Box::new(self.expr(&c.true_expr)),
                Box::new(self.expr(&c.false_expr)),
            ),
            Expression::FuncCall(call) => {
                if !call.name.namespace.is_empty() {
                    return Expr {
                        kind: self.unsupported(span, "namespaced functions", "call the function by its plain name"),
                        span,
                    };
                }
                ExprKind::Call {
                    name: self.ident(&call.name.name),
                    args: call.args.iter().map(|a| self.expr(a)).collect(),
                    expand_final: call.args.expand_final(),
                }
            }
            Expression::Traversal(t) => return self.traversal(t),
            Expression::UnaryOp(op) => {
                let o = match op.operator.value() {
                    UnaryOperator::Neg => UnaryOp::Neg,
                    UnaryOperator::Not => UnaryOp::Not,
                };
                ExprKind::Unary(o, Box::new(self.expr(&op.expr)))
            }
            Expression::BinaryOp(op) => {
                let o = match op.operator.value() {
                    BinaryOperator::Eq => BinaryOp::Eq,
                    BinaryOperator::NotEq => BinaryOp::NotEq,
                    BinaryOperator::LessEq => BinaryOp::LessEq,
                    BinaryOperator::GreaterEq => BinaryOp::GreaterEq,
                    BinaryOperator::Less => BinaryOp::Less,
                    BinaryOperator::Greater => BinaryOp::Greater,
                    BinaryOperator::Plus => BinaryOp::Add,
                    BinaryOperator::Minus => BinaryOp::Sub,
                    BinaryOperator::Mul => BinaryOp::Mul,
                    BinaryOperator::Div => BinaryOp::Div,
                    BinaryOperator::Mod => BinaryOp::Mod,
                    BinaryOperator::And => BinaryOp::And,
                    BinaryOperator::Or => BinaryOp::Or,
                };
                ExprKind::Binary(o, Box::new(self.expr(&op.lhs_expr)), Box::new(self.expr(&op.rhs_expr)))
            }
            Expression::ForExpr(f) => {
                let for_expr = ForExpr {
                    key_var: f.intro.key_var.as_ref().map(|k| self.ident(k)),
                    value_var: self.ident(&f.intro.value_var),
                    collection: self.expr(&f.intro.collection_expr),
                    key_expr: f.key_expr.as_ref().map(|k| self.expr(k)),
                    value_expr: self.expr(&f.value_expr),
                    condition: f.cond.as_ref().map(|c| self.expr(&c.expr)),
                    grouping: f.grouping,
                };
                ExprKind::For(Box::new(for_expr))
            }
        };
        Expr { kind, span }
    }

    fn traversal(&mut self, t: &hx::Traversal) -> Expr {
        let mut expr = self.expr(&t.expr);
        for op in &t.operators {
            let op_span = self.span(op.span());
            let span = expr.span.to(op_span);
            let kind = match op.value() {
                TraversalOperator::GetAttr(id) => ExprKind::GetAttr(Box::new(expr), self.ident(id)),
                TraversalOperator::Index(index) => ExprKind::Index(Box::new(expr), Box::new(self.expr(index))),
                TraversalOperator::LegacyIndex(i) => {
                    #[allow(clippy::cast_precision_loss)]
                    let n = *i.value() as f64;
                    let index = Expr { kind: ExprKind::Number(n), span: op_span };
                    ExprKind::Index(Box::new(expr), Box::new(index))
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    self.unsupported(op_span, "splat expressions", "use a `for` expression: `[for x in list : x.attr]`")
                }
            };
            expr = Expr { kind, span };
        }
        expr
    }

    fn template(&mut self, template: &Template, span: Span) -> ExprKind {
        let mut parts: Vec<TemplatePart> = Vec::new();
        for element in template.iter() {
            match element {
                Element::Literal(lit) => match parts.last_mut() {
                    Some(TemplatePart::Literal(prev)) => prev.push_str(lit.value()),
                    _ => parts.push(TemplatePart::Literal(lit.value().clone())),
                },
                Element::Interpolation(i) => parts.push(TemplatePart::Interpolation(self.expr(&i.expr))),
                Element::Directive(d) => {
                    let dspan = self.span(d.span());
                    return self.unsupported(
                        if dspan.is_empty() { span } else { dspan },
                        "template directives (`%{if}`, `%{for}`)",
                        "use a conditional or a `for` expression with `join`",
                    );
                }
            }
        }
        match parts.as_slice() {
            [] => ExprKind::String(String::new()),
            [TemplatePart::Literal(s)] => ExprKind::String(s.clone()),
            _ => ExprKind::Template(parts),
        }
    }
}
