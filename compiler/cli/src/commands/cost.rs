//! `stackc cost DIR [--env E] [--format table|json|markdown]`: what each environment costs a month.

use std::path::PathBuf;

use stackc_core::cost::report;

use crate::render::{self, Format};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CostFormat {
    Table,
    Json,
    Markdown,
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
    #[arg(long, value_enum, default_value_t = CostFormat::Table)]
    format: CostFormat,
}

pub fn run(args: &Args) -> u8 {
    let compilation = match super::compile(&args.dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if compilation.has_errors() {
        render::print_diagnostics(compilation, Format::Human);
        return 1;
    }
    for name in &args.envs {
        if compilation.environment(name).is_none() {
            let all: Vec<&str> = compilation.graphs().map(|g| g.name.as_str()).collect();
            eprintln!("error: no environment `{name}` (environments: {})", all.join(", "));
            return 2;
        }
    }
    let mut estimates = Vec::new();
    for env in &compilation.environments {
        if !args.envs.is_empty() && !args.envs.contains(&env.graph.name) {
            continue;
        }
        match &env.cost {
            Some(c) => estimates.push(c),
            None => {
                eprintln!("error: internal compiler error: environment `{}` could not be priced", env.graph.name);
                return 2;
            }
        }
    }
    let text = match args.format {
        CostFormat::Table => report::table(&estimates),
        CostFormat::Json => report::json(&estimates),
        CostFormat::Markdown => report::markdown(&estimates),
    };
    super::print_stdout(&text)
}
