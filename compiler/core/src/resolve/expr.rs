//! Resolving one expression: every root name (`env`, `profile`, `local`, `input`, `module`, `self`, a
//! kind, a `for` variable) and every static member after it is bound here, with one diagnostic per
//! mistake — also in branches no environment takes.

use stackc_syntax::ast::{self, ExprKind as A, Ident};
use stackc_syntax::{Code, Diagnostic, Span};

use super::hir::{EnvField, Expr, ExprKind as H, ForExpr, ResourceRef, TemplatePart};

/// The cost estimate's member of `env` and `self` (policies read it).
const MONTHLY_COST: &str = "monthly_cost";
use crate::functions::FUNCTIONS;
use crate::program::{Program, ScopeId};
use crate::schema::KindDef;
use crate::suggest::did_you_mean;
use crate::types::Ty;

/// Root names with a meaning of their own; kinds and `for` variables are the others.
pub(crate) const ROOT_NAMES: &[&str] = &["env", "profile", "local", "input", "module", "self"];

/// Where an expression is resolved.
#[derive(Clone)]
pub(crate) struct Cx<'a> {
    /// The scope whose locals, inputs, modules and resources names refer to; `None` in a kind's
    /// defaults, which may use only `profile`, `env`, `self` and `only(kind)`.
    pub scope: Option<ScopeId>,
    /// The kind `self` is a resource of (kind defaults, policies with `kind`).
    pub self_kind: Option<&'a KindDef>,
    /// `for` variables in scope, outermost first.
    pub vars: Vec<String>,
}

impl<'a> Cx<'a> {
    pub fn scope(scope: ScopeId) -> Cx<'a> {
        Cx { scope: Some(scope), self_kind: None, vars: Vec::new() }
    }
}

pub(crate) struct Resolver<'p> {
    pub program: &'p Program,
    pub diags: &'p mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn report(&mut self, d: Diagnostic, span: Span) -> Expr {
        self.diags.push(d);
        Expr::error(span)
    }

    pub fn expr(&mut self, e: &ast::Expr, cx: &mut Cx<'_>) -> Expr {
        let span = e.span;
        let kind = match &e.kind {
            A::Null => H::Null,
            A::Bool(b) => H::Bool(*b),
            A::Number(n) if n.is_finite() => H::Number(*n),
            A::Number(_) => {
                let d = Diagnostic::error(Code::E0414, "number out of range").primary(span, "not a finite number");
                return self.report(d, span);
            }
            A::String(s) => H::String(s.clone()),
            A::Error => H::Error,
            A::Template(parts) => H::Template(
                parts
                    .iter()
                    .map(|p| match p {
                        ast::TemplatePart::Literal(s) => TemplatePart::Literal(s.clone()),
                        ast::TemplatePart::Interpolation(e) => TemplatePart::Interpolation(self.expr(e, cx)),
                    })
                    .collect(),
            ),
            A::List(items) => H::List(items.iter().map(|i| self.expr(i, cx)).collect()),
            A::Object(fields) => H::Object(fields.iter().map(|(k, v)| (k.name.clone(), self.expr(v, cx))).collect()),
            A::Variable(id) => return self.variable(id, cx),
            A::GetAttr(base, name) => {
                if let Some(path) = e.as_path() {
                    if !cx.vars.contains(&path[0].name) {
                        return self.path(&path, span, cx);
                    }
                }
                H::Member(Box::new(self.expr(base, cx)), name.clone())
            }
            A::Index(base, index) => H::Index(Box::new(self.expr(base, cx)), Box::new(self.expr(index, cx))),
            A::Call { name, args, expand_final } => return self.call(name, args, *expand_final, span, cx),
            A::Unary(op, operand) => H::Unary(*op, Box::new(self.expr(operand, cx))),
            A::Binary(op, l, r) => H::Binary(*op, Box::new(self.expr(l, cx)), Box::new(self.expr(r, cx))),
            A::Conditional(c, t, f) => {
                H::Conditional(Box::new(self.expr(c, cx)), Box::new(self.expr(t, cx)), Box::new(self.expr(f, cx)))
            }
            A::For(f) => {
                let collection = self.expr(&f.collection, cx);
                let before = cx.vars.len();
                cx.vars.extend(f.key_var.iter().map(|k| k.name.clone()));
                cx.vars.push(f.value_var.name.clone());
                let key_expr = f.key_expr.as_ref().map(|k| self.expr(k, cx));
                let value_expr = self.expr(&f.value_expr, cx);
                let condition = f.condition.as_ref().map(|c| self.expr(c, cx));
                cx.vars.truncate(before);
                H::For(Box::new(ForExpr {
                    has_key_var: f.key_var.is_some(),
                    collection,
                    key_expr,
                    value_expr,
                    condition,
                    grouping: f.grouping,
                }))
            }
        };
        Expr { kind, span }
    }

    fn variable(&mut self, id: &Ident, cx: &Cx<'_>) -> Expr {
        let span = id.span;
        if let Some(depth) = cx.vars.iter().rposition(|v| *v == id.name) {
            return Expr { kind: H::Var(depth), span };
        }
        let d = match id.name.as_str() {
            "env" => return Expr { kind: H::EnvObject, span },
            "profile" => return Expr { kind: H::ProfileObject, span },
            "local" | "input" | "module" | "self" => {
                Diagnostic::error(Code::E0301, format!("`{}` needs a name after it", id.name))
                    .primary(span, format!("write `{}.<name>`", id.name))
            }
            name if self.program.kinds.contains_key(name) => {
                Diagnostic::error(Code::E0301, format!("`{name}` needs a resource name after it"))
                    .primary(span, format!("write `{name}.<name>` to refer to a {name}"))
            }
            _ => {
                let candidates = ROOT_NAMES
                    .iter()
                    .copied()
                    .chain(self.program.kinds.keys().map(String::as_str))
                    .chain(cx.vars.iter().map(String::as_str));
                unknown_root(id, candidates)
            }
        };
        self.report(d, span)
    }

    /// A traversal `root.a.b…` whose root is not a `for` variable.
    fn path(&mut self, path: &[&Ident], span: Span, cx: &Cx<'_>) -> Expr {
        let program = self.program;
        let root = path[0];
        let second = path[1];
        // How many segments the static part consumed; the rest are looked up when evaluating.
        let (head, used) = match root.name.as_str() {
            "env" => match EnvField::parse(&second.name) {
                Some(f) => (H::Env(f), 2),
                None if second.name == MONTHLY_COST => (H::EnvCost, 2),
                None => {
                    let fields = EnvField::ALL.iter().map(|(n, _)| *n);
                    let d = Diagnostic::error(Code::E0304, format!("unknown field `{}`", second.name))
                        .primary(second.span, "not a field of the environment context")
                        .help(
                            did_you_mean(&second.name, fields)
                                .unwrap_or_else(|| "`env` has: name, profile, region, monthly_cost".into()),
                        );
                    return self.report(d, span);
                }
            },
            "profile" => {
                let Some(model) = program.profile_model() else { return Expr::error(span) };
                match model.fields.get_index_of(&second.name) {
                    Some(i) => (H::Profile(i), 2),
                    None => {
                        let help = did_you_mean(&second.name, model.fields.keys().map(String::as_str));
                        let d = Diagnostic::error(Code::E0304, format!("unknown field `{}`", second.name))
                            .primary(second.span, "not a field of the profiles")
                            .maybe_help(help.or_else(|| Some("see the profile reference in docs/language.md".into())));
                        return self.report(d, span);
                    }
                }
            }
            "self" => {
                let Some(kind) = cx.self_kind else {
                    let d = Diagnostic::error(Code::E0306, "`self` is not available here")
                        .primary(root.span, "no resource is `self` here")
                        .help("`self` is for kind defaults and policies with `kind`; refer to the resource by `kind.name`");
                    return self.report(d, span);
                };
                if let Some(i) = kind.attributes.get_index_of(&second.name) {
                    if let (Ty::Ref(target), Some(next)) = (&kind.attributes[i].ty, path.get(2)) {
                        if !self.member_exists(target, &format!("self.{}", second.name), next) {
                            return Expr::error(span);
                        }
                    }
                    (H::SelfAttr(i), 2)
                } else if let Some(i) = kind.outputs.get_index_of(&second.name) {
                    (H::SelfOutput(i), 2)
                } else if let Some(i) = kind.blocks.get_index_of(&second.name) {
                    (H::SelfBlock(i), 2)
                } else if second.name == MONTHLY_COST {
                    (H::SelfCost, 2)
                } else {
                    let d = unknown_member(&kind.name, "self", second, kind.member_names());
                    return self.report(d, span);
                }
            }
            "local" | "input" | "module" if cx.scope.is_none() => {
                return self.report(not_in_kind_default(root), span);
            }
            "local" => {
                let scope = cx.scope.unwrap_or(crate::program::ROOT);
                let locals = &program.scopes[scope].locals;
                match locals.get_index_of(&second.name) {
                    Some(index) => (H::Local { scope, index }, 2),
                    None if program.scopes[scope].maybe_broken("locals", None) => return Expr::error(span),
                    None => {
                        let help = did_you_mean(&second.name, locals.keys().map(String::as_str));
                        let d = Diagnostic::error(Code::E0304, format!("unknown local `{}`", second.name))
                            .primary(second.span, "no such local in this scope")
                            .maybe_help(help);
                        return self.report(d, span);
                    }
                }
            }
            "input" => {
                let scope = cx.scope.unwrap_or(crate::program::ROOT);
                let s = &program.scopes[scope];
                if s.parent.is_none() {
                    let d = Diagnostic::error(Code::E0304, "`input` is only available inside a module")
                        .primary(second.span, "this is the stack itself")
                        .help("use `local.<name>` for named values in a stack");
                    return self.report(d, span);
                }
                match s.inputs.get_index_of(&second.name) {
                    Some(index) => (H::Input { scope, index }, 2),
                    None => {
                        let help = did_you_mean(&second.name, s.inputs.keys().map(String::as_str));
                        let d = Diagnostic::error(Code::E0304, format!("unknown input `{}`", second.name))
                            .primary(second.span, "the module declares no such input")
                            .maybe_help(help);
                        return self.report(d, span);
                    }
                }
            }
            "module" => {
                let scope = cx.scope.unwrap_or(crate::program::ROOT);
                let modules = &program.scopes[scope].modules;
                let Some(inst) = modules.get(&second.name) else {
                    if program.scopes[scope].maybe_broken("module", Some(&second.name)) {
                        return Expr::error(span);
                    }
                    let help = did_you_mean(&second.name, modules.keys().map(String::as_str));
                    let d = Diagnostic::error(Code::E0302, format!("unknown module `{}`", second.name))
                        .primary(second.span, "no module instance of this name")
                        .maybe_help(help);
                    return self.report(d, span);
                };
                let Some(out) = path.get(2) else {
                    let d = Diagnostic::error(
                        Code::E0205,
                        format!("`module.{}` needs an output name after it", second.name),
                    )
                    .primary(second.span, "write `module.<name>.<output>`");
                    return self.report(d, span);
                };
                let Some(inner) = inst.scope else { return Expr::error(span) };
                let outputs = &program.scopes[inner].outputs;
                match outputs.get_index_of(&out.name) {
                    Some(index) => (H::ModuleOutput { scope: inner, index }, 3),
                    None => {
                        let help = did_you_mean(&out.name, outputs.keys().map(String::as_str));
                        let d = Diagnostic::error(
                            Code::E0205,
                            format!("module `{}` has no output `{}`", second.name, out.name),
                        )
                        .primary(out.span, "no such output")
                        .maybe_help(help);
                        return self.report(d, span);
                    }
                }
            }
            kind if program.kinds.contains_key(kind) => {
                let Some(scope) = cx.scope else { return self.report(not_in_kind_default(root), span) };
                let key = format!("{kind}.{}", second.name);
                let Some(&index) = program.scopes[scope].resources.get(&key) else {
                    if program.scopes[scope].maybe_broken(kind, Some(&second.name)) {
                        return Expr::error(span);
                    }
                    let d = unknown_resource(program, scope, root, second);
                    return self.report(d, span);
                };
                let target = ResourceRef { index, span: root.span.to(second.span) };
                let Some(member) = path.get(2) else {
                    return Expr { kind: H::Resource(target), span };
                };
                let Some(k) = program.kinds.get(kind) else { return Expr::error(span) };
                if let Some(i) = k.attributes.get_index_of(&member.name) {
                    if let (Ty::Ref(target_kind), Some(next)) = (&k.attributes[i].ty, path.get(3)) {
                        let at = format!("{}.{}", program.resources[index].address, member.name);
                        if !self.member_exists(target_kind, &at, next) {
                            return Expr::error(span);
                        }
                    }
                    (H::Attr(target, i), 3)
                } else if let Some(i) = k.outputs.get_index_of(&member.name) {
                    (H::Output(target, i), 3)
                } else if let Some(i) = k.blocks.get_index_of(&member.name) {
                    (H::Block(target, i), 3)
                } else {
                    let d = unknown_member(kind, &program.resources[index].address, member, k.member_names());
                    return self.report(d, span);
                }
            }
            _ => {
                let candidates = ROOT_NAMES
                    .iter()
                    .copied()
                    .chain(program.kinds.keys().map(String::as_str))
                    .chain(cx.vars.iter().map(String::as_str));
                return self.report(unknown_root(root, candidates), span);
            }
        };
        let end = path[used - 1].span;
        let mut expr = Expr { kind: head, span: root.span.to(end) };
        for segment in &path[used..] {
            let s = expr.span.to(segment.span);
            expr = Expr { kind: H::Member(Box::new(expr), (*segment).clone()), span: s };
        }
        expr
    }

    /// Whether `name` is an attribute or output of `kind`; reports E0303 when not.
    fn member_exists(&mut self, kind: &str, at: &str, name: &Ident) -> bool {
        let Some(k) = self.program.kinds.get(kind) else { return true };
        if k.has_member(&name.name) {
            return true;
        }
        self.diags.push(unknown_member(kind, at, name, k.member_names()));
        false
    }

    fn call(&mut self, name: &Ident, args: &[ast::Expr], expand_final: bool, span: Span, cx: &mut Cx<'_>) -> Expr {
        if expand_final {
            let d = Diagnostic::error(Code::E0002, "argument expansion (`...`) is not supported")
                .primary(span, "not supported here")
                .help("pass the list itself; functions like `concat` and `merge` take lists");
            return self.report(d, span);
        }
        if name.name == "only" {
            return match args {
                [ast::Expr { kind: A::Variable(k), .. }] if self.program.kinds.contains_key(&k.name) => {
                    Expr { kind: H::Only(k.name.clone()), span }
                }
                _ => {
                    let d = Diagnostic::error(Code::E0411, "wrong arguments to `only`")
                        .primary(span, "`only` takes one kind name, like `only(network)`");
                    self.report(d, span)
                }
            };
        }
        let Some(&(function, _, _)) = FUNCTIONS.iter().find(|f| f.0 == name.name) else {
            let help = did_you_mean(&name.name, FUNCTIONS.iter().map(|x| x.0));
            let d = Diagnostic::error(Code::E0412, format!("unknown function `{}`", name.name))
                .primary(name.span, "no such function")
                .maybe_help(help.or_else(|| Some("see the function reference in docs/language.md".into())));
            // Still resolve the arguments: their mistakes are independent.
            for a in args {
                self.expr(a, cx);
            }
            return self.report(d, span);
        };
        let args = args.iter().map(|a| self.expr(a, cx)).collect();
        Expr { kind: H::Call { function, args }, span }
    }
}

fn not_in_kind_default(root: &Ident) -> Diagnostic {
    Diagnostic::error(Code::E0601, "invalid kind definition")
        .primary(root.span, "a kind default may use only `profile`, `env`, `self` and `only(kind)`")
}

/// An expression starts with a name that means nothing here.
pub(crate) fn unknown_root<'a>(id: &Ident, candidates: impl Iterator<Item = &'a str>) -> Diagnostic {
    let help = if id.name == "var" {
        Some("stacks have no variables: use `local.<name>`, or `input.<name>` inside a module".to_owned())
    } else {
        did_you_mean(&id.name, candidates)
    };
    Diagnostic::error(Code::E0301, format!("unknown name `{}`", id.name))
        .primary(id.span, "not a kind, `env`, `profile`, `local`, `input`, `module`, `self` or a `for` variable")
        .maybe_help(help)
}

fn unknown_resource(program: &Program, scope: ScopeId, kind: &Ident, name: &Ident) -> Diagnostic {
    let prefix = format!("{}.", kind.name);
    let same_kind = program.scopes[scope].resources.keys().filter_map(|k| k.strip_prefix(&prefix));
    let mut help = crate::suggest::closest(&name.name, same_kind).map(|n| format!("did you mean `{}.{n}`?", kind.name));
    if help.is_none() {
        // The name may exist as another kind.
        let suffix = format!(".{}", name.name);
        let other = program.scopes[scope].resources.keys().find(|k| k.ends_with(&suffix));
        if let Some(o) = other {
            help = Some(format!("did you mean `{o}`?"));
        }
    }
    Diagnostic::error(Code::E0302, format!("unknown {} `{}`", kind.name, name.name))
        .primary(kind.span.to(name.span), format!("no {} named `{}` in this stack", kind.name, name.name))
        .maybe_help(help)
}

pub(crate) fn unknown_member<'a>(
    kind: &str,
    address: &str,
    name: &Ident,
    members: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let members: Vec<&str> = members.collect();
    let help = did_you_mean(&name.name, members.iter().copied())
        .unwrap_or_else(|| format!("a {kind} has: {}", members.join(", ")));
    Diagnostic::error(Code::E0303, format!("a {kind} has no attribute or output `{}`", name.name))
        .primary(name.span, format!("not a member of `{address}`"))
        .help(help)
}
