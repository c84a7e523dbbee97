//! `stackc policy DIR [--env E] [--format human|json|sarif] [--deny-warnings]`: every finding of
//! the built-in rules and the stack's policies — notes and suppressed findings included — as a
//! report for people, JSON, or SARIF 2.1.0 for GitHub code scanning.

use std::path::PathBuf;

use stackc_core::rules::report;
use stackc_syntax::Code;

use crate::render::{self, Format};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyFormat {
    Human,
    Json,
    Sarif,
}

#[derive(clap::Args)]
pub struct Args {
    /// The stack directory
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only this environment (repeatable); every environment when absent
    #[arg(long = "env", value_name = "ENV")]
    envs: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = PolicyFormat::Human)]
    format: PolicyFormat,
    /// Exit 1 on warnings too (notes and suppressed findings never fail)
    #[arg(long)]
    deny_warnings: bool,
    /// SARIF: also write notes and suppressed findings (code scanning would open an alert for each)
    #[arg(long)]
    all: bool,
}

pub fn run(args: &Args) -> u8 {
    let compilation = match super::compile(&args.dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Findings are reported below; anything else that is wrong stops the report.
    let other: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !matches!(d.code, Code::P0001 | Code::P0002))
        .cloned()
        .collect();
    if !other.is_empty() {
        render::print(&other, &compilation.sources, Format::Human);
        if args.format == PolicyFormat::Sarif {
            // Still a valid log, so an upload step reports the failure instead of a parse error.
            let log = report::sarif_failed(&other, &compilation.sources, env!("CARGO_PKG_VERSION"));
            let _ = super::print_stdout(&log);
        }
        return 1;
    }
    for name in &args.envs {
        if compilation.environment(name).is_none() {
            let all: Vec<&str> = compilation.graphs().map(|g| g.name.as_str()).collect();
            eprintln!("error: no environment `{name}` (environments: {})", all.join(", "));
            return 2;
        }
    }
    let entries = report::entries(compilation, &args.envs);
    let env_count = if args.envs.is_empty() { compilation.environments.len() } else { args.envs.len() };
    let text = match args.format {
        PolicyFormat::Human => report::human(&entries, &compilation.sources, env_count),
        PolicyFormat::Json => report::json(&entries, &compilation.sources),
        PolicyFormat::Sarif => report::sarif(&entries, &compilation.sources, env!("CARGO_PKG_VERSION"), args.all),
    };
    let code = super::print_stdout(&text);
    if code != 0 {
        return code;
    }
    let (errors, warnings, _, _) = report::counts(&entries);
    u8::from(errors > 0 || (args.deny_warnings && warnings > 0))
}
