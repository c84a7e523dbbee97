//! The typed model of Terraform that lowering builds: blocks of attributes (hcl-rs expressions) and
//! nested blocks, a [`Module`] of files per environment, and [`Handle`]s to the blocks it holds.
//!
//! References are built from handles (`vpc.attr("id")`, `subnet.at(count_index()).attr("id")`) with
//! hcl-rs traversal builders, templates from template elements: no Terraform is written as a string
//! and parsed back. A handle is returned by [`Module::add`]; one to a block another kind's lowering
//! adds is named by a function of that lowering. Before it is printed, [`Module::check_references`]
//! proves every reference names a block, variable, local or provider the module declares, so a
//! reference to a block that was never emitted cannot leave stackc.

mod print;

use std::collections::{BTreeMap, BTreeSet};

use hcl::expr::{
    BinaryOp, BinaryOperator, Expression, FuncCall, Operation, TemplateExpr, Traversal, TraversalOperator, Variable,
};
use hcl::{Identifier, ObjectKey};

/// What kind of top-level block a handle names, which decides how its address is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Space {
    Resource,
    Data,
    Ephemeral,
}

impl Space {
    fn ident(self) -> &'static str {
        match self {
            Space::Resource => "resource",
            Space::Data => "data",
            Space::Ephemeral => "ephemeral",
        }
    }
}

/// A reference to a `resource`, `data` or `ephemeral` block of the module.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Handle {
    pub space: Space,
    pub ty: String,
    pub name: String,
}

impl Handle {
    pub fn resource(ty: &str, name: impl Into<String>) -> Handle {
        Handle { space: Space::Resource, ty: ty.to_owned(), name: name.into() }
    }

    pub fn data(ty: &str, name: impl Into<String>) -> Handle {
        Handle { space: Space::Data, ty: ty.to_owned(), name: name.into() }
    }

    pub fn ephemeral(ty: &str, name: impl Into<String>) -> Handle {
        Handle { space: Space::Ephemeral, ty: ty.to_owned(), name: name.into() }
    }

    fn traversal(&self) -> hcl::expr::TraversalBuilder {
        match self.space {
            Space::Resource => Traversal::builder(Variable::unchecked(self.ty.as_str())).attr(self.name.as_str()),
            Space::Data | Space::Ephemeral => Traversal::builder(Variable::unchecked(self.space.ident()))
                .attr(self.ty.as_str())
                .attr(self.name.as_str()),
        }
    }

    /// `aws_vpc.main`, as `depends_on` lists it.
    pub fn expr(&self) -> Expression {
        self.traversal().build().into()
    }

    /// `aws_vpc.main.id`.
    pub fn attr(&self, attr: &str) -> Expression {
        self.traversal().attr(attr).build().into()
    }

    /// `aws_subnet.private[count.index]` or `…["key"]`, to read attributes of one instance.
    pub fn at(&self, index: Expression) -> Instance {
        Instance(self.traversal().index(index))
    }

    /// `data.aws_availability_zones.available.names[count.index]`: an element of a list attribute.
    pub fn attr_at(&self, attr: &str, index: Expression) -> Expression {
        self.traversal().attr(attr).index(index).build().into()
    }

    /// `aws_subnet.private[*].id`.
    pub fn splat(&self, attr: &str) -> Expression {
        self.traversal().full_splat().attr(attr).build().into()
    }
}

/// One instance of a block with `count` or `for_each`.
pub struct Instance(hcl::expr::TraversalBuilder);

impl Instance {
    pub fn attr(self, attr: &str) -> Expression {
        self.0.attr(attr).build().into()
    }
}

/// `var.<name>`.
pub fn var(name: &str) -> Expression {
    Traversal::builder(Variable::unchecked("var")).attr(name).build().into()
}

/// `local.<name>`.
pub fn local(name: &str) -> Expression {
    Traversal::builder(Variable::unchecked("local")).attr(name).build().into()
}

/// `count.index`.
pub fn count_index() -> Expression {
    Traversal::builder(Variable::unchecked("count")).attr("index").build().into()
}

/// `each.value`.
pub fn each_value() -> Expression {
    Traversal::builder(Variable::unchecked("each")).attr("value").build().into()
}

/// A provider configuration: `aws.us_east_1`.
pub fn provider(alias: &str) -> Expression {
    Traversal::builder(Variable::unchecked("aws")).attr(alias).build().into()
}

/// A bare name, as in type expressions (`string`) and `ignore_changes` lists (`ami`).
pub fn name(name: &str) -> Expression {
    Expression::Variable(Variable::unchecked(name))
}

/// A traversal rooted at a bare name: `scaling_config[0].desired_size` in `ignore_changes`.
pub fn path(root: &str) -> hcl::expr::TraversalBuilder {
    Traversal::builder(Variable::unchecked(root))
}

/// Attributes and indexes after any expression: `tolist(x)[count.index].name`.
pub fn traverse(expr: Expression) -> hcl::expr::TraversalBuilder {
    Traversal::builder(expr)
}

pub fn string(s: impl Into<String>) -> Expression {
    Expression::String(s.into())
}

pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Expression {
    Expression::Array(items.into_iter().map(|s| string(s.as_ref())).collect())
}

pub fn list(items: impl IntoIterator<Item = Expression>) -> Expression {
    Expression::Array(items.into_iter().collect())
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

/// `a + b`.
pub fn add(a: Expression, b: Expression) -> Expression {
    Expression::from(Operation::Binary(BinaryOp::new(a, BinaryOperator::Plus, b)))
}

/// `cond ? a : b`.
pub fn conditional(cond: Expression, a: Expression, b: Expression) -> Expression {
    Expression::from(hcl::expr::Conditional::new(cond, a, b))
}

/// A part of a string template: literal text or an interpolated expression.
pub enum Part {
    Text(String),
    Expr(Expression),
}

/// A quoted template; a template of one expression is that expression, as `terraform fmt` wants.
/// Literal text is escaped for a quoted string (quotes, backslashes, control characters, and `${` /
/// `%{` doubled); interpolations are printed by hcl-rs.
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
                let quoted = hcl::format::to_string(&Expression::String(text)).unwrap_or_default();
                source.push_str(quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or_default());
            }
            Part::Expr(e) => {
                source.push_str("${");
                source.push_str(&hcl::format::to_string(&e).unwrap_or_default());
                source.push('}');
            }
        }
    }
    Expression::from(TemplateExpr::QuotedString(source))
}

/// An object with keys in the given order.
pub fn object<K: Into<String>>(entries: impl IntoIterator<Item = (K, Expression)>) -> Expression {
    Expression::Object(entries.into_iter().map(|(k, v)| (ObjectKey::from(k.into()), v)).collect())
}

/// An item of a block body.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Attr(&'static str, Expression),
    Block(Blk),
}

/// A block under construction: attributes and nested blocks in the order they are added, and comment
/// lines printed first in its body (`checkov:skip=…`).
#[derive(Debug, Clone, PartialEq)]
pub struct Blk {
    pub ident: &'static str,
    pub labels: Vec<String>,
    pub body: Vec<Item>,
    pub comments: Vec<String>,
}

impl Blk {
    pub fn new(ident: &'static str, labels: &[&str]) -> Blk {
        Blk { ident, labels: labels.iter().map(|l| (*l).to_owned()).collect(), body: Vec::new(), comments: Vec::new() }
    }

    pub fn resource(ty: &str, name: &str) -> Blk {
        Blk::new("resource", &[ty, name])
    }

    pub fn data(ty: &str, name: &str) -> Blk {
        Blk::new("data", &[ty, name])
    }

    pub fn ephemeral(ty: &str, name: &str) -> Blk {
        Blk::new("ephemeral", &[ty, name])
    }

    /// The block a handle names, to be filled and added to a module.
    pub fn of(handle: &Handle) -> Blk {
        Blk::new(handle.space.ident(), &[&handle.ty, &handle.name])
    }

    pub fn set(mut self, key: &'static str, value: impl Into<Expression>) -> Blk {
        self.body.push(Item::Attr(key, value.into()));
        self
    }

    pub fn set_opt(self, key: &'static str, value: Option<impl Into<Expression>>) -> Blk {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    pub fn set_if(self, cond: bool, key: &'static str, value: impl Into<Expression>) -> Blk {
        if cond {
            self.set(key, value)
        } else {
            self
        }
    }

    pub fn block(mut self, block: Blk) -> Blk {
        self.body.push(Item::Block(block));
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

    pub fn comment(mut self, text: impl Into<String>) -> Blk {
        self.comments.push(text.into());
        self
    }

    pub fn comments(mut self, texts: impl IntoIterator<Item = String>) -> Blk {
        self.comments.extend(texts);
        self
    }

    /// The value of an attribute set on this block (not nested blocks).
    pub fn get(&self, key: &str) -> Option<&Expression> {
        self.body.iter().find_map(|i| match i {
            Item::Attr(k, v) if *k == key => Some(v),
            _ => None,
        })
    }

    /// The handle of a `resource`, `data` or `ephemeral` block.
    pub fn handle(&self) -> Option<Handle> {
        let space = match self.ident {
            "resource" => Space::Resource,
            "data" => Space::Data,
            "ephemeral" => Space::Ephemeral,
            _ => return None,
        };
        match self.labels.as_slice() {
            [ty, name] => Some(Handle { space, ty: ty.clone(), name: name.clone() }),
            _ => None,
        }
    }
}

/// One top-level block of the lowered Terraform, with the stack resource it was lowered from (`None`
/// for what the environment shares: the KMS key, the log bucket, providers).
#[derive(Debug, Clone, PartialEq)]
pub struct Lowered {
    pub file: &'static str,
    pub block: Blk,
    pub source: Option<String>,
}

/// The Terraform of one environment, as data: cost, policy and `plan` read it; [`Module::render`]
/// prints it.
#[derive(Debug, Clone, Default)]
pub struct Module {
    blocks: Vec<Lowered>,
    declared: BTreeMap<Handle, Option<String>>,
    /// Blocks added under an address already taken: (handle, first source, second source).
    duplicates: Vec<(Handle, Option<String>, Option<String>)>,
}

/// A reference the module does not declare, found by [`Module::check_references`].
#[derive(Debug, Clone, PartialEq)]
pub struct Dangling {
    pub reference: String,
    pub file: &'static str,
    pub block: String,
}

impl Module {
    /// Adds a top-level block to `file`; returns its handle when it is a resource, data source or
    /// ephemeral resource.
    pub fn add(&mut self, file: &'static str, block: Blk, source: Option<&str>) -> Option<Handle> {
        let handle = block.handle();
        if let Some(h) = &handle {
            match self.declared.get(h) {
                Some(first) => self.duplicates.push((h.clone(), first.clone(), source.map(str::to_owned))),
                None => {
                    self.declared.insert(h.clone(), source.map(str::to_owned));
                }
            }
        }
        self.blocks.push(Lowered { file, block, source: source.map(str::to_owned) });
        handle
    }

    /// Every top-level block, in the order it was added.
    pub fn blocks(&self) -> &[Lowered] {
        &self.blocks
    }

    pub fn declares(&self, handle: &Handle) -> bool {
        self.declared.contains_key(handle)
    }

    /// Addresses two blocks were added under, with the stack resources they came from.
    pub fn duplicates(&self) -> &[(Handle, Option<String>, Option<String>)] {
        &self.duplicates
    }

    /// Every reference in every expression names a block this module declares; so do `var.`,
    /// `local.` and provider references (`aws.<alias>`).
    pub fn check_references(&self) -> Vec<Dangling> {
        let mut variables = BTreeSet::new();
        let mut locals = BTreeSet::new();
        let mut providers = BTreeSet::new();
        for l in &self.blocks {
            match (l.block.ident, l.block.labels.as_slice()) {
                ("variable", [name]) => {
                    variables.insert(name.clone());
                }
                ("locals", []) => {
                    for item in &l.block.body {
                        if let Item::Attr(k, _) = item {
                            locals.insert((*k).to_owned());
                        }
                    }
                }
                ("provider", [_]) => {
                    if let Some(Expression::String(alias)) = l.block.get("alias") {
                        providers.insert(alias.clone());
                    }
                }
                _ => {}
            }
        }
        // Looked up by borrowed parts: a module of a large stack holds ~100,000 references.
        let declared: std::collections::HashSet<(Space, &str, &str), foldhash::fast::FixedState> =
            self.declared.keys().map(|h| (h.space, h.ty.as_str(), h.name.as_str())).collect();
        let mut out = Vec::new();
        for l in &self.blocks {
            visit_block(&l.block, &mut |root: &str, attrs: &[&str]| {
                let ok = match (root, attrs) {
                    ("var", [name, ..]) => variables.contains(*name),
                    ("local", [name, ..]) => locals.contains(*name),
                    ("aws", [alias, ..]) => providers.contains(*alias),
                    ("data", [ty, name, ..]) => declared.contains(&(Space::Data, *ty, *name)),
                    ("ephemeral", [ty, name, ..]) => declared.contains(&(Space::Ephemeral, *ty, *name)),
                    (ty, [name, ..]) if ty.starts_with("aws_") => declared.contains(&(Space::Resource, ty, *name)),
                    ("data" | "ephemeral" | "var" | "local", _) => false,
                    _ => true,
                };
                if !ok {
                    let mut reference = root.to_owned();
                    for a in attrs {
                        reference.push('.');
                        reference.push_str(a);
                    }
                    let block = format!("{} {}", l.block.ident, l.block.labels.join("."));
                    out.push(Dangling { reference, file: l.file, block });
                }
            });
        }
        out
    }

    /// The files of the module, each printed exactly as `terraform fmt` prints it, under `header`.
    pub fn render(&self, header: &[String]) -> BTreeMap<&'static str, String> {
        let mut files: BTreeMap<&'static str, Vec<&Blk>> = BTreeMap::new();
        for l in &self.blocks {
            files.entry(l.file).or_default().push(&l.block);
        }
        files.into_iter().map(|(file, blocks)| (file, print::file(header, &blocks))).collect()
    }
}

/// Calls `f` with the root and the attribute names (up to the first index) of every traversal.
fn visit_block(block: &Blk, f: &mut dyn FnMut(&str, &[&str])) {
    for item in &block.body {
        match item {
            Item::Attr(_, e) => visit_expr(e, f),
            Item::Block(b) => visit_block(b, f),
        }
    }
}

fn visit_expr(e: &Expression, f: &mut dyn FnMut(&str, &[&str])) {
    match e {
        Expression::Traversal(t) => {
            match &t.expr {
                Expression::Variable(root) => {
                    let attrs = t.operators.iter().map_while(|op| match op {
                        TraversalOperator::GetAttr(id) => Some(id.as_str()),
                        _ => None,
                    });
                    // Without allocating for the usual two or three attributes.
                    let mut short = [""; 6];
                    let (mut n, mut longer) = (0, false);
                    for a in attrs.clone() {
                        if n == short.len() {
                            longer = true;
                            break;
                        }
                        short[n] = a;
                        n += 1;
                    }
                    if longer {
                        f(root.as_str(), &attrs.collect::<Vec<_>>());
                    } else {
                        f(root.as_str(), &short[..n]);
                    }
                }
                other => visit_expr(other, f),
            }
            for op in &t.operators {
                if let TraversalOperator::Index(i) = op {
                    visit_expr(i, f);
                }
            }
        }
        Expression::Array(items) => items.iter().for_each(|i| visit_expr(i, f)),
        Expression::Object(o) => o.values().for_each(|v| visit_expr(v, f)),
        Expression::FuncCall(c) => c.args.iter().for_each(|a| visit_expr(a, f)),
        Expression::Parenthesis(p) => visit_expr(p, f),
        Expression::Conditional(c) => {
            visit_expr(&c.cond_expr, f);
            visit_expr(&c.true_expr, f);
            visit_expr(&c.false_expr, f);
        }
        Expression::Operation(op) => match &**op {
            Operation::Unary(u) => visit_expr(&u.expr, f),
            Operation::Binary(b) => {
                visit_expr(&b.lhs_expr, f);
                visit_expr(&b.rhs_expr, f);
            }
        },
        Expression::TemplateExpr(t) => visit_template(&t.to_string(), f),
        Expression::Variable(v) => f(v.as_str(), &[]),
        // Literals, and `for` expressions (which the lowering never writes).
        _ => {}
    }
}

/// The references in a quoted template [`template`] wrote: each interpolation is a traversal (or
/// `count.index`) printed by hcl-rs, and literal `${` was escaped as `$${`.
fn visit_template(source: &str, f: &mut dyn FnMut(&str, &[&str])) {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'$' && bytes[i + 1] == b'$' {
            i += 2;
            continue;
        }
        if bytes[i] == b'$' && bytes[i + 1] == b'{' {
            let start = i + 2;
            let end = source[start..].find('}').map_or(source.len(), |e| start + e);
            let path = &source[start..end];
            let head =
                path.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).map_or(path, |p| &path[..p]);
            let mut segments = head.split('.');
            if let Some(root) = segments.next().filter(|r| !r.is_empty()) {
                let attrs: Vec<&str> = segments.collect();
                f(root, &attrs);
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_come_from_handles() {
        let subnet = Handle::resource("aws_subnet", "main_private");
        let text = |e: &Expression| hcl::format::to_string(e).unwrap();
        assert_eq!(text(&subnet.attr("id")), "aws_subnet.main_private.id");
        assert_eq!(text(&subnet.at(count_index()).attr("id")), "aws_subnet.main_private[count.index].id");
        assert_eq!(text(&subnet.splat("id")), "aws_subnet.main_private[*].id");
        let caller = Handle::data("aws_caller_identity", "current");
        assert_eq!(text(&caller.attr("account_id")), "data.aws_caller_identity.current.account_id");
    }

    #[test]
    fn templates_escape_literal_text() {
        let vpc = Handle::resource("aws_vpc", "main");
        let e = template(vec![Part::Text("a\"${b}".into()), Part::Expr(vpc.attr("id"))]);
        assert_eq!(hcl::format::to_string(&e).unwrap(), "\"a\\\"$${b}${aws_vpc.main.id}\"");
    }

    #[test]
    fn dangling_references_are_found() {
        let mut m = Module::default();
        let vpc = m.add("network", Blk::of(&Handle::resource("aws_vpc", "main")), None);
        let Some(vpc) = vpc else { panic!("a resource has a handle") };
        let typo = Handle::resource("aws_vpc", "mian");
        m.add(
            "network",
            Blk::of(&Handle::resource("aws_subnet", "a"))
                .set("vpc_id", vpc.attr("id"))
                .set("other", template(vec![Part::Text("x-".into()), Part::Expr(typo.attr("id"))]))
                .set("tags", var("extra_tags"))
                .set(
                    "deep",
                    Expression::from(
                        typo.traversal().attr("a").attr("b").attr("c").attr("d").attr("e").attr("f").build(),
                    ),
                ),
            None,
        );
        let dangling: Vec<String> = m.check_references().into_iter().map(|d| d.reference).collect();
        // A traversal longer than the scan's buffer is reported whole.
        assert_eq!(dangling, ["aws_vpc.mian.id", "var.extra_tags", "aws_vpc.mian.a.b.c.d.e.f"]);
    }
}
