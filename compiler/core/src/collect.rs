//! Collecting declarations: reads the stack directory (and, recursively, module sources) through the
//! [`SourceProvider`], parses every file, and sorts top-level blocks into a [`Program`] of scopes.
//! Structural problems (unknown block types, duplicate names, bad labels, unloadable modules) are
//! reported here; everything about values is left to the checker and evaluator.

use std::sync::Arc;

use crate::schema::IndexMap;
use stackc_syntax::ast::{Block, Body, Expr, ExprKind, File, Ident};
use stackc_syntax::{parse_file, parse_files, Code, Diagnostic, FileId, Severity, SourceFile, SourceMap, Span};

use crate::embedded;
use crate::program::*;
use crate::schema::{read_group, read_kind};
use crate::sources::{self, SourceError, SourceProvider};
use crate::suggest::did_you_mean;
use crate::types::{parse_type, Ty};
use crate::value::Value;

/// Top-level block types other than kinds.
const ROOT_BLOCKS: &[&str] = &["stack", "environment", "profile", "locals", "module", "policy"];
const MODULE_BLOCKS: &[&str] = &["locals", "module", "input", "output"];
/// Module nesting deeper than this is refused (it is almost surely a mistake, and bounds the work).
const MAX_MODULE_DEPTH: usize = 16;

pub(crate) struct Collector<'a> {
    pub provider: &'a dyn SourceProvider,
    pub sources: &'a mut SourceMap,
    pub diags: &'a mut Vec<Diagnostic>,
    pub program: Program,
}

impl Collector<'_> {
    fn parse(&mut self, path: &str, text: Arc<str>) -> File {
        let id = self.sources.add(SourceFile::new(path, text.clone()));
        let (file, diags) = parse_file(id, &text);
        self.diags.extend(diags);
        file
    }

    /// Parses files on every core (`stackc_syntax::parse_files`), registered in the source map in
    /// order: the same file IDs, trees and diagnostics as parsing them one by one.
    fn parse_many(&mut self, files: Vec<(String, Arc<str>)>) -> Vec<File> {
        let ids: Vec<FileId> =
            files.iter().map(|(path, text)| self.sources.add(SourceFile::new(path, text.clone()))).collect();
        let jobs: Vec<(FileId, &str)> = ids.iter().copied().zip(files.iter().map(|(_, t)| &**t)).collect();
        let threads = stackc_syntax::work::cores();
        parse_files(&jobs, threads)
            .into_iter()
            .map(|(file, diags)| {
                self.diags.extend(diags);
                file
            })
            .collect()
    }

    /// The standard library's files (kinds, groups, built-in profiles; not its modules).
    fn builtin_files() -> Vec<(String, Arc<str>)> {
        embedded::FILES
            .iter()
            .filter(|(path, _)| !path.starts_with("<stackc>/modules/"))
            .map(|(path, text)| ((*path).to_owned(), Arc::from(*text)))
            .collect()
    }

    /// Reads the embedded standard library: kinds and built-in profiles.
    pub fn load_builtins(&mut self) {
        let files = self.parse_many(Self::builtin_files());
        self.builtins(files);
    }

    /// The standard library and the stack directory (the root scope, and its module instances),
    /// their files parsed together; `parsed` is called once they are.
    pub fn load(&mut self, dir: &str, parsed: impl FnOnce()) -> Result<(), SourceError> {
        let mut files = Self::builtin_files();
        let builtins = files.len();
        files.extend(self.read_stack_files(dir)?);
        let mut asts = self.parse_many(files);
        parsed();
        let stack = asts.split_off(builtins);
        self.builtins(asts);
        self.root(dir, stack);
        Ok(())
    }

    fn builtins(&mut self, files: Vec<File>) {
        let mut kind_blocks = Vec::new();
        let mut group_blocks = Vec::new();
        let mut profile_blocks = Vec::new();
        for file in files {
            for block in file.body.blocks {
                match block.ident.name.as_str() {
                    "kind" => kind_blocks.push(block),
                    "group" => group_blocks.push(block),
                    "profile" => profile_blocks.push(block),
                    _ => self.diags.push(Diagnostic::error(Code::E0601, "invalid kind definition").primary(
                        block.ident.span,
                        "only `kind`, `group` and `profile` belong in the standard library",
                    )),
                }
            }
        }
        let names: Vec<String> = kind_blocks.iter().filter_map(|b| b.labels.first().map(|l| l.name.clone())).collect();
        let is_kind = |n: &str| names.iter().any(|k| k == n);
        let mut groups = IndexMap::default();
        for block in &group_blocks {
            if let Some(group) = read_group(block, &is_kind, self.diags) {
                groups.insert(group.name.clone(), group);
            }
        }
        for block in &kind_blocks {
            if let Some(kind) = read_kind(block, &groups, &is_kind, self.diags) {
                self.program.kinds.insert(kind.name.clone(), Arc::new(kind));
            }
        }
        for block in &profile_blocks {
            self.profile(block, true);
        }
        self.program.groups = groups;
    }

    /// Reads a `profile` block. A user profile must extend a built-in one and may only replace fields.
    fn profile(&mut self, block: &Block, builtin: bool) {
        let Some(name) = self.single_label(block, "profile") else { return };
        if let Some(first) = self.program.profiles.get(&name.name) {
            let d = duplicate("profile", &name.name, name.span, first.span);
            self.diags.push(d);
            return;
        }
        let mut fields = IndexMap::default();
        let mut doc = String::new();
        let mut base = name.name.clone();
        if !builtin {
            match block.body.attribute("extends") {
                Some(ext) => match ext.value.as_str() {
                    Some(extends) => match self.program.profiles.get(extends).filter(|p| p.builtin) {
                        Some(p) => {
                            fields = p.fields.clone();
                            base = p.name.clone();
                        }
                        None => {
                            let builtins: Vec<&str> =
                                self.program.profiles.values().filter(|p| p.builtin).map(|p| p.name.as_str()).collect();
                            self.diags.push(
                                Diagnostic::error(Code::E0112, format!("unknown profile `{extends}`"))
                                    .primary(ext.value.span, "not a built-in profile")
                                    .help(format!("a profile extends one of: {}", builtins.join(", "))),
                            );
                            return;
                        }
                    },
                    None => {
                        self.diags.push(
                            Diagnostic::error(Code::E0401, "type mismatch")
                                .primary(ext.value.span, "expected the name of a built-in profile, as a string"),
                        );
                        return;
                    }
                },
                None => {
                    self.diags.push(
                        Diagnostic::error(Code::E0109, "missing required attribute `extends`")
                            .primary(block.header_span(), "this profile extends nothing")
                            .help("add `extends = \"production\"` (or \"development\", \"staging\")"),
                    );
                    return;
                }
            }
        }
        for attr in &block.body.attributes {
            match attr.name.name.as_str() {
                "extends" => {}
                "doc" => doc = attr.value.as_str().unwrap_or_default().to_owned(),
                field => {
                    let Some(value) = self.const_value(&attr.value) else { continue };
                    if !builtin {
                        match fields.get(field) {
                            None => {
                                let help = did_you_mean(field, fields.keys().map(String::as_str));
                                self.diags.push(
                                    Diagnostic::error(Code::E0108, format!("unknown profile field `{field}`"))
                                        .primary(attr.name.span, "not a field of the profile it extends")
                                        .maybe_help(help),
                                );
                                continue;
                            }
                            Some((old, _)) if old.type_name() != value.type_name() && !old.is_null() => {
                                self.diags.push(Diagnostic::error(Code::E0401, "type mismatch").primary(
                                    attr.value.span,
                                    format!("expected {}, found {}", old.type_name(), value.type_name()),
                                ));
                                continue;
                            }
                            _ => {}
                        }
                    }
                    fields.insert(field.to_owned(), (value, attr.value.span));
                }
            }
        }
        for inner in &block.body.blocks {
            self.diags.push(unknown_block(&inner.ident, "a profile", &[]));
        }
        if builtin {
            if let Some(model) = self.program.profile_model() {
                for (k, (v, _)) in &model.fields {
                    if !fields.contains_key(k) {
                        self.diags.push(
                            Diagnostic::error(Code::E0601, "invalid kind definition")
                                .primary(name.span, format!("built-in profile lacks field `{k}` ({})", v.type_name())),
                        );
                    }
                }
            }
        }
        self.program.profiles.insert(
            name.name.clone(),
            Profile { name: name.name.clone(), doc, builtin, base, fields, span: name.span },
        );
    }

    /// A profile field's value: literals, lists and objects of literals.
    fn const_value(&mut self, expr: &Expr) -> Option<Value> {
        Some(match &expr.kind {
            ExprKind::Null => Value::Null,
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Number(n) => Value::Number(*n),
            ExprKind::String(s) => Value::String(s.clone()),
            ExprKind::List(items) => Value::List(items.iter().map(|e| self.const_value(e)).collect::<Option<_>>()?),
            ExprKind::Object(fields) => Value::Map(
                fields.iter().map(|(k, v)| Some((k.name.clone(), self.const_value(v)?))).collect::<Option<_>>()?,
            ),
            _ => {
                self.diags.push(
                    Diagnostic::error(Code::E0115, "profile fields must be constants")
                        .primary(expr.span, "not a constant")
                        .help("write a literal value: a string, number, bool, list or object"),
                );
                return None;
            }
        })
    }

    fn single_label<'b>(&mut self, block: &'b Block, what: &str) -> Option<&'b Ident> {
        if block.labels.len() == 1 {
            return block.labels.first();
        }
        let msg = if block.labels.is_empty() {
            format!("`{what}` needs a name")
        } else {
            format!("`{what}` takes one name, found {}", block.labels.len())
        };
        self.diags.push(
            Diagnostic::error(Code::E0102, msg)
                .primary(block.header_span(), "here")
                .help(format!("write `{what} \"name\" {{ … }}`")),
        );
        None
    }

    fn no_labels(&mut self, block: &Block) {
        if let Some(first) = block.labels.first() {
            let span = first.span.to(block.labels.last().map_or(first.span, |l| l.span));
            self.diags.push(
                Diagnostic::error(Code::E0102, format!("`{}` takes no name", block.ident.name))
                    .primary(span, "remove this")
                    .help(format!("write `{} {{ … }}`", block.ident.name)),
            );
        }
    }

    /// The stack directory's files, read; one that cannot be read is an E0004.
    fn read_stack_files(&mut self, dir: &str) -> Result<Vec<(String, Arc<str>)>, SourceError> {
        let mut out = Vec::new();
        for path in self.provider.stack_files(dir)? {
            match self.provider.read(&path) {
                Ok(text) => out.push((path, text)),
                Err(e) => {
                    self.diags.push(Diagnostic::error(Code::E0004, format!("cannot read `{path}`: {}", e.message)))
                }
            }
        }
        Ok(out)
    }

    /// The root scope from the stack directory's parsed files, and its module instances.
    fn root(&mut self, dir: &str, asts: Vec<File>) {
        self.program.scopes.push(Scope { id: ROOT, dir: dir.to_owned(), ..Scope::default() });
        // Profiles first: environments refer to them.
        for file in &asts {
            for block in file.body.blocks_named("profile") {
                self.profile(block, false);
            }
        }
        for file in asts {
            self.scope_file(ROOT, file, &mut vec![dir.to_owned()]);
        }
        let root_broken = |kind: &str| self.program.scopes[ROOT].maybe_broken(kind, None);
        if self.program.stack.is_none() && !root_broken("stack") {
            let first_file = self.sources.iter().find(|(_, f)| !f.path.starts_with("<stackc>/")).map(|(id, _)| id);
            let mut d = Diagnostic::error(Code::E0104, "no `stack` block")
                .help("add `stack \"name\" { region = \"us-east-1\" }` to one of the stack's files");
            if let Some(id) = first_file {
                d = d.primary(Span::new(id, 0, 0), "in this stack");
            } else {
                // `dir` is the stack directory as a virtual path: for the CLI, relative to the repository
                // root, which it is itself when empty.
                let place = match dir.trim_end_matches('/') {
                    "" | "." => "the stack directory".to_owned(),
                    dir => format!("`{dir}`"),
                };
                d = d.note(format!(
                    "{place} has no stack files: stackc reads the files whose names end in `.stack.hcl` \
                     (like `main.stack.hcl`)"
                ));
            }
            self.diags.push(d);
        }
        if self.program.environments.is_empty() && self.program.stack.is_some() && !root_broken("environment") {
            if let Some(stack) = &self.program.stack {
                self.diags.push(
                    Diagnostic::error(Code::E0107, "no environments")
                        .primary(stack.name.span, "this stack declares no `environment`")
                        .help("add `environment \"dev\" { profile = \"development\" }`"),
                );
            }
        }
    }

    /// Sorts one file's top-level blocks into `scope`. `chain` is the module directories from the root
    /// to this scope, to refuse a module that contains itself.
    fn scope_file(&mut self, scope: ScopeId, file: File, chain: &mut Vec<String>) {
        let is_root = scope == ROOT;
        self.program.scopes[scope]
            .broken
            .extend(file.broken.iter().map(|b| (b.ident.name.clone(), b.label.as_ref().map(|l| l.name.clone()))));
        for attr in &file.body.attributes {
            self.diags.push(
                Diagnostic::error(Code::E0114, "attributes are not allowed at the top level")
                    .primary(attr.name.span, "outside any block")
                    .help("put it in a `locals { … }` block, or inside the resource it belongs to"),
            );
        }
        for block in file.body.blocks {
            let ident = block.ident.name.clone();
            match ident.as_str() {
                "stack" if is_root => self.stack(block),
                "environment" if is_root => self.environment(block),
                "profile" if is_root => {} // read before the other blocks
                "policy" if is_root => self.policy(block),
                "locals" => self.locals(scope, block),
                "module" => self.module(scope, block, chain),
                "input" if !is_root => self.input(scope, block),
                "output" if !is_root => self.output(scope, block),
                _ if self.program.kinds.contains_key(&ident) => self.resource(scope, block),
                _ => {
                    let allowed = if is_root { ROOT_BLOCKS } else { MODULE_BLOCKS };
                    let d = if ROOT_BLOCKS.contains(&ident.as_str()) || MODULE_BLOCKS.contains(&ident.as_str()) {
                        Diagnostic::error(Code::E0101, format!("`{ident}` is not allowed here")).primary(
                            block.ident.span,
                            if is_root { "only allowed in a module" } else { "only allowed in the stack itself" },
                        )
                    } else {
                        let kinds: Vec<&str> = self.program.kinds.keys().map(String::as_str).collect();
                        unknown_block(&block.ident, "the top level", &[allowed, &kinds].concat())
                    };
                    self.diags.push(d);
                }
            }
        }
    }

    fn stack(&mut self, block: Block) {
        let Some(name) = self.single_label(&block, "stack").cloned() else { return };
        if let Some(first) = &self.program.stack {
            let d = Diagnostic::error(Code::E0105, "more than one `stack` block")
                .primary(name.span, "second stack block")
                .secondary(first.name.span, "first declared here")
                .help("a stack directory has exactly one `stack` block; merge them");
            self.diags.push(d);
            return;
        }
        if !valid_name(&name.name) {
            // The stack name starts every AWS name stackc derives (`<stack>-<env>-<resource>`).
            self.diags.push(invalid_name("stack", &name));
        }
        let misspelled =
            check_body(self.diags, &block.body, "the stack block", &["region", "tags", "admins"], &["state"]);
        let mut state_bucket = None;
        for state in block.body.blocks_named("state") {
            self.no_labels(state);
            check_body(self.diags, &state.body, "the state block", &["bucket", "lock_table"], &[]);
            state_bucket = state.body.attribute("bucket").map(|a| a.value.clone());
            if let Some(lock) = state.body.attribute("lock_table") {
                self.diags.push(
                    Diagnostic::error(Code::E0108, "`lock_table` is no longer used")
                        .primary(lock.name.span, "state locking needs no DynamoDB table")
                        .help("remove it: the S3 backend locks the state with a lock file next to it (use_lockfile, Terraform 1.11)"),
                );
            }
        }
        if block.body.attribute("region").is_none() && !misspelled.contains(&"region") {
            self.diags.push(missing_attr("region", name.span, "the stack", "region = \"us-east-1\""));
        }
        self.program.stack = Some(StackDecl {
            region: block.body.attribute("region").map(|a| a.value.clone()),
            tags: block.body.attribute("tags").map(|a| a.value.clone()),
            state_bucket,
            admins: block.body.attribute("admins").map(|a| a.value.clone()),
            span: block.header_span(),
            name,
        });
    }

    fn environment(&mut self, block: Block) {
        let Some(name) = self.single_label(&block, "environment").cloned() else { return };
        if let Some(first) = self.program.environments.iter().find(|e| e.name.name == name.name) {
            let d = duplicate("environment", &name.name, name.span, first.name.span);
            self.diags.push(d);
            return;
        }
        if !valid_name(&name.name) {
            self.diags.push(invalid_name("environment", &name));
        }
        let misspelled = check_body(
            self.diags,
            &block.body,
            "an environment",
            &["profile", "region", "suppress"],
            &["approval", "override", "budget", "usage"],
        );
        let profile = match block.body.attribute("profile") {
            None if misspelled.contains(&"profile") => None,
            None => {
                self.diags.push(missing_attr("profile", name.span, "the environment", "profile = \"development\""));
                None
            }
            Some(attr) => match attr.value.as_str() {
                Some(p) if self.program.profiles.contains_key(p) => Some((p.to_owned(), attr.value.span)),
                Some(p) => {
                    let help = did_you_mean(p, self.program.profiles.keys().map(String::as_str)).unwrap_or_else(|| {
                        let all: Vec<&str> = self.program.profiles.keys().map(String::as_str).collect();
                        format!("profiles: {}", all.join(", "))
                    });
                    self.diags.push(
                        Diagnostic::error(Code::E0112, format!("unknown profile `{p}`"))
                            .primary(attr.value.span, "no such profile")
                            .help(help),
                    );
                    None
                }
                None => {
                    self.diags.push(
                        Diagnostic::error(Code::E0401, "type mismatch")
                            .primary(attr.value.span, "expected a profile name, as a string literal"),
                    );
                    None
                }
            },
        };
        let mut approval = None;
        let mut overrides = Vec::new();
        let mut budget = None;
        let mut usage = crate::cost::Usage::default();
        // `budget` and `usage` once each: a second would silently replace the first.
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for inner in &block.body.blocks {
            let ident = inner.ident.name.as_str();
            if matches!(ident, "budget" | "usage") {
                if let Some((_, first)) = seen.iter().find(|(n, _)| *n == ident) {
                    self.diags.push(
                        Diagnostic::error(Code::E0103, format!("environment `{}` has two `{ident}` blocks", name.name))
                            .primary(inner.ident.span, "declared again here")
                            .secondary(*first, "first declared here")
                            .help(format!("merge them into one `{ident}` block")),
                    );
                    continue;
                }
                seen.push((ident, inner.ident.span));
            }
            match ident {
                "budget" => {
                    self.no_labels(inner);
                    budget = self.budget(inner);
                }
                "usage" => {
                    self.no_labels(inner);
                    self.usage(inner, &mut usage);
                }
                "approval" => {
                    self.no_labels(inner);
                    check_body(self.diags, &inner.body, "an approval block", &["reviewers", "wait"], &[]);
                    approval = Some(ApprovalDecl {
                        reviewers: inner.body.attribute("reviewers").map(|a| a.value.clone()),
                        wait: inner.body.attribute("wait").map(|a| a.value.clone()),
                        span: inner.ident.span,
                    });
                }
                "override" => {
                    let Some(target) = self.single_label(inner, "override") else { continue };
                    overrides.push(OverrideDecl {
                        target: target.name.clone(),
                        target_span: target.span,
                        body: inner.body.clone(),
                    });
                }
                _ => {}
            }
        }
        let suppress = match block.body.attribute("suppress") {
            Some(attr) => self.environment_suppressions(&attr.value),
            None => Default::default(),
        };
        self.program.environments.push(EnvironmentDecl {
            region: block.body.attribute("region").map(|a| a.value.clone()),
            span: block.header_span(),
            name,
            profile,
            approval,
            overrides,
            budget,
            usage,
            suppress,
        });
    }

    /// An environment's `suppress`: a literal map, like a resource's (rules over the environment
    /// are decided before anything is evaluated, so no expressions).
    fn environment_suppressions(
        &mut self,
        expr: &Expr,
    ) -> std::collections::BTreeMap<String, crate::graph::Suppression> {
        fn literal(e: &Expr) -> Option<Value> {
            Some(match &e.kind {
                ExprKind::String(s) => Value::String(s.clone()),
                ExprKind::Null => Value::Null,
                ExprKind::Object(fields) => {
                    Value::Map(fields.iter().map(|(k, v)| Some((k.name.clone(), literal(v)?))).collect::<Option<_>>()?)
                }
                _ => return None,
            })
        }
        let (Some(Value::Map(map)), ExprKind::Object(fields)) = (literal(expr), &expr.kind) else {
            self.diags.push(
                Diagnostic::error(Code::E0418, "an environment's `suppress` is a literal map")
                    .primary(expr.span, "not a map of literal reasons")
                    .help("write `suppress = { SC501 = \"…\" }` or `{ SC501 = { reason = \"…\", until = \"2027-03-31\" } }`"),
            );
            return Default::default();
        };
        let span_of = |key: &str| fields.iter().find(|(k, _)| k.name == key).map_or(expr.span, |(_, v)| v.span);
        let (out, diags) = crate::rules::suppress::parse(map, &span_of, crate::rules::suppress::On::Environment);
        self.diags.extend(diags);
        out
    }

    /// A block's `severity = "error" | "warning"` (policies, budgets): an error when absent.
    fn severity(&mut self, body: &Body) -> Severity {
        let Some(a) = body.attribute("severity") else { return Severity::Error };
        match a.value.as_str() {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            _ => {
                self.diags.push(
                    Diagnostic::error(Code::E0409, "value is not one of the allowed values")
                        .primary(a.value.span, "expected \"error\" or \"warning\""),
                );
                Severity::Error
            }
        }
    }

    /// `budget { monthly = 800, severity = "warning" }`: literals only.
    fn budget(&mut self, block: &Block) -> Option<BudgetDecl> {
        check_body(self.diags, &block.body, "a budget block", &["monthly", "severity"], &[]);
        let severity = self.severity(&block.body);
        let Some(attr) = block.body.attribute("monthly") else {
            self.diags.push(missing_attr("monthly", block.ident.span, "the budget", "monthly = 800"));
            return None;
        };
        match attr.value.kind {
            stackc_syntax::ast::ExprKind::Number(n) if n > 0.0 && n.is_finite() => {
                Some(BudgetDecl { monthly: n, severity, span: block.ident.span })
            }
            _ => {
                self.diags.push(
                    Diagnostic::error(Code::E0401, "type mismatch")
                        .primary(attr.value.span, "expected a positive number of US dollars, like `monthly = 800`"),
                );
                None
            }
        }
    }

    /// `usage { nat_data_gb = 500 }`: each key a usage assumption, each value a non-negative number.
    fn usage(&mut self, block: &Block, usage: &mut crate::cost::Usage) {
        let keys: Vec<&str> = crate::cost::usage::ASSUMPTIONS.iter().map(|a| a.key).collect();
        check_body(self.diags, &block.body, "a usage block", &keys, &[]);
        for attr in &block.body.attributes {
            let Some(index) = crate::cost::Usage::position(&attr.name.name) else { continue };
            match attr.value.kind {
                stackc_syntax::ast::ExprKind::Number(n) if crate::cost::Usage::accepts(index, n) => usage.set(index, n),
                _ => self.diags.push(Diagnostic::error(Code::E0401, "type mismatch").primary(
                    attr.value.span,
                    if attr.name.name.ends_with("_percent") {
                        "expected a percentage from 0 to 100"
                    } else {
                        "expected a non-negative number"
                    },
                )),
            }
        }
    }

    fn policy(&mut self, block: Block) {
        let Some(name) = self.single_label(&block, "policy").cloned() else { return };
        if let Some(first) = self.program.policies.iter().find(|p| p.name.name == name.name) {
            let d = duplicate("policy", &name.name, name.span, first.name.span);
            self.diags.push(d);
            return;
        }
        let misspelled =
            check_body(self.diags, &block.body, "a policy", &["kind", "when", "assert", "message", "severity"], &[]);
        let kind = block.body.attribute("kind").and_then(|a| match a.value.as_str() {
            Some(k) if self.program.kinds.contains_key(k) => Some((k.to_owned(), a.value.span)),
            other => {
                let help = other.and_then(|k| did_you_mean(k, self.program.kinds.keys().map(String::as_str)));
                self.diags.push(
                    Diagnostic::error(Code::E0116, "unknown kind")
                        .primary(a.value.span, "not a kind of the standard library")
                        .maybe_help(help),
                );
                None
            }
        });
        let severity = self.severity(&block.body);
        for required in ["assert", "message"] {
            if block.body.attribute(required).is_none() && !misspelled.contains(&required) {
                let example = if required == "assert" { "assert = self.multi_az" } else { "message = \"…\"" };
                self.diags.push(missing_attr(required, name.span, "the policy", example));
            }
        }
        self.program.policies.push(PolicyDecl {
            kind,
            when: block.body.attribute("when").map(|a| a.value.clone()),
            assert: block.body.attribute("assert").map(|a| a.value.clone()),
            message: block.body.attribute("message").map(|a| a.value.clone()),
            severity,
            span: block.header_span(),
            name,
        });
    }

    fn locals(&mut self, scope: ScopeId, block: Block) {
        self.no_labels(&block);
        for inner in &block.body.blocks {
            self.diags.push(unknown_block(&inner.ident, "`locals`", &[]));
        }
        for attr in block.body.attributes {
            if let Some(first) = self.program.scopes[scope].locals.get(&attr.name.name) {
                let d = duplicate("local", &attr.name.name, attr.name.span, first.name.span);
                self.diags.push(d);
                continue;
            }
            self.program.scopes[scope]
                .locals
                .insert(attr.name.name.clone(), LocalDecl { name: attr.name, value: attr.value });
        }
    }

    fn input(&mut self, scope: ScopeId, block: Block) {
        let Some(name) = self.single_label(&block, "input").cloned() else { return };
        if let Some(first) = self.program.scopes[scope].inputs.get(&name.name) {
            let d = duplicate("input", &name.name, name.span, first.name.span);
            self.diags.push(d);
            return;
        }
        check_body(self.diags, &block.body, "an input", &["type", "default", "doc"], &[]);
        let ty = match block.body.attribute("type") {
            None => Ty::Any,
            Some(a) => {
                let kinds = &self.program.kinds;
                match parse_type(&a.value, &|k| kinds.contains_key(k)) {
                    Ok(t) => t,
                    Err(d) => {
                        self.diags.push(d);
                        Ty::Any
                    }
                }
            }
        };
        let doc = block.body.attribute("doc").and_then(|a| a.value.as_str()).unwrap_or_default().to_owned();
        let default = block.body.attribute("default").map(|a| a.value.clone());
        self.program.scopes[scope].inputs.insert(name.name.clone(), InputDecl { name, ty, default, doc });
    }

    fn output(&mut self, scope: ScopeId, block: Block) {
        let Some(name) = self.single_label(&block, "output").cloned() else { return };
        if let Some(first) = self.program.scopes[scope].outputs.get(&name.name) {
            let d = duplicate("output", &name.name, name.span, first.name.span);
            self.diags.push(d);
            return;
        }
        let misspelled = check_body(self.diags, &block.body, "an output", &["value", "doc"], &[]);
        let Some(value) = block.body.attribute("value").map(|a| a.value.clone()) else {
            if !misspelled.contains(&"value") {
                self.diags.push(missing_attr("value", name.span, "the output", "value = service.app.url"));
            }
            return;
        };
        let doc = block.body.attribute("doc").and_then(|a| a.value.as_str()).unwrap_or_default().to_owned();
        self.program.scopes[scope].outputs.insert(name.name.clone(), OutputDecl { name, value, doc });
    }

    fn resource(&mut self, scope: ScopeId, block: Block) {
        let Some(name) = self.single_label(&block, &block.ident.name).cloned() else { return };
        if !valid_name(&name.name) {
            self.diags.push(invalid_name(&block.ident.name, &name));
        }
        let key = format!("{}.{}", block.ident.name, name.name);
        if let Some(&first) = self.program.scopes[scope].resources.get(&key) {
            let first_span = self.program.resources[first].name.span;
            self.diags.push(duplicate(&block.ident.name, &name.name, name.span, first_span));
            return;
        }
        let address = format!("{}{key}", self.program.scopes[scope].prefix());
        let idx = self.program.resources.len();
        self.program.scopes[scope].resources.insert(key, idx);
        self.program.scopes[scope].by_kind.entry(block.ident.name.clone()).or_default().push(idx);
        self.program.by_address.insert(address.clone(), idx);
        self.program.resources.push(ResourceDecl { address, kind: block.ident.name.clone(), name, scope, block });
    }

    fn module(&mut self, scope: ScopeId, block: Block, chain: &mut Vec<String>) {
        let Some(name) = self.single_label(&block, "module").cloned() else { return };
        if !valid_name(&name.name) {
            self.diags.push(invalid_name("module", &name));
        }
        if let Some(first) = self.program.scopes[scope].modules.get(&name.name) {
            let d = duplicate("module", &name.name, name.span, first.name.span);
            self.diags.push(d);
            return;
        }
        for inner in &block.body.blocks {
            self.diags.push(unknown_block(&inner.ident, "a module instance", &[]));
        }
        let Some(source_attr) = block.body.attribute("source") else {
            self.diags.push(missing_attr("source", name.span, "the module", "source = \"../../modules/web-service\""));
            return;
        };
        let Some(source) = source_attr.value.as_str().map(str::to_owned) else {
            self.diags.push(
                Diagnostic::error(Code::E0201, "module source must be a string literal")
                    .primary(source_attr.value.span, "not a literal path"),
            );
            return;
        };
        let args = block.body.attributes.iter().filter(|a| a.name.name != "source").cloned().collect();
        let mut instance =
            ModuleInstance { name: name.clone(), source: source.clone(), span: block.header_span(), scope: None, args };
        let dir = self.module_dir(scope, &source, source_attr.value.span);
        if let Some(dir) = dir {
            if let Some(pos) = chain.iter().position(|d| *d == dir) {
                let cycle: Vec<&str> = chain[pos..].iter().map(String::as_str).chain([dir.as_str()]).collect();
                self.diags.push(
                    Diagnostic::error(Code::E0204, "module includes itself")
                        .primary(source_attr.value.span, "this source leads back to a module being loaded")
                        .note(format!("cycle: {}", cycle.join(" → "))),
                );
            } else if chain.len() > MAX_MODULE_DEPTH {
                self.diags.push(
                    Diagnostic::error(Code::E0204, "modules nested too deeply")
                        .primary(source_attr.value.span, format!("more than {MAX_MODULE_DEPTH} levels of modules")),
                );
            } else {
                instance.scope = self.instantiate(scope, &name.name, &dir, source_attr.value.span, chain);
            }
        }
        self.program.scopes[scope].modules.insert(name.name.clone(), instance);
    }

    /// Resolves a module source to a directory: `stackc/<name>` for first-party modules, else a path
    /// relative to the declaring scope's directory that must stay inside the repository.
    fn module_dir(&mut self, scope: ScopeId, source: &str, span: Span) -> Option<String> {
        if let Some(name) = source.strip_prefix("stackc/") {
            let dir = format!("<stackc>/modules/{name}");
            if embedded::FILES.iter().any(|(p, _)| sources::parent(p) == dir) {
                return Some(dir);
            }
            let known: Vec<String> = embedded::FILES
                .iter()
                .filter_map(|(p, _)| p.strip_prefix("<stackc>/modules/"))
                .filter_map(|p| p.split('/').next())
                .map(|m| format!("stackc/{m}"))
                .collect();
            self.diags.push(
                Diagnostic::error(Code::E0201, format!("no first-party module `{source}`"))
                    .primary(span, "not found")
                    .maybe_help(did_you_mean(source, known.iter().map(String::as_str))),
            );
            return None;
        }
        if !(source.starts_with("./") || source.starts_with("../")) {
            self.diags.push(
                Diagnostic::error(Code::E0201, "module source must be a relative path or `stackc/<name>`")
                    .primary(span, "neither `./…`, `../…` nor `stackc/…`")
                    .help(format!("write `source = \"./{source}\"` for a directory next to this stack")),
            );
            return None;
        }
        let base = self.program.scopes[scope].dir.clone();
        match sources::join(&base, source) {
            Some(dir) => Some(dir),
            None if !self.provider.has_repository_root() => {
                // The root is the stack directory only because no `.git` was found above it.
                self.diags.push(
                    Diagnostic::error(Code::E0201, "no repository root (.git) found")
                        .primary(span, "modules may not leave the stack directory when it is not in a git repository")
                        .help(
                            "run stackc inside a git repository (`git init` at the project root), or move the \
                             module into the stack directory",
                        ),
                );
                None
            }
            None => {
                self.diags.push(
                    Diagnostic::error(Code::E0201, "module source leaves the repository")
                        .primary(span, "this path climbs above the repository root")
                        .help("modules must live inside the repository; copy the module in"),
                );
                None
            }
        }
    }

    fn instantiate(
        &mut self,
        parent: ScopeId,
        name: &str,
        dir: &str,
        span: Span,
        chain: &mut Vec<String>,
    ) -> Option<ScopeId> {
        let files: Vec<(String, Arc<str>)> = if dir.starts_with("<stackc>/") {
            embedded::FILES
                .iter()
                .filter(|(p, _)| sources::parent(p) == dir)
                .map(|(p, t)| ((*p).to_owned(), Arc::from(*t)))
                .collect()
        } else {
            let listed = match self.provider.stack_files(dir) {
                Ok(l) => l,
                Err(e) => {
                    self.diags.push(
                        Diagnostic::error(Code::E0201, format!("cannot load module `{dir}`")).primary(span, e.message),
                    );
                    return None;
                }
            };
            let mut files = Vec::new();
            for path in listed {
                match self.provider.read(&path) {
                    Ok(t) => files.push((path, t)),
                    Err(e) => {
                        self.diags.push(Diagnostic::error(Code::E0004, format!("cannot read `{path}`: {}", e.message)))
                    }
                }
            }
            files
        };
        if files.is_empty() {
            self.diags.push(
                Diagnostic::error(Code::E0201, format!("module `{dir}` has no `*.stack.hcl` files"))
                    .primary(span, "empty module"),
            );
            return None;
        }
        let id = self.program.scopes.len();
        let mut module_path = self.program.scopes[parent].module_path.clone();
        module_path.push(name.to_owned());
        self.program.scopes.push(Scope {
            id,
            module_path,
            dir: dir.to_owned(),
            parent: Some((parent, name.to_owned())),
            ..Scope::default()
        });
        chain.push(dir.to_owned());
        for (path, text) in files {
            let file = self.parse(&path, text);
            self.scope_file(id, file, chain);
        }
        chain.pop();
        Some(id)
    }
}

/// Resource, environment and module names: lowercase letters, digits and single dashes, starting
/// with a letter and not ending with a dash, at most 40 characters. They become Kubernetes names and
/// parts of AWS names, and RDS and ElastiCache identifiers refuse two dashes in a row.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
        && !name.contains("--")
}

pub(crate) fn invalid_name(what: &str, name: &Ident) -> Diagnostic {
    let fixed: String = name
        .name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let mut d = Diagnostic::error(Code::E0106, format!("invalid {what} name `{}`", name.name))
        .primary(
            name.span,
            "names are lowercase letters, digits and single dashes, start with a letter, at most 40 characters",
        )
        .note("names become Kubernetes object names and parts of AWS resource names");
    if valid_name(&fixed) {
        d = d.help(format!("did you mean `{fixed}`?"));
    }
    d
}

pub(crate) fn duplicate(what: &str, name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::error(Code::E0103, format!("{what} `{name}` is declared twice"))
        .primary(span, "declared again here")
        .secondary(first, "first declared here")
        .help("rename one of them, or merge them")
}

pub(crate) fn missing_attr(name: &str, span: Span, what: &str, example: &str) -> Diagnostic {
    Diagnostic::error(Code::E0109, format!("missing required attribute `{name}`"))
        .primary(span, format!("{what} needs `{name}`"))
        .help(format!("add `{example}`"))
}

fn unknown_block(ident: &Ident, place: &str, candidates: &[&str]) -> Diagnostic {
    let help = did_you_mean(&ident.name, candidates.iter().copied());
    Diagnostic::error(Code::E0101, format!("unknown block `{}`", ident.name))
        .primary(ident.span, format!("not allowed in {place}"))
        .maybe_help(help)
}

/// Reports attributes and blocks of a fixed-schema body that are not in the allowed lists.
/// Returns the allowed attributes that unknown ones probably misspell, so a caller does not also report
/// them as missing.
pub(crate) fn check_body<'a>(
    diags: &mut Vec<Diagnostic>,
    body: &Body,
    place: &str,
    attrs: &[&'a str],
    blocks: &[&str],
) -> Vec<&'a str> {
    let mut misspelled = Vec::new();
    for attr in &body.attributes {
        if !attrs.contains(&attr.name.name.as_str()) {
            if let Some(c) = crate::suggest::closest(&attr.name.name, attrs.iter().copied()) {
                misspelled.push(c);
            }
            let help = did_you_mean(&attr.name.name, attrs.iter().copied())
                .or_else(|| (!attrs.is_empty()).then(|| format!("allowed here: {}", attrs.join(", "))));
            diags.push(
                Diagnostic::error(Code::E0108, format!("unknown attribute `{}`", attr.name.name))
                    .primary(attr.name.span, format!("not an attribute of {place}"))
                    .maybe_help(help),
            );
        }
    }
    for block in &body.blocks {
        if !blocks.contains(&block.ident.name.as_str()) {
            diags.push(unknown_block(&block.ident, place, blocks));
        }
    }
    misspelled
}
