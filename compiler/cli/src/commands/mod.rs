//! One module per subcommand.

pub mod build;
pub mod check;
pub mod cost;
pub mod explain;
pub mod fill;
pub mod graph;
pub mod policy;
#[cfg(feature = "pricing-update")]
pub mod pricing;

use std::path::Path;

use stackc_core::Compilation;

use crate::disk::DiskSources;

/// Writes command output to stdout. A reader that went away (`stackc graph … | head`) is not an
/// error; any other write failure is reported and gives exit code 2.
pub fn print_stdout(text: &str) -> u8 {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            2
        }
    }
}

/// Compiles the stack at `dir`, or prints why it cannot be read. `Err(2)` on I/O failure.
///
/// The compilation lives until the process ends: one command runs per process, and freeing its graphs
/// and values one by one only to exit was 12 % of `stackc check` (138 M of 1,137 M instructions at
/// N = 1,000). The operating system takes the memory back at exit.
pub fn compile(dir: &Path) -> Result<&'static Compilation, u8> {
    let (disk, rel) = DiskSources::open(dir).map_err(|e| {
        eprintln!("error: cannot open stack directory {e}");
        2u8
    })?;
    let options = stackc_core::Options { today: Some(today()?) };
    let compilation = stackc_core::compile_with(&disk, &rel, &options).map_err(|e| {
        eprintln!("error: cannot read stack directory {}: {}", disk.root().join(&e.path).display(), e.message);
        2u8
    })?;
    Ok(Box::leak(Box::new(compilation)))
}

/// Today's date in UTC, against which suppressions' `until` is checked; `STACKC_TODAY=YYYY-MM-DD`
/// sets another day (to see what expires next month, or to pin a test). `Err(2)` on a bad value.
pub fn today() -> Result<stackc_core::domain::Date, u8> {
    use stackc_core::domain::Date;
    if let Some(v) = std::env::var_os("STACKC_TODAY") {
        let v = v.to_string_lossy();
        return Date::parse(&v).map_err(|e| {
            eprintln!("error: STACKC_TODAY: {}", e.message);
            2u8
        });
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Ok(Date::from_unix_days((secs / 86_400) as i64))
}
