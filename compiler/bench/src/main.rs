//! `stackc-bench`: benchmarks `stackc_core::compile` (the whole front end of `stackc check`) on a
//! generated stack, or writes the stack to a directory for benchmarking the binary.
//!
//! ```text
//! stackc-bench --services 1000 [--iterations 10]   # time and peak memory of compile
//! stackc-bench --services 1000 --write DIR         # write the generated stack to DIR
//! ```

use std::process::ExitCode;
use std::time::Instant;

use stackc_core::{compile, MemorySources};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let Some(n) = value("--services").and_then(|v| v.parse::<usize>().ok()) else {
        eprintln!("usage: stackc-bench --services N [--iterations K] [--write DIR]");
        return ExitCode::from(2);
    };
    let files = stackc_bench::generate(n);
    if let Some(dir) = value("--write") {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("error: {dir}: {e}");
            return ExitCode::from(2);
        }
        for (name, text) in &files {
            if let Err(e) = std::fs::write(format!("{dir}/{name}"), text) {
                eprintln!("error: {dir}/{name}: {e}");
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    }
    let iterations = value("--iterations").and_then(|v| v.parse::<usize>().ok()).unwrap_or(10).max(1);
    let mut sources = MemorySources::new();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    for (name, text) in files {
        sources.add(format!("stack/{name}"), text);
    }
    let mut times = Vec::with_capacity(iterations);
    let mut emit_times = Vec::with_capacity(iterations);
    let mut files_out = 0;
    let mut resources = 0;
    for _ in 0..iterations {
        let start = Instant::now();
        let compilation = match compile(&sources, "stack") {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if let Some(d) = compilation.diagnostics.first() {
            eprintln!("error: the generated stack has diagnostics: {} {}", d.code, d.message);
            return ExitCode::from(1);
        }
        resources = compilation.graphs().map(|e| e.resources().len()).sum();
        let start = Instant::now();
        let artifacts = match stackc_core::emit::build(&compilation, None) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: lowering failed: {:?}", e.first().map(|d| &d.message));
                return ExitCode::from(1);
            }
        };
        emit_times.push(start.elapsed().as_secs_f64() * 1000.0);
        files_out = artifacts.len();
    }
    emit_times.sort_by(f64::total_cmp);
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let min = times[0];
    println!(
        "services={n} source_kib={} resources_all_envs={resources} iterations={iterations} median_ms={median:.1} min_ms={min:.1} emit_median_ms={:.1} terraform_files={files_out} peak_rss_mib={:.1}",
        bytes / 1024,
        emit_times[emit_times.len() / 2],
        peak_rss_kib().unwrap_or(0) as f64 / 1024.0
    );
    ExitCode::SUCCESS
}
