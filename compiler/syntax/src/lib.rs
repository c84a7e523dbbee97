//! The stack language's syntax layer: source files and spans, the diagnostic value every stage reports
//! with, and the parser that turns HCL text into the owned [`ast`].
//!
//! Invariant: nothing here panics on any input. The parser always returns a tree (possibly with fewer
//! items) plus the diagnostics for what it could not read; one broken top-level block never hides the
//! other blocks of its file.

// Purity and panics, enforced: no `unwrap`, `expect` or `panic!` outside tests, and (clippy.toml) no
// file system, process, environment or clock.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![deny(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod ast;
pub mod code;
pub mod diagnostic;
mod fast;
mod lower;
mod parse;
pub mod source;
pub mod work;

pub use code::Code;
pub use diagnostic::{Diagnostic, Label, Severity};
pub use parse::{parse_file, parse_files};
pub use source::{FileId, SourceFile, SourceMap, Span};

/// The two parsers [`parse_file`] chooses between, for the test that holds them to the same trees.
#[doc(hidden)]
pub mod parsers {
    pub use crate::fast::parse_body as direct;
    pub use crate::parse::parse_file_with_hcl_edit as hcl_edit;
}
