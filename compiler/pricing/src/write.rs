//! Writing the catalog files: all or nothing, as far as a file system allows.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::Error;

/// Writes `files` (name, contents) into `dir` (created if missing): every file goes to a temporary file
/// in `dir` first, synced; only when all are written are they renamed over the old ones, each rename
/// atomic. A failure before the renames leaves every old file as it was and removes the temporary ones.
pub fn write_files(dir: &Path, files: &[(&str, String)]) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (name, contents) in files {
        let target = dir.join(name);
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = File::create(&temp).and_then(|mut f| {
            f.write_all(contents.as_bytes())?;
            f.sync_all()
        });
        staged.push((temp.clone(), target));
        if let Err(source) = written {
            remove_all(&staged);
            return Err(Error::Io { path: temp, source });
        }
    }
    for (i, (temp, target)) in staged.iter().enumerate() {
        if let Err(source) = std::fs::rename(temp, target) {
            remove_all(&staged[i..]);
            return Err(Error::Io { path: target.clone(), source });
        }
    }
    // Make the renames durable where the platform allows syncing a directory; failing that is harmless.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn remove_all(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = std::fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("catalog");
        write_files(&out, &[("a.tsv", "a\n".to_string()), ("b.tsv", "b\n".to_string())]).unwrap();
        write_files(&out, &[("a.tsv", "a2\n".to_string())]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.tsv")).unwrap(), "a2\n");
        assert_eq!(std::fs::read_to_string(out.join("b.tsv")).unwrap(), "b\n");
        let names: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_old_files() {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &[("a.tsv", "old\n".to_string())]).unwrap();
        // A file name that cannot be created (a directory is in the way of its temporary file's path).
        let blocked = format!(".b.tsv.{}.tmp", std::process::id());
        std::fs::create_dir(dir.path().join(&blocked)).unwrap();
        let err = write_files(dir.path(), &[("a.tsv", "new\n".to_string()), ("b.tsv", "b\n".to_string())]);
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("a.tsv")).unwrap(), "old\n");
        assert!(!dir.path().join("b.tsv").exists());
        assert!(!dir.path().join(format!(".a.tsv.{}.tmp", std::process::id())).exists());
    }
}
