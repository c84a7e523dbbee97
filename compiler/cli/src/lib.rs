//! The `stackc` command line as a library, so integration tests render diagnostics exactly as the
//! binary does.

pub mod commands;
pub mod disk;
pub mod render;
