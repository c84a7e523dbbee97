//! Parity with checkov, measured. Every stack below is compiled (its findings, per environment) and
//! built; checkov runs on every emitted artifact — each environment's Terraform and the bootstrap
//! root, the first-party chart's releases rendered with `helm template`, the GitHub workflows — and:
//!
//! 1. every check checkov fails (or skips, because the stack suppressed it) on an artifact lowered
//!    from a stack resource is claimed by a stackc finding on that resource in that environment, or
//!    by the resource's own suppression;
//! 2. every checkov ID a finding claims, checkov fails or skips on an artifact of that resource in
//!    that environment (a rule never claims what checkov passes);
//! 3. every checkov ID any rule claims is seen failing on at least one stack (no rule is untested);
//! 4. the table of what was measured, `docs/rules/parity.md`, is the one committed
//!    (`STACKC_UPDATE_DOCS=1` rewrites it).
//!
//! The stacks: the examples as written (with their suppressions), the examples with every `suppress`
//! removed, and the fixtures in `tests/policy/` (a stack written from the docs with no suppression,
//! and one with every setting a rule reports turned the wrong way).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{fill, helm, repo, tool};
use stackc_core::Compilation;
use stackc_syntax::Code;

const EXAMPLES: &[&str] = &["platform", "product", "static-site"];

/// (stack, environment, stack address) — what checkov results and findings are both keyed by.
type Place = (String, String, String);

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// Removes every `suppress = …` attribute (one line, or up to its closing bracket) from the stack
/// files under `dir`.
fn strip_suppressions(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            strip_suppressions(&p);
            continue;
        }
        if !p.to_string_lossy().ends_with(".stack.hcl") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let mut out = String::new();
        let mut depth = 0i32;
        for line in text.split_inclusive('\n') {
            let delta = |l: &str| l.matches(['{', '(', '[']).count() as i32 - l.matches(['}', ')', ']']).count() as i32;
            if depth > 0 {
                depth += delta(line);
                continue;
            }
            let t = line.trim_start();
            if t.starts_with("suppress ") || t.starts_with("suppress=") {
                depth = delta(line).max(0);
                continue;
            }
            out.push_str(line);
        }
        std::fs::write(&p, out).unwrap();
    }
}

fn compile(dir: &Path) -> &'static Compilation {
    let (disk, rel) = stackc::disk::DiskSources::open(dir).unwrap();
    let c = stackc_core::compile(&disk, &rel).unwrap();
    Box::leak(Box::new(c))
}

/// Placeholder values for the Terraform outputs an environment's deferred values read, of the
/// declared types, so the releases render.
fn fake_outputs(out: &Path, env: &str, dest: &Path) {
    let mut outputs = serde_json::Map::new();
    for manifest in stackc_core::emit::deferred::MANIFESTS {
        let Ok(text) = std::fs::read_to_string(out.join(env).join(manifest)) else { continue };
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        for (name, ty) in manifest["outputs"].as_object().unwrap() {
            let value = match (ty.as_str().unwrap_or("string"), name.as_str()) {
                ("number", _) => serde_json::json!(6379),
                ("bool", _) => serde_json::json!(true),
                (_, n) if n.ends_with("_url") => serde_json::json!(format!("rediss://{n}.example.internal:6379")),
                (_, n) if n.ends_with("_arn") => {
                    serde_json::json!(format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:{n}"))
                }
                (_, n) if n.ends_with("_endpoint") => serde_json::json!(format!("{n}.example.internal")),
                (_, n) => serde_json::json!(format!("placeholder-{}", n.replace('_', "-"))),
            };
            outputs.insert(
                name.clone(),
                serde_json::json!({ "sensitive": false, "type": ty.as_str().unwrap_or("string"), "value": value }),
            );
        }
    }
    std::fs::write(dest, serde_json::to_string_pretty(&outputs).unwrap()).unwrap();
}

/// Renders the first-party releases of `out/<env>/helm` into `dest/<release>.yaml`.
fn render(out: &Path, env: &str, dest: &Path) {
    let dir = out.join(env).join("helm");
    let Ok(text) = std::fs::read_to_string(dir.join("helmfile.yaml")) else { return };
    let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    std::fs::create_dir_all(dest).unwrap();
    for r in doc["releases"].as_array().unwrap() {
        if r["chart"].as_str() != Some("../../charts/workload") {
            continue; // a community chart, fetched at deploy time
        }
        let name = r["name"].as_str().unwrap();
        let mut cmd = helm();
        cmd.args(["template", name])
            .arg(out.join("charts/workload"))
            .args(["--namespace", r["namespace"].as_str().unwrap()]);
        for v in r["values"].as_array().unwrap() {
            cmd.arg("-f").arg(dir.join(v.as_str().unwrap()));
        }
        let (ok, rendered) = run(&mut cmd);
        assert!(ok, "helm template {name} ({}): {rendered}", out.display());
        std::fs::write(dest.join(format!("{name}.yaml")), rendered).unwrap();
    }
}

/// Runs checkov; the (check ID, file path relative to `dir`, resource, skipped) of every failed or
/// skipped check.
fn checkov(dir: &Path, frameworks: &[&str]) -> Vec<(String, String, String, bool)> {
    let mut cmd = Command::new(tool("checkov/bin/checkov"));
    cmd.arg("--framework").args(frameworks);
    cmd.args(["--skip-download", "--compact", "-o", "json", "-d"])
        .arg(dir)
        .env("BC_SKIP_MAPPING", "TRUE")
        .env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true");
    let output = cmd.output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    let json = &report[report.find(['{', '[']).unwrap_or(0)..];
    let parsed: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("checkov output: {e}\n{report}"));
    let reports = match parsed {
        serde_json::Value::Array(a) => a,
        one => vec![one],
    };
    let mut out = Vec::new();
    for r in &reports {
        for key in ["failed_checks", "skipped_checks"] {
            for c in r["results"][key].as_array().into_iter().flatten() {
                let s = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
                let skipped = key == "skipped_checks";
                out.push((s("check_id"), s("file_path").trim_start_matches('/').to_owned(), s("resource"), skipped));
            }
        }
    }
    out
}

#[test]
fn every_checkov_failure_is_predicted_and_every_claim_holds() {
    // Not a hidden directory: checkov's Kubernetes runner skips paths with a dot-directory in them.
    let tmp = tempfile::Builder::new().prefix("stackc-parity-").tempdir().unwrap();
    let root = tmp.path().join("repo");
    // Stacks reach `modules/` by relative path, inside a repository.
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    copy_dir(&repo().join("modules"), &root.join("modules"));
    let mut stacks: Vec<(String, PathBuf)> = Vec::new();
    for example in EXAMPLES {
        let dir = root.join("examples").join(example);
        copy_dir(&repo().join("examples").join(example), &dir);
        stacks.push((example.to_string(), dir));
    }
    // The stripped copies live beside the examples so `../../modules` still resolves; their module
    // is stripped too, in a copy of its own.
    copy_dir(&repo().join("modules"), &root.join("stripped-modules/modules"));
    strip_suppressions(&root.join("stripped-modules/modules"));
    for example in EXAMPLES {
        let dir = root.join("stripped-modules/examples").join(example);
        copy_dir(&repo().join("examples").join(example), &dir);
        strip_suppressions(&dir);
        stacks.push((format!("{example}-unsuppressed"), dir));
    }
    for e in std::fs::read_dir(repo().join("tests/policy")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let dir = root.join("tests/policy").join(&name);
        copy_dir(&p, &dir);
        stacks.push((name, dir));
    }

    let scan = tmp.path().join("scan");
    let gha = tmp.path().join("gha");
    // Terraform (type.name) → stack address, per (stack, env); rendered release file → address.
    let mut tf_sources: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    let mut claims: BTreeMap<Place, BTreeSet<String>> = BTreeMap::new();
    let mut suppressed: BTreeMap<Place, BTreeSet<String>> = BTreeMap::new();
    let mut pipelines: BTreeMap<(String, String), String> = BTreeMap::new();
    for (name, dir) in &stacks {
        let c = compile(dir);
        // Only the rules' own errors are allowed (the examples without their suppressions have
        // some): the artifacts are emitted through the core, which `stackc build` would refuse.
        let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error() && d.code != Code::P0002).collect();
        assert!(errors.is_empty(), "{name} does not compile: {errors:#?}");
        let out = tmp.path().join("out").join(name);
        for a in stackc_core::emit::build(c, None).unwrap_or_else(|d| panic!("{name}: {d:#?}")) {
            let path = out.join(&a.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, a.contents).unwrap();
        }
        for env in &c.environments {
            let e = env.graph.name.clone();
            let module = stackc_core::emit::terraform::lower(&env.graph).unwrap();
            let map = tf_sources.entry((name.clone(), e.clone())).or_default();
            for b in module.blocks() {
                if let (Some(h), Some(src)) = (b.block.handle(), &b.source) {
                    map.insert(format!("{}.{}", h.ty, h.name), src.clone());
                }
            }
            for f in &env.findings {
                claims
                    .entry((name.clone(), e.clone(), f.address.clone()))
                    .or_default()
                    .extend(f.checkov.iter().map(|c| c.to_string()));
            }
            for res in env.graph.resources() {
                let ids: BTreeSet<String> = res.checkov_skips().into_iter().map(|(c, _)| c.to_owned()).collect();
                suppressed.insert((name.clone(), e.clone(), res.address.clone()), ids);
                if res.kind.name == "pipeline" {
                    pipelines.insert((name.clone(), res.name.clone()), res.address.clone());
                }
            }
            copy_dir(&out.join(&e).join("terraform"), &scan.join(name).join(&e).join("terraform"));
            let outputs = tmp.path().join(format!("outputs-{name}-{e}.json"));
            fake_outputs(&out, &e, &outputs);
            let (code, err) = fill(&out, &e, &outputs);
            assert_eq!(code, 0, "{name}/{e}: stackc fill: {err}");
            render(&out, &e, &scan.join(name).join(&e).join("k8s"));
        }
        if out.join("bootstrap/terraform").exists() {
            copy_dir(&out.join("bootstrap/terraform"), &scan.join(name).join("bootstrap").join("terraform"));
        }
        if out.join("github/workflows").exists() {
            copy_dir(&out.join("github/workflows"), &gha.join(name).join(".github/workflows"));
        }
    }

    // What checkov reports, placed on stack resources.
    let mut failed: BTreeMap<Place, BTreeSet<String>> = BTreeMap::new();
    // Skipped by a `checkov:skip` comment the stack did not ask for: the emitter's own, each
    // documented with its reason in docs/terraform.md (tests/terraform_properties.rs holds that).
    let mut emitter_skips: BTreeMap<Place, BTreeSet<String>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for (check, file, resource, skipped) in checkov(&scan, &["terraform", "kubernetes"]) {
        let parts: Vec<&str> = file.split('/').collect();
        let (stack, env, area) = (parts[0].to_owned(), parts[1].to_owned(), parts[2]);
        let address = match area {
            "terraform" => tf_sources.get(&(stack.clone(), env.clone())).and_then(|m| m.get(&resource)).cloned(),
            _ => {
                let text = std::fs::read_to_string(scan.join(&file)).unwrap();
                text.lines()
                    .find_map(|l| l.trim().strip_prefix("stackc.dev/resource: "))
                    .map(|a| a.trim_matches('"').to_owned())
            }
        };
        match address {
            Some(a) => {
                let place = (stack, env, a);
                let by_stack = suppressed.get(&place).is_some_and(|s| s.contains(&check));
                if skipped && !by_stack {
                    emitter_skips.entry(place.clone()).or_default().insert(check.clone());
                }
                failed.entry(place).or_default().insert(check);
            }
            // What the environment shares (its KMS key, its log bucket) and the bootstrap root
            // carry the emitter's own skips, each documented in docs/terraform.md.
            None if skipped => {}
            None => unplaced.push(format!("{check} {file} {resource}")),
        }
    }
    for (check, file, resource, _) in checkov(&gha, &["github_actions"]) {
        let parts: Vec<&str> = file.split('/').collect();
        let stack = parts[0].to_owned();
        let workflow = parts.last().unwrap().trim_end_matches(".yml").trim_end_matches("-pull-request");
        match pipelines.get(&(stack.clone(), workflow.to_owned())) {
            // A workflow serves every environment of its pipeline; findings on pipelines are per
            // environment too, so each environment must claim it.
            Some(a) => {
                for ((s, e), _) in tf_sources.iter().filter(|((s, _), _)| *s == stack) {
                    failed.entry((s.clone(), e.clone(), a.clone())).or_default().insert(check.clone());
                }
            }
            None => unplaced.push(format!("{check} {file} {resource}")),
        }
    }
    assert!(
        unplaced.is_empty(),
        "checkov failures on blocks no stack resource was lowered to:\n{}",
        unplaced.join("\n")
    );

    // 1. Every failure is predicted (or suppressed on the resource).
    let mut missed = Vec::new();
    for (place, checks) in &failed {
        let claimed = claims.get(place);
        let skipped = suppressed.get(place);
        let by_emitter = emitter_skips.get(place);
        for c in checks {
            let covered = [claimed, skipped, by_emitter].iter().any(|set| set.is_some_and(|s| s.contains(c)));
            if !covered {
                missed.push(format!("{c} on {} in {}/{}", place.2, place.0, place.1));
            }
        }
    }
    // 2. Every claim holds.
    let mut wrong = Vec::new();
    for (place, checks) in &claims {
        let seen = failed.get(place);
        for c in checks {
            if !seen.is_some_and(|s| s.contains(c)) {
                wrong.push(format!("{c} on {} in {}/{}", place.2, place.0, place.1));
            }
        }
    }
    assert!(
        missed.is_empty() && wrong.is_empty(),
        "checkov failures no finding predicts:\n  {}\nclaims checkov does not confirm:\n  {}",
        missed.join("\n  "),
        wrong.join("\n  ")
    );

    // 3. Every checkov ID a rule claims was seen, confirmed; 4. the table of it is the one published.
    let mut seen_in: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for ((stack, _, _), checks) in &claims {
        for c in checks {
            seen_in.entry(c.as_str()).or_default().insert(stack.as_str());
        }
    }
    let results: usize = failed.values().map(BTreeSet::len).sum();
    let claimed: usize = claims.values().map(BTreeSet::len).sum();
    let mut table = format!(
        "# Parity with checkov (measured)\n\n\
         Written by `compiler/cli/tests/policy_parity.rs` from what checkov 3.3.30 reported on every emitted\n\
         artifact (each environment's Terraform, the bootstrap root, the chart's releases rendered by\n\
         `helm template`, the GitHub workflows) of {} stacks: the examples as written, the examples with every\n\
         `suppress` removed (`-unsuppressed`), and `tests/policy/<name>`. checkov failed or skipped {results}\n\
         (check, resource, environment) triples; each was claimed by a stackc finding on the stack resource it\n\
         was lowered from, in that environment, or is the resource's own suppression or one of the emitter's\n\
         documented skips (docs/terraform.md). The findings made {claimed} claims; checkov confirmed every one.\n\
         Regenerate with `STACKC_UPDATE_DOCS=1 cargo test -p stackc --test policy_parity`.\n\n\
         | rule | checkov check | claimed and confirmed on |\n|---|---|---|\n",
        stacks.len()
    );
    let mut rules: Vec<_> = stackc_core::rules::all().collect();
    rules.sort_by_key(|r| r.id);
    let mut untested = Vec::new();
    for rule in rules {
        for c in rule.checkov {
            match seen_in.get(c) {
                Some(stacks) => {
                    let list: Vec<&str> = stacks.iter().copied().collect();
                    table.push_str(&format!(
                        "| [{}]({}.md) {} | {c} | {} |\n",
                        rule.id,
                        rule.id,
                        rule.name,
                        list.join(", ")
                    ));
                }
                None => untested.push(format!("{} {c}", rule.id)),
            }
        }
    }
    assert!(untested.is_empty(), "checkov checks rules claim that no stack exercises:\n{}", untested.join("\n"));
    let path = repo().join("docs/rules/parity.md");
    if std::env::var_os("STACKC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &table).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, table,
        "docs/rules/parity.md is stale: STACKC_UPDATE_DOCS=1 cargo test -p stackc --test policy_parity"
    );
}
