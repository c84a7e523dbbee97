//! The stackc compiler core: from a stack directory to a typed, per-environment dependency graph.
//!
//! `load → parse → collect → check → evaluate (per environment) → graph`. Everything here is pure:
//! sources come through a [`SourceProvider`], results and diagnostics are returned as data, nothing
//! touches the file system or exits. The CLI, `plan` and the LSP all call [`compile`].

// Purity and panics, enforced: no `unwrap`, `expect` or `panic!` outside tests, and (clippy.toml) no
// file system, process, environment or clock.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![deny(clippy::disallowed_methods, clippy::disallowed_types)]

mod collect;
pub mod cost;
pub mod domain;
pub mod emit;
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
pub mod bridge;
mod eval;
pub mod functions;
pub mod graph;
pub mod kinds;
pub mod passes;
pub mod program;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod sources;
mod suggest;
pub mod types;
pub mod value;

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use stackc_syntax::{Code, Diagnostic, SourceMap, Span};

pub use graph::{EnvGraph, Resource};
pub use passes::{EnvResult, PolicyOutcome};
pub use program::Program;
pub use sources::{MemorySources, SourceError, SourceProvider};

/// Everything one compilation produced. Diagnostics are sorted by file and position.
#[derive(Debug)]
pub struct Compilation {
    pub sources: SourceMap,
    pub program: Program,
    /// One result per environment, in declaration order: its graph and what the passes computed.
    pub environments: Vec<EnvResult>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the environments were evaluated from, freed with the compilation rather than before
    /// returning it: freeing it was a tenth of the serial work of a large check (5 M instructions of
    /// 49 M at 1,000 services), and a command that exits after printing never needs to.
    _resolved: resolve::Resolved,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn environment(&self, name: &str) -> Option<&EnvResult> {
        self.environments.iter().find(|e| e.graph.name == name)
    }

    /// The environments' graphs, in declaration order.
    pub fn graphs(&self) -> impl Iterator<Item = &EnvGraph> {
        self.environments.iter().map(|e| &e.graph)
    }
}

/// The standard library's kinds and built-in profiles, with any diagnostics about them (which are
/// bugs in stackc itself), and the sources they were read from. For docs generation and the LSP.
pub fn stdlib() -> (Program, SourceMap, Vec<Diagnostic>) {
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let mut c = collect::Collector {
        provider: &MemorySources::new(),
        sources: &mut sources,
        diags: &mut diags,
        program: Program::default(),
    };
    c.load_builtins();
    let program = c.program;
    (program, sources, diags)
}

/// What a compilation depends on besides its sources.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Today's date, against which suppressions' `until` is checked (the core reads no clock);
    /// `None` checks no expiry.
    pub today: Option<domain::Date>,
}

/// Compiles the stack in directory `dir` of `provider`. `Err` only when the directory itself cannot
/// be listed; every problem with its contents is a diagnostic.
pub fn compile(provider: &dyn SourceProvider, dir: &str) -> Result<Compilation, SourceError> {
    compile_with(provider, dir, &Options::default())
}

/// [`compile`] with today's date and whatever else [`Options`] holds.
pub fn compile_with(provider: &dyn SourceProvider, dir: &str, options: &Options) -> Result<Compilation, SourceError> {
    // The instance catalog (types, prices, regions: ~7,800 rows) is parsed once per process, on first
    // use, which is evaluation. Parsing the sources uses every core; what follows (collecting
    // declarations, resolving) uses one, so the catalog is parsed then, beside it.
    std::thread::scope(|scope| {
        let (parsed, wait) = std::sync::mpsc::channel::<()>();
        scope.spawn(move || {
            if wait.recv().is_ok() {
                domain::catalog();
            }
        });
        compile_inner(provider, dir, options, move || {
            let _ = parsed.send(());
        })
    })
}

fn compile_inner(
    provider: &dyn SourceProvider,
    dir: &str,
    options: &Options,
    parsed: impl FnOnce(),
) -> Result<Compilation, SourceError> {
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let mut collector =
        collect::Collector { provider, sources: &mut sources, diags: &mut diags, program: Program::default() };
    collector.load(dir, parsed)?;
    let mut program = collector.program;
    let resolved = resolve::resolve(&program, &mut diags);
    // Freed beside the environments' evaluation, not before it.
    let bodies = program.take_resource_bodies();

    // Environments are independent: evaluate them on scoped threads, collecting results in
    // declaration order so the output does not depend on scheduling.
    let stack_region = program.stack.as_ref().and_then(|s| s.region.as_ref());
    let stack_region = stack_region.and_then(|e| region_of(e, &mut diags));
    let mut jobs = Vec::new();
    for (env_index, env_decl) in program.environments.iter().enumerate() {
        let Some((profile_name, _)) = &env_decl.profile else { continue };
        if !program.profiles.contains_key(profile_name) {
            continue;
        }
        let region = match &env_decl.region {
            Some(e) => region_of(e, &mut diags),
            None => stack_region.clone(),
        };
        let Some(region) = region else { continue };
        let mut ctx = eval::EnvCtx::new(&program, env_decl.name.name.clone(), profile_name.clone(), region);
        if let Some(stack_region) = &stack_region {
            ctx.stack_region = stack_region.clone();
        }
        jobs.push((env_index, ctx));
    }
    let (program_ref, resolved_ref) = (&program, &resolved);
    let results: Vec<(EnvResult, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        scope.spawn(move || drop(bodies));
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|(env_index, ctx)| {
                scope.spawn(move || {
                    let mut evaluator = eval::Evaluator::new(program_ref, resolved_ref, env_index, ctx);
                    let graph = evaluator.run(env_index);
                    let decl = &program_ref.environments[env_index];
                    let (result, pass_diags) = passes::run(graph, decl, &mut evaluator);
                    let mut diags = std::mem::take(&mut evaluator.diags);
                    diags.extend(pass_diags);
                    (result, diags)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut environments = Vec::new();
    let mut per_env: Vec<(Diagnostic, String)> = Vec::new();
    for (result, env_diags) in results {
        per_env.extend(env_diags.into_iter().map(|d| (d, result.graph.name.clone())));
        environments.push(result);
    }
    diags = merge(diags, per_env, environments.len());
    diags.extend(passes::stack(&environments, &program.environments, options.today));
    sort(&mut diags);
    Ok(Compilation { sources, program, environments, diagnostics: diags, _resolved: resolved })
}

/// A region: a string literal naming a known AWS region.
fn region_of(expr: &stackc_syntax::ast::Expr, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let Some(region) = expr.as_str() else {
        diags.push(
            Diagnostic::error(Code::E0118, "region must be a string literal")
                .primary(expr.span, "not a literal")
                .help("write the region directly, e.g. `region = \"us-east-1\"`"),
        );
        return None;
    };
    if domain::is_known_region(region) {
        return Some(region.to_owned());
    }
    let help = suggest::did_you_mean(region, domain::regions().iter().copied())
        .unwrap_or_else(|| format!("regions: {}", domain::regions().join(", ")));
    diags.push(
        Diagnostic::error(Code::E0118, format!("unknown region `{region}`"))
            .primary(expr.span, "not an AWS region stackc knows")
            .help(help),
    );
    None
}

/// Adds per-environment diagnostics to the static ones: one diagnostic per (code, place), noting the
/// environments it occurs in when that is not all of them. A static diagnostic at the same place wins.
fn merge(mut diags: Vec<Diagnostic>, per_env: Vec<(Diagnostic, String)>, env_count: usize) -> Vec<Diagnostic> {
    // Static diagnostics win over per-environment ones at the same place; per-environment ones are
    // grouped by their full text, so environments that fail differently each keep their message.
    let place = |d: &Diagnostic| (d.code, d.span());
    let statics: HashSet<(Code, Option<Span>), FixedState> = diags.iter().map(place).collect();
    let mut grouped: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    let mut index: HashMap<(Code, Option<Span>, String), usize, FixedState> =
        HashMap::with_capacity_and_hasher(per_env.len(), FixedState::default());
    for (d, env) in per_env {
        if statics.contains(&place(&d)) {
            continue;
        }
        let key =
            (d.code, d.span(), d.message.clone() + &d.labels.iter().map(|l| l.message.as_str()).collect::<String>());
        match index.get(&key) {
            Some(&i) => {
                if !grouped[i].1.contains(&env) {
                    grouped[i].1.push(env);
                }
            }
            None => {
                index.insert(key, grouped.len());
                grouped.push((d, vec![env]));
            }
        }
    }
    for (mut d, envs) in grouped {
        if envs.len() < env_count && !d.notes.iter().any(|n| n.starts_with("in environment")) {
            let s = if envs.len() == 1 { "" } else { "s" };
            d.notes.push(format!(
                "in environment{s} {}",
                envs.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        diags.push(d);
    }
    diags
}

fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let ka = a.span().map(|s| (s.file, s.start, s.end));
        let kb = b.span().map(|s| (s.file, s.start, s.end));
        ka.cmp(&kb).then_with(|| a.code.cmp(&b.code)).then_with(|| a.message.cmp(&b.message))
    });
}
