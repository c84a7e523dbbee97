//! `stackc build DIR [--env E] [--out OUT] [--github-dir .github]`: compile, lower every environment,
//! and replace the generated tree in one step (and the stack's workflows in the repository's
//! `.github/workflows/`).
//!
//! Safety rules, in order:
//! 1. Nothing is written unless the stack compiles without errors.
//! 2. A file in OUT that stackc did not generate (not listed in OUT/.stackc-manifest.json) is never
//!    overwritten or deleted; an artifact that would land on one fails the build before any write.
//! 3. The new tree is assembled in a sibling staging directory (our new files plus hard links to
//!    the files we must keep) and swapped in with one atomic rename (RENAME_EXCHANGE on Linux), so
//!    a reader, or stackc stopping at any point, sees either the old tree or the new one.
//! 4. A tree that already holds exactly these files is left alone (nothing written, mtimes kept):
//!    the common case of a rebuild in CI or a drift check.
//!
//! Generated artifacts are not fsynced: they are reproducible, and after a power loss (which may
//! leave recently written files empty) `stackc build` finds them changed and writes them again.
//! Syncing the whole staging tree cost more than building it (3,000 files at N = 1,000). What cannot
//! be rebuilt is synced before the swap: the manifest (without it stackc could no longer tell its
//! files from yours) and any kept file that had to be copied rather than hard-linked.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use stackc_core::emit::{self, Artifact};

use crate::render::{self, Format};

pub const MANIFEST: &str = ".stackc-manifest.json";

#[derive(clap::Args)]
pub struct Args {
    /// The stack directory
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only this environment (default: all); other environments' files are kept as they are
    #[arg(long)]
    env: Option<String>,
    /// The output directory [default: DIR/generated]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Diagnostics format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors: write nothing when there are any
    #[arg(long)]
    deny_warnings: bool,
    /// Also write the GitHub workflows into DIR/workflows (the repository's .github), replacing only
    /// workflows stackc generated
    #[arg(long, value_name = "DIR")]
    github_dir: Option<PathBuf>,
}

pub fn run(args: &Args) -> u8 {
    let compilation = match super::compile(&args.dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    render::print_diagnostics(compilation, args.format);
    let warnings = compilation.diagnostics.iter().any(|d| !d.is_error());
    if compilation.has_errors() || (args.deny_warnings && warnings) {
        eprintln!("error: nothing was written");
        return 1;
    }
    if let Some(env) = &args.env {
        if compilation.environment(env).is_none() {
            let names: Vec<&str> = compilation.graphs().map(|e| e.name.as_str()).collect();
            eprintln!("error: no environment `{env}` in this stack (environments: {})", names.join(", "));
            return 2;
        }
    }
    let artifacts = match emit::build(compilation, args.env.as_deref()) {
        Ok(a) => a,
        Err(internal) => {
            render::print(&internal, &compilation.sources, args.format);
            eprintln!("error: nothing was written");
            return 1;
        }
    };
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("generated"));
    let envs: Vec<String> = match &args.env {
        Some(e) => vec![e.clone()],
        None => compilation.graphs().map(|e| e.name.clone()).collect(),
    };
    let stack = compilation.graphs().next().map(|g| g.stack.name.clone()).unwrap_or_default();
    if let Some(github) = &args.github_dir {
        // Checked before anything is written, so a refusal leaves both trees as they were.
        if let Err(e) = github_workflows(github, &artifacts, &stack, false) {
            eprintln!("error: {e}; nothing was written");
            return 2;
        }
    }
    let written = write_tree(&args.dir, &out, &artifacts, &envs, args.env.is_none()).and_then(|changed| {
        args.github_dir.as_ref().map_or(Ok(()), |g| github_workflows(g, &artifacts, &stack, true))?;
        Ok(Some(changed))
    });
    match written {
        Ok(changed) => {
            if args.format == Format::Human {
                let (n, k, dir) = (artifacts.len(), envs.len(), out.display());
                if changed == Some(false) {
                    eprintln!("up to date: {n} files for {k} environment(s) in {dir}, nothing written");
                } else {
                    eprintln!("wrote {n} files for {k} environment(s) to {dir}");
                }
                let pending = emit::not_generated(compilation);
                if !pending.is_empty() {
                    eprintln!(
                        "note: no target generates artifacts for these kinds yet, so they are checked but not built: {}",
                        pending.join(", ")
                    );
                }
            }
            0
        }
        Err(e) => {
            eprintln!("error: {e}; nothing was written");
            2
        }
    }
}

/// The first line of every workflow stackc writes for `stack`.
fn workflow_header(stack: &str) -> String {
    format!("# Generated by stackc from stack \"{stack}\"")
}

/// Writes the workflows among `artifacts` into `github/workflows/` (with `write`; otherwise only
/// checks that it may): a file there is replaced or removed only if stackc generated it for this
/// stack; every other file is left alone, and one in the way of a workflow is an error.
fn github_workflows(github: &Path, artifacts: &[Artifact], stack: &str, write: bool) -> Result<(), String> {
    let dir = github.join("workflows");
    let ours = |path: &Path| fs::read_to_string(path).is_ok_and(|t| t.starts_with(&workflow_header(stack)));
    let workflows: Vec<(&str, &str)> = artifacts
        .iter()
        .filter_map(|a| a.path.strip_prefix("github/workflows/").map(|name| (name, a.contents.as_str())))
        .collect();
    for (name, _) in &workflows {
        let path = dir.join(name);
        if path.exists() && !ours(&path) {
            return Err(format!("{} exists and was not generated by stackc for this stack", path.display()));
        }
    }
    if !write {
        return Ok(());
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, contents) in &workflows {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        fs::write(&tmp, contents)
            .and_then(|()| fs::rename(&tmp, &path))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    // Workflows of pipelines the stack no longer has.
    let entries = fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !workflows.iter().any(|(n, _)| *n == name) && path.extension().is_some_and(|e| e == "yml") && ours(&path) {
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Replaces the generated files of `envs` under `out` with `artifacts`. Files of the whole stack (the
/// bootstrap root) are always rewritten; a stale one is dropped only by a build of every environment
/// (`full`). `Ok(false)` when the tree already held exactly these files, and nothing was written.
pub fn write_tree(
    stack_dir: &Path,
    out: &Path,
    artifacts: &[Artifact],
    envs: &[String],
    full: bool,
) -> Result<bool, String> {
    let stack_dir = fs::canonicalize(stack_dir).map_err(|e| format!("cannot resolve {}: {e}", stack_dir.display()))?;
    let out_abs = absolute(out)?;
    if stack_dir.starts_with(&out_abs) {
        return Err(format!("the output directory {} contains the stack sources", out.display()));
    }
    let parent = out_abs.parent().ok_or_else(|| format!("{} has no parent directory", out.display()))?;
    fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;

    let previous = read_manifest(&out_abs)?;
    let existing = if out_abs.exists() { list_files(&out_abs)? } else { Vec::new() };
    let in_rebuilt_env = |path: &str| full || envs.iter().any(|e| path.starts_with(&format!("{e}/")));
    let new_paths: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();

    // Refuse before writing anything if an artifact would replace a file that is not ours.
    for path in &existing {
        if path != MANIFEST && !previous.contains(path) && new_paths.contains(path.as_str()) {
            return Err(format!(
                "{} exists and was not generated by stackc; move it away or choose another --out",
                out.join(path).display()
            ));
        }
    }

    // What the new tree keeps of the old one (hand-written files, other environments' files), and
    // whether any generated file goes away.
    let mut keep: Vec<&str> = Vec::new();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut stale = false;
    for path in &existing {
        if path == MANIFEST || new_paths.contains(path.as_str()) {
            continue;
        }
        let ours = previous.contains(path);
        if ours && in_rebuilt_env(path) {
            stale = true; // a stale generated file: dropped
            continue;
        }
        keep.push(path);
        if ours {
            kept.insert(path.clone());
        }
    }
    let mut owned: BTreeSet<String> = kept;
    owned.extend(new_paths.iter().map(|p| (*p).to_owned()));
    let manifest = serde_json::json!({
        "generator": format!("stackc {}", env!("CARGO_PKG_VERSION")),
        "note": "Files stackc generated here; stackc build replaces only these.",
        "files": owned,
    });
    let manifest = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    if !stale && unchanged(&out_abs, artifacts, &manifest) {
        return Ok(false);
    }

    let staging = parent.join(format!(".{}.stackc-{}", file_name(&out_abs), std::process::id()));
    let result = (|| {
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| format!("cannot clear {}: {e}", staging.display()))?;
        }
        fs::create_dir_all(&staging).map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
        for dir in list_dirs(&out_abs)? {
            fs::create_dir_all(staging.join(&dir)).map_err(|e| format!("cannot create {dir}: {e}"))?;
        }
        let mut copied = Vec::new();
        for path in &keep {
            if link_or_copy(&out_abs.join(path), &staging.join(path))? {
                copied.push(staging.join(path));
            }
        }
        // Directories first (once each), then the files, on every core: a large stack writes
        // thousands of small files.
        let dirs: BTreeSet<&Path> = artifacts.iter().filter_map(|a| Path::new(&a.path).parent()).collect();
        for dir in dirs {
            fs::create_dir_all(staging.join(dir)).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        on_every_core(artifacts, |a| write_file(&staging.join(&a.path), a.contents.as_bytes()))?;
        write_file(&staging.join(MANIFEST), manifest.as_bytes())?;
        for path in copied.iter().chain([&staging.join(MANIFEST)]) {
            fs::File::open(path)
                .and_then(|f| f.sync_all())
                .map_err(|e| format!("cannot sync {}: {e}", path.display()))?;
        }
        swap(&staging, &out_abs)
    })();
    if staging.exists() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| true)
}

/// Whether `out` holds `manifest` and every artifact byte for byte (files stackc did not write are
/// kept either way; the manifest lists exactly the generated ones).
fn unchanged(out: &Path, artifacts: &[Artifact], manifest: &str) -> bool {
    let same = |path: &Path, bytes: &[u8]| fs::read(path).is_ok_and(|b| b == bytes);
    same(&out.join(MANIFEST), manifest.as_bytes())
        && on_every_core(artifacts, |a| if same(&out.join(&a.path), a.contents.as_bytes()) { Ok(()) } else { Err(()) })
            .is_ok()
}

/// Runs `f` on every artifact on the machine's cores (the compiler's ordered work queue) until one
/// fails: no artifact is started after that (a changed tree is not read to its end). The first error
/// in artifact order among those that ran wins.
fn on_every_core<E: Send>(artifacts: &[Artifact], f: impl Fn(&Artifact) -> Result<(), E> + Sync) -> Result<(), E> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let workers = stackc_syntax::work::cores().clamp(1, 8);
    let failed = AtomicBool::new(false);
    stackc_syntax::work::in_order(artifacts, workers, |a| {
        if failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        f(a).inspect_err(|_| failed.store(true, Ordering::Relaxed))
    })
    .into_iter()
    .collect()
}

fn absolute(p: &Path) -> Result<PathBuf, String> {
    std::path::absolute(p).map_err(|e| format!("cannot resolve {}: {e}", p.display()))
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "generated".into())
}

fn read_manifest(out: &Path) -> Result<BTreeSet<String>, String> {
    let path = out.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a stackc manifest: {e}", path.display()))?;
    let files =
        value.get("files").and_then(|f| f.as_array()).ok_or_else(|| format!("{} has no file list", path.display()))?;
    // Only plain relative paths count: a manifest must not make stackc touch anything outside OUT.
    Ok(files
        .iter()
        .filter_map(|f| f.as_str())
        .filter(|f| !f.starts_with('/') && !f.split('/').any(|c| c == ".." || c.is_empty()))
        .map(str::to_owned)
        .collect())
}

/// Every file under `root`, as `/`-separated relative paths, sorted. Symlinks count as files.
fn list_files(root: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    walk(root, root, &mut out, false)?;
    out.sort();
    Ok(out)
}

fn list_dirs(root: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    if root.exists() {
        walk(root, root, &mut out, true)?;
    }
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>, dirs: bool) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| format!("cannot stat {}: {e}", path.display()))?;
        let rel = path.strip_prefix(root).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
        if kind.is_dir() {
            if dirs {
                out.push(rel);
            }
            walk(root, &path, out, dirs)?;
        } else if !dirs {
            out.push(rel);
        }
    }
    Ok(())
}

/// Puts `from` at `to` as a hard link (a symlink stays a symlink); `Ok(true)` when it had to be
/// copied instead (another file system, or links not allowed), which the caller syncs.
fn link_or_copy(from: &Path, to: &Path) -> Result<bool, String> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let meta = fs::symlink_metadata(from).map_err(|e| format!("cannot stat {}: {e}", from.display()))?;
    if meta.file_type().is_symlink() {
        let target = fs::read_link(from).map_err(|e| format!("cannot read link {}: {e}", from.display()))?;
        #[cfg(unix)]
        return std::os::unix::fs::symlink(target, to)
            .map(|()| false)
            .map_err(|e| format!("cannot keep link {}: {e}", from.display()));
        #[cfg(not(unix))]
        return fs::copy(target, to).map(|_| true).map_err(|e| format!("cannot keep {}: {e}", from.display()));
    }
    if fs::hard_link(from, to).is_ok() {
        return Ok(false);
    }
    fs::copy(from, to).map(|_| true).map_err(|e| format!("cannot keep {}: {e}", from.display()))
}

/// Writes a new file; its directory exists (the staging tree's directories are made first).
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Puts `staging` at `out`: an atomic exchange when `out` exists (Linux), a rename otherwise.
fn swap(staging: &Path, out: &Path) -> Result<(), String> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|e| format!("cannot move the new tree to {}: {e}", out.display()));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the old tree.
            return fs::remove_dir_all(staging).map_err(|e| format!("cannot remove the old tree: {e}"));
        }
    }
    let old = out.with_file_name(format!(".{}.stackc-old-{}", file_name(out), std::process::id()));
    fs::rename(out, &old).map_err(|e| format!("cannot move {} aside: {e}", out.display()))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(format!("cannot move the new tree to {}: {e}", out.display()));
    }
    fs::remove_dir_all(&old).map_err(|e| format!("cannot remove the old tree: {e}"))
}
