//! `stackc check DIR`: compile every environment and report diagnostics.

use std::path::PathBuf;

use crate::render::{self, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The stack directory
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (exit 1 when there are any)
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: &Args) -> u8 {
    let compilation = match super::compile(&args.dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    render::print_diagnostics(compilation, args.format);
    let warnings = compilation.diagnostics.iter().any(|d| !d.is_error());
    if compilation.has_errors() || (args.deny_warnings && warnings) {
        1
    } else {
        if args.format == Format::Human {
            let envs: Vec<&str> = compilation.graphs().map(|e| e.name.as_str()).collect();
            let resources = compilation.graphs().map(|e| e.resources().len()).max().unwrap_or(0);
            eprintln!(
                "checked {} environment(s) ({}), up to {resources} resources each: no errors",
                envs.len(),
                envs.join(", ")
            );
        }
        0
    }
}
