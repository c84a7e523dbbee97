//! What several core test files share.

#![allow(clippy::disallowed_methods, clippy::disallowed_types, dead_code)] // tests may use files

use std::path::Path;

use stackc_core::MemorySources;

/// An example stack (`examples/<name>`) and the module it instantiates, as in-memory sources; the
/// stack's directory is `examples/<name>`.
pub fn example_sources(example: &str) -> MemorySources {
    let stack = format!("examples/{example}");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = MemorySources::new();
    for dir in [stack.as_str(), "modules/web-service"] {
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".stack.hcl") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                sources.add(format!("{dir}/{name}"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    sources
}
