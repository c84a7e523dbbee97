//! The `stackc` command line. It owns everything the compiler core must not: the file system,
//! terminals, output formats and exit codes (0 clean, 1 errors found, 2 usage or I/O failure).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The compiler allocates many small values (names, values, YAML and HCL text) on several threads:
/// mimalloc does that in about half the instructions of glibc's malloc, without its arena growth.
#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

/// mimalloc, called the way C calls it for the usual case. `mimalloc::MiMalloc` passes every
/// request to `mi_malloc_aligned`, whose generic path cost about 10 % of `stackc check`. Every block
/// `mi_malloc` returns is aligned to at least a word (its size classes are whole words), which is
/// all a layout with an alignment of at most a word needs; larger alignments keep the aligned calls.
struct Allocator;

const WORD: usize = std::mem::size_of::<usize>();

fn natural(align: usize) -> bool {
    align <= WORD
}

// SAFETY: each call forwards to mimalloc, which returns null on failure and memory with the
// requested size and alignment (`natural` for the unaligned calls); `mi_free` and
// `mi_realloc` accept any block mimalloc returned.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if natural(layout.align()) {
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            unsafe { std::alloc::GlobalAlloc::alloc(&mimalloc::MiMalloc, layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if natural(layout.align()) {
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { std::alloc::GlobalAlloc::alloc_zeroed(&mimalloc::MiMalloc, layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _: std::alloc::Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if natural(layout.align()) {
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            unsafe { std::alloc::GlobalAlloc::realloc(&mimalloc::MiMalloc, ptr, layout, new_size) }
        }
    }
}
use stackc::commands;

#[derive(Parser)]
#[command(name = "stackc", version, about = "The infrastructure-as-code compiler: one typed stack, every artifact")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse, type-check and evaluate a stack in every environment, and report diagnostics
    Check(commands::check::Args),
    /// Compile a stack and write its Terraform, Helm releases and Ansible inventories per environment, and its GitHub workflows, to DIR/generated (or --out)
    Build(commands::build::Args),
    /// Estimate what each environment costs a month, on demand, per resource and line item
    Cost(commands::cost::Args),
    /// Report every finding of the built-in rules and the stack's policies, as text, JSON or SARIF 2.1.0 for code scanning
    Policy(commands::policy::Args),
    /// Fill an environment's values known only after apply (Helm values, inventory variables) from `terraform output -json`, before helmfile or Ansible runs
    Fill(commands::fill::Args),
    /// Refresh the price catalog from the AWS Price List Query API: `stackc pricing update` (needs AWS credentials)
    #[cfg(feature = "pricing-update")]
    Pricing(commands::pricing::Args),
    /// Print the dependency graph of a stack as DOT, Mermaid or JSON
    Graph(commands::graph::Args),
    /// Explain a diagnostic code, e.g. `stackc explain E0108`
    Explain(commands::explain::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Check(args) => commands::check::run(&args),
        Command::Build(args) => commands::build::run(&args),
        Command::Cost(args) => commands::cost::run(&args),
        Command::Policy(args) => commands::policy::run(&args),
        Command::Fill(args) => commands::fill::run(&args),
        Command::Graph(args) => commands::graph::run(&args),
        #[cfg(feature = "pricing-update")]
        Command::Pricing(args) => commands::pricing::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
    };
    ExitCode::from(code)
}
