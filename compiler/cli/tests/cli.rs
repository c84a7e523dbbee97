//! The binary as a user runs it: exit codes, output formats, hostile files, and the bundled examples.

use std::path::{Path, PathBuf};
use std::process::Command;

fn stackc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stackc")).args(args).env("NO_COLOR", "1").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn temp_stack(files: &[(&str, &[u8])]) -> tempdir::Dir {
    let dir = tempdir::Dir::new();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// A throwaway directory removed on drop (kept tiny to avoid a dependency).
mod tempdir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static N: AtomicUsize = AtomicUsize::new(0);

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!(
                "stackc-cli-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const GOOD: &[u8] =
    b"stack \"s\" {\n  region = \"us-east-1\"\n  tags = { owner = \"me\" }\n}\nenvironment \"dev\" {\n  profile = \"development\"\n}\n";

#[test]
fn every_example_checks_clean() {
    let examples = repo().join("examples");
    let mut seen = 0;
    for name in ["platform", "product", "static-site"] {
        let dir = examples.join(name);
        let (code, _, err) = stackc(&["check", dir.to_str().unwrap()]);
        assert_eq!(code, 0, "examples/{name}:\n{err}");
        assert!(err.contains("no errors"), "{err}");
        seen += 1;
    }
    assert_eq!(seen, 3);
}

#[test]
fn policies_decide_the_exit_code() {
    let policy = |severity: &str| {
        format!(
            "network \"main\" {{\n  cidr = \"10.0.0.0/16\"\n}}\n\
             policy \"three-zones\" {{\n  kind = \"network\"\n  assert = self.zones >= 3\n  \
             message = \"networks span three zones\"\n  severity = \"{severity}\"\n}}\n"
        )
    };
    let error = temp_stack(&[("main.stack.hcl", GOOD), ("policy.stack.hcl", policy("error").as_bytes())]);
    let dir = error.path().to_str().unwrap();
    let (code, _, err) = stackc(&["check", dir]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("P0001") && err.contains("networks span three zones"), "{err}");
    let out = error.path().join("out");
    let (code, _, err) = stackc(&["build", dir, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(!out.exists(), "a build that fails a policy wrote files");

    let warning = temp_stack(&[("main.stack.hcl", GOOD), ("policy.stack.hcl", policy("warning").as_bytes())]);
    let dir = warning.path().to_str().unwrap();
    assert_eq!(stackc(&["check", dir]).0, 0);
    assert_eq!(stackc(&["check", dir, "--deny-warnings"]).0, 1);
    let out = warning.path().join("out");
    assert_eq!(stackc(&["build", dir, "--deny-warnings", "--out", out.to_str().unwrap()]).0, 1);
    assert!(!out.exists(), "--deny-warnings wrote files");
    assert_eq!(stackc(&["build", dir, "--out", out.to_str().unwrap()]).0, 0);
}

#[test]
fn exit_codes() {
    let good = temp_stack(&[("main.stack.hcl", GOOD)]);
    assert_eq!(stackc(&["check", good.path().to_str().unwrap()]).0, 0);

    let bad = temp_stack(&[(
        "main.stack.hcl",
        b"stack \"s\" {\n  region = \"us-east-1\"\n}\nenvironment \"dev\" {\n  profile = \"nope\"\n}\n",
    )]);
    let (code, _, err) = stackc(&["check", bad.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("E0112") && err.contains("unknown profile `nope`"), "{err}");

    let (code, _, err) = stackc(&["check", "/definitely/not/here"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = stackc(&["no-such-command"]);
    assert_eq!(code, 2);
    let (code, _, _) = stackc(&["explain", "E9999"]);
    assert_eq!(code, 2);
}

#[test]
fn invalid_utf8_is_a_diagnostic_not_a_crash() {
    let dir = temp_stack(&[("main.stack.hcl", GOOD), ("bad.stack.hcl", b"locals {\n  x = \"\xff\xfe\"\n}\n")]);
    let (code, _, err) = stackc(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("E0004") && err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn json_format_has_positions() {
    let dir = temp_stack(&[(
        "main.stack.hcl",
        b"stack \"s\" {\n  region = \"us-east-1\"\n}\nenvironment \"dev\" {\n  profil = \"development\"\n}\n",
    )]);
    let (code, out, _) = stackc(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let unknown = diags.iter().find(|d| d["code"] == "E0108").expect("E0108 reported");
    assert_eq!(unknown["labels"][0]["file"], "main.stack.hcl");
    assert_eq!(unknown["labels"][0]["start"]["line"], 5);
    assert_eq!(unknown["labels"][0]["start"]["column"], 3);
    assert_eq!(unknown["help"], "did you mean `profile`?");
    assert_eq!(v["errors"].as_u64().unwrap() as usize, diags.iter().filter(|d| d["severity"] == "error").count());
}

#[test]
fn explain_prints_the_page() {
    let (code, out, _) = stackc(&["explain", "E0108"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# E0108: "), "{out}");
    let (code, out, _) = stackc(&["explain", "e0501"]);
    assert_eq!(code, 0, "codes are case-insensitive");
    assert!(out.contains("cycle"), "{out}");
}

#[test]
fn help_lists_only_working_commands() {
    let (code, out, _) = stackc(&["--help"]);
    assert_eq!(code, 0);
    for cmd in ["check", "graph", "build", "explain"] {
        assert!(out.contains(cmd), "{out}");
    }
    for absent in ["plan", "lsp"] {
        assert!(
            !out.lines().any(|l| l.trim_start().starts_with(absent)),
            "`{absent}` is listed but not implemented:\n{out}"
        );
    }
}

#[test]
fn closed_output_pipe_is_not_a_crash() {
    use std::io::Read as _;
    use std::process::Stdio;
    let mut text = String::from(std::str::from_utf8(GOOD).unwrap());
    // Enough output (~200 KiB) to overflow the pipe buffer after the reader is gone.
    for i in 0..1500 {
        text.push_str(&format!("network \"n{i}\" {{\n  cidr = \"10.{}.{}.0/24\"\n}}\n", i / 256, i % 256));
    }
    let dir = temp_stack(&[("main.stack.hcl", text.as_bytes())]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_stackc"))
        .args(["graph", dir.path().to_str().unwrap(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn huge_and_deep_inputs_are_bounded() {
    // 17 MiB file: refused with a diagnostic, not read.
    let big = vec![b'#'; 17 * 1024 * 1024];
    let dir = temp_stack(&[("main.stack.hcl", GOOD), ("big.stack.hcl", &big)]);
    let (code, _, err) = stackc(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("larger than 16 MiB"), "{err}");
    // Deeply nested expressions: a diagnostic or success, never a crash.
    let deep = format!("locals {{\n  x = {}1{}\n}}\n", "[".repeat(5000), "]".repeat(5000));
    let dir = temp_stack(&[("main.stack.hcl", GOOD), ("deep.stack.hcl", deep.as_bytes())]);
    let (code, _, err) = stackc(&["check", dir.path().to_str().unwrap()]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
}

/// The JSON diagnostics of `stackc check <dir>`, with the exit code.
fn check_json(dir: &Path) -> (i32, Vec<serde_json::Value>) {
    let (code, out, err) = stackc(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v["diagnostics"].as_array().unwrap().clone())
}

#[test]
fn a_directory_without_stack_files_says_which_files_are_read() {
    let root = temp_stack(&[]);
    std::fs::create_dir_all(root.path().join("examples/shop")).unwrap();
    std::fs::write(root.path().join("examples/shop/main.hcl"), GOOD).unwrap();
    let (code, diags) = check_json(&root.path().join("examples/shop"));
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "E0104");
    assert_eq!(
        diags[0]["notes"][0],
        "`examples/shop` has no stack files: stackc reads the files whose names end in `.stack.hcl` \
         (like `main.stack.hcl`)"
    );
    // The repository root itself is "the stack directory".
    let (code, diags) = check_json(root.path());
    assert_eq!(code, 1);
    let note = diags[0]["notes"][0].as_str().unwrap();
    assert!(note.starts_with("the stack directory has no stack files: "), "{note}");
}

#[test]
fn a_module_outside_a_stack_without_repository_asks_for_one() {
    let dir = tempdir::Dir::new();
    if dir.path().ancestors().any(|a| a.join(".git").exists()) {
        eprintln!("skipped: the temporary directory is inside a git repository");
        return;
    }
    let stack = dir.path().join("stack");
    std::fs::create_dir_all(&stack).unwrap();
    std::fs::create_dir_all(dir.path().join("modules/web")).unwrap();
    let mut main = String::from_utf8(GOOD.to_vec()).unwrap();
    main.push_str("module \"web\" {\n  source = \"../modules/web\"\n}\n");
    std::fs::write(stack.join("main.stack.hcl"), main).unwrap();
    std::fs::write(dir.path().join("modules/web/main.stack.hcl"), "locals {\n  a = 1\n}\n").unwrap();
    let (code, diags) = check_json(&stack);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "E0201");
    assert_eq!(d["message"], "no repository root (.git) found");
    assert_eq!(
        d["labels"][0]["message"],
        "modules may not leave the stack directory when it is not in a git repository"
    );
    assert_eq!(d["labels"][0]["start"]["line"], 9);
    assert_eq!(
        d["help"],
        "run stackc inside a git repository (`git init` at the project root), or move the module into the stack \
         directory"
    );
    // With a repository, the same layout loads.
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let (code, diags) = check_json(&stack);
    assert_eq!(code, 0, "{diags:?}");
}
