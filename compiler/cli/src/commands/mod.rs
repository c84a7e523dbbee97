//! One module per subcommand.

pub mod check;
pub mod explain;
pub mod graph;

use std::path::Path;

use stackc_core::Compilation;

use crate::disk::DiskSources;

/// Compiles the stack at `dir`, or prints why it cannot be read. `Err(2)` on I/O failure.
pub fn compile(dir: &Path) -> Result<Compilation, u8> {
    let (disk, rel) = DiskSources::open(dir).map_err(|e| {
        eprintln!("error: cannot open stack directory {e}");
        2u8
    })?;
    stackc_core::compile(&disk, &rel).map_err(|e| {
        eprintln!("error: cannot read stack directory {}: {}", disk.root().join(&e.path).display(), e.message);
        2u8
    })
}
