//! Stack sources on disk. Virtual paths are relative to the repository root (the nearest ancestor
//! with a `.git`, else the stack directory itself), which is also how far module sources may reach.
//! Whether a `.git` was found is reported through [`SourceProvider::has_repository_root`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use stackc_core::{SourceError, SourceProvider};

/// Files larger than this are refused rather than read: no stack file is legitimately this big.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub struct DiskSources {
    root: PathBuf,
    /// Whether `root` has a `.git` (else it is the stack directory, for want of a repository).
    repository: bool,
}

impl DiskSources {
    /// Opens the repository containing `dir` and returns it with `dir` as a virtual path.
    pub fn open(dir: &Path) -> Result<(DiskSources, String), String> {
        let dir = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
        if !dir.is_dir() {
            return Err(format!("{}: not a directory", dir.display()));
        }
        let repository = dir.ancestors().find(|a| a.join(".git").exists());
        let root = repository.unwrap_or(&dir).to_path_buf();
        let rel = dir.strip_prefix(&root).unwrap_or(Path::new("")).to_string_lossy().replace('\\', "/");
        Ok((DiskSources { root, repository: repository.is_some() }, rel))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, virtual_path: &str) -> PathBuf {
        if virtual_path.is_empty() {
            self.root.clone()
        } else {
            self.root.join(virtual_path)
        }
    }
}

fn err(path: &str, message: impl Into<String>) -> SourceError {
    SourceError { path: path.to_owned(), message: message.into() }
}

impl SourceProvider for DiskSources {
    fn stack_files(&self, dir: &str) -> Result<Vec<String>, SourceError> {
        let entries = std::fs::read_dir(self.path(dir)).map_err(|e| err(dir, e.to_string()))?;
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| err(dir, e.to_string()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().map(|t| t.is_file() || t.is_symlink()).unwrap_or(false);
            if is_file && name.ends_with(".stack.hcl") {
                files.push(if dir.is_empty() { name } else { format!("{dir}/{name}") });
            }
        }
        files.sort();
        Ok(files)
    }

    fn read(&self, path: &str) -> Result<Arc<str>, SourceError> {
        let full = self.path(path);
        let meta = std::fs::metadata(&full).map_err(|e| err(path, e.to_string()))?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(err(path, format!("file is larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024)));
        }
        let bytes = std::fs::read(&full).map_err(|e| err(path, e.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| err(path, format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to())))?;
        Ok(Arc::from(text))
    }

    fn has_repository_root(&self) -> bool {
        self.repository
    }
}
