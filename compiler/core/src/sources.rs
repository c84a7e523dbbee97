//! Where stack files come from. The compiler never touches the file system: it asks a
//! [`SourceProvider`] (the disk in the CLI, memory in tests, unsaved buffers over the disk in the LSP).
//!
//! Paths are virtual: `/`-separated, relative to the provider's root (for the CLI, the repository
//! root). [`normalize`] resolves `.` and `..` and refuses paths that would leave the root, which is
//! how module sources stay confined to the repository.

use std::collections::BTreeMap;
use std::sync::Arc;

/// Why a source could not be read. Reported by the compiler as a diagnostic or, for the stack
/// directory itself, returned to the caller as an I/O failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

pub trait SourceProvider {
    /// The `*.stack.hcl` files directly in `dir` (not recursive), as virtual paths, sorted.
    fn stack_files(&self, dir: &str) -> Result<Vec<String>, SourceError>;
    /// The text of one file.
    fn read(&self, path: &str) -> Result<Arc<str>, SourceError>;
    /// Whether the root of the virtual paths is a repository root. When it is not (the CLI found no
    /// `.git` above the stack directory and used the stack directory itself), a module source that
    /// climbs above the root is reported as such rather than as leaving the repository.
    fn has_repository_root(&self) -> bool {
        true
    }
}

/// Files held in memory: for tests, fuzzing and the benchmark.
#[derive(Debug, Clone, Default)]
pub struct MemorySources {
    files: BTreeMap<String, Arc<str>>,
}

impl MemorySources {
    pub fn new() -> MemorySources {
        MemorySources::default()
    }

    pub fn add(&mut self, path: impl Into<String>, text: impl Into<Arc<str>>) -> &mut MemorySources {
        self.files.insert(path.into(), text.into());
        self
    }

    pub fn with(mut self, path: impl Into<String>, text: impl Into<Arc<str>>) -> MemorySources {
        self.add(path, text);
        self
    }
}

impl SourceProvider for MemorySources {
    fn stack_files(&self, dir: &str) -> Result<Vec<String>, SourceError> {
        let prefix = if dir.is_empty() || dir == "." { String::new() } else { format!("{dir}/") };
        let files: Vec<String> = self
            .files
            .keys()
            .filter(|p| p.starts_with(&prefix) && !p[prefix.len()..].contains('/') && p.ends_with(".stack.hcl"))
            .cloned()
            .collect();
        let is_dir = self.files.keys().any(|p| p.starts_with(&prefix));
        if !is_dir {
            return Err(SourceError { path: dir.to_owned(), message: "no such directory".into() });
        }
        Ok(files)
    }

    fn read(&self, path: &str) -> Result<Arc<str>, SourceError> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| SourceError { path: path.to_owned(), message: "no such file".into() })
    }
}

/// Joins `rel` onto `base` and normalizes the result. `None` if it would leave the root.
pub fn join(base: &str, rel: &str) -> Option<String> {
    if rel.starts_with('/') {
        return None;
    }
    normalize(&format!("{base}/{rel}"))
}

/// Resolves `.` and `..` segments of a virtual path. `None` if the path climbs above the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The directory part of a virtual path (`a/b/c.stack.hcl` → `a/b`).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_confines_to_root() {
        assert_eq!(normalize("a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(join("examples/x", "../../modules/m").as_deref(), Some("modules/m"));
        assert_eq!(join("examples/x", "../../../etc"), None);
        assert_eq!(join("x", "/etc/passwd"), None);
        assert_eq!(parent("a/b/c.stack.hcl"), "a/b");
        assert_eq!(parent("c.stack.hcl"), "");
    }

    #[test]
    fn memory_lists_only_direct_stack_files() {
        let m = MemorySources::new().with("s/a.stack.hcl", "").with("s/b.txt", "").with("s/m/c.stack.hcl", "");
        assert_eq!(m.stack_files("s").unwrap(), ["s/a.stack.hcl"]);
        assert!(m.stack_files("nope").is_err());
    }
}
