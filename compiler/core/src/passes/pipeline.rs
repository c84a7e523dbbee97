//! What would make a pipeline's workflows wrong, found across the stack's environments (E0710): a
//! `promotion` naming an environment the stack does not declare, or one twice; a `contexts` key that
//! names none of the pipeline's services and sites; a branch pattern no branch name can match; a
//! `directory` outside the repository; an image the pipeline would push to another registry than its
//! `registry`; one image tag that two environments build with different build arguments (a tag
//! is one build); more images than one workflow matrix runs (256).

use std::collections::{BTreeMap, BTreeSet};

use stackc_syntax::{Code, Diagnostic};

use crate::graph::{EnvGraph, Resource};
use crate::value::Value;

/// The most jobs GitHub Actions runs from one matrix.
const MATRIX_LIMIT: usize = 256;

/// Per image tag: the first environment building it, its build arguments there, and whether a
/// second build was reported.
type Builds = BTreeMap<String, (String, Vec<(String, String)>, bool)>;

pub fn run(graphs: &[&EnvGraph]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let declared: Vec<&str> = graphs.iter().map(|g| g.name.as_str()).collect();
    let mut addresses = BTreeSet::new();
    for g in graphs {
        addresses.extend(g.of_kind("pipeline").map(|p| p.address.clone()));
    }
    for address in addresses {
        let Some(first) = graphs.iter().find_map(|g| g.get(&address)) else { continue };
        promotion(first, &declared, &mut out);
        branches(first, &mut out);
        if let Some(dir) = first.attr("directory").as_str() {
            if dir.split('/').any(|s| s == "..") || dir.starts_with('/') {
                out.push(
                    Diagnostic::error(Code::E0710, format!("`{dir}` is outside the repository"))
                        .primary(first.attr_span("directory"), "a path with `..`")
                        .help("write the stack's directory relative to the repository root, like \"infra\" or \".\""),
                );
            }
        }
        let mut listed: Vec<&Resource> = Vec::new();
        let mut builds: Builds = BTreeMap::new();
        for g in graphs {
            let Some(p) = g.get(&address) else { continue };
            for attr in ["services", "static_sites"] {
                let Value::List(items) = p.attr(attr) else { continue };
                for item in items {
                    let Some(res) = item.as_ref_address().and_then(|a| g.get(a)) else { continue };
                    if !listed.iter().any(|r| r.address == res.address) {
                        listed.push(res);
                    }
                    registry(p, res, &g.stack.region, &mut out);
                    one_build(g, res, &mut builds, &mut out);
                }
            }
        }
        // The images job is one matrix, and GitHub runs at most 256 jobs per matrix.
        if builds.len() > MATRIX_LIMIT {
            out.push(
                Diagnostic::error(
                    Code::E0710,
                    format!(
                        "the pipeline builds {} images; a workflow matrix holds at most {MATRIX_LIMIT}",
                        builds.len()
                    ),
                )
                .primary(first.attr_span("services"), "its services and sites")
                .help("split the services and sites between several pipelines"),
            );
        }
        if let Value::Map(contexts) = first.attr("contexts") {
            for key in contexts.keys() {
                if !listed.iter().any(|r| crate::emit::github::names(r, key)) {
                    let names: Vec<String> = listed.iter().map(|r| r.qualified_name()).collect();
                    out.push(
                        Diagnostic::error(
                            Code::E0710,
                            format!("`contexts` names `{key}`, which the pipeline does not build"),
                        )
                        .primary(first.attr_span("contexts"), format!("`{key}` is none of its services and sites"))
                        .help(if names.is_empty() {
                            "the pipeline lists no services or static sites".to_owned()
                        } else {
                            format!("the pipeline builds {}", names.join(", "))
                        }),
                    );
                }
            }
        }
    }
    dedup(out)
}

/// A diagnostic found in several environments is one report.
fn dedup(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    diags.into_iter().filter(|d| seen.insert(format!("{d:?}"))).collect()
}

fn promotion(p: &Resource, declared: &[&str], out: &mut Vec<Diagnostic>) {
    let Value::List(items) = p.attr("promotion") else { return };
    if p.attr_span("promotion") == p.span {
        // The default order: one report for what it names that the stack does not have.
        let missing: Vec<&str> = items.iter().filter_map(|i| i.as_str()).filter(|n| !declared.contains(n)).collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::error(
                    Code::E0710,
                    format!("the default `promotion` names {}, which the stack does not declare", missing.join(", ")),
                )
                .primary(p.span, "`promotion` is [\"dev\", \"staging\", \"prod\"] unless set")
                .help(format!(
                    "set `promotion` to this stack's environments in deploy order ({})",
                    declared.join(", ")
                )),
            );
        }
        return;
    }
    let mut seen = BTreeSet::new();
    for item in items {
        let Some(name) = item.as_str() else { continue };
        if !declared.contains(&name) {
            let help = crate::suggest::did_you_mean(name, declared.iter().copied())
                .unwrap_or_else(|| format!("the stack's environments: {}", declared.join(", ")));
            out.push(
                Diagnostic::error(
                    Code::E0710,
                    format!("`promotion` names `{name}`, which is no environment of the stack"),
                )
                .primary(p.attr_span("promotion"), format!("`{name}` is not declared"))
                .help(help),
            );
        } else if !seen.insert(name) {
            out.push(
                Diagnostic::error(Code::E0710, format!("`promotion` lists `{name}` twice"))
                    .primary(p.attr_span("promotion"), format!("`{name}` again"))
                    .help("each environment deploys once per delivery; list it once, in its place in the order"),
            );
        }
    }
}

/// A branch filter that no branch name can match: git refuses these characters and forms in ref
/// names (`git check-ref-format`), and GitHub's filter syntax gives them no meaning.
fn branches(p: &Resource, out: &mut Vec<Diagnostic>) {
    let Value::List(items) = p.attr("branches") else { return };
    for item in items {
        let Some(pattern) = item.as_str() else { continue };
        let body = pattern.strip_prefix('!').unwrap_or(pattern);
        let why = if body.is_empty() {
            Some("it is empty")
        } else if body.contains(|c: char| c.is_whitespace() || "~^:\\".contains(c)) {
            Some("branch names have no whitespace, `~`, `^`, `:` or `\\`")
        } else if body.contains("..") || body.contains("@{") || body.contains("//") {
            Some("branch names have no `..`, `@{` or `//`")
        } else if body.starts_with('/') || body.ends_with('/') || body.ends_with('.') || body.ends_with(".lock") {
            Some("branch names neither start nor end with `/`, nor end with `.` or `.lock`")
        } else {
            None
        };
        if let Some(why) = why {
            out.push(
                Diagnostic::error(Code::E0710, format!("the branch pattern `{pattern}` can never match"))
                    .primary(p.attr_span("branches"), why)
                    .help("write a branch name or a filter pattern like \"main\", \"release/**\" or \"!release/**-alpha\""),
            );
        }
    }
}

/// The image of a service or site the pipeline pushes is in the pipeline's registry.
fn registry(p: &Resource, res: &Resource, region: &str, out: &mut Vec<Diagnostic>) {
    let Some(image) = res.attr("image").as_image() else { return };
    if res.attr("mode").as_str() == Some("bucket") {
        return;
    }
    let host = image.registry.as_deref().unwrap_or("docker.io");
    let (ok, want) = match p.attr("registry").as_str() {
        Some("ecr") => (
            host.split('.').nth(3) == Some(region)
                && host.split('.').collect::<Vec<_>>().as_slice().get(1..3) == Some(&["dkr", "ecr"])
                && host.ends_with(".amazonaws.com")
                && host.split('.').next().is_some_and(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit())),
            "an ECR repository in the stack's region (<account>.dkr.ecr.<region>.amazonaws.com/<name>), which the bootstrap root creates",
        ),
        _ => (host == "ghcr.io", "a GitHub Container Registry image (ghcr.io/<owner>/<name>)"),
    };
    if !ok {
        out.push(
            Diagnostic::error(
                Code::E0710,
                format!("`{}` runs `{image}`, which the pipeline cannot push to its registry", res.address),
            )
            .primary(res.attr_span("image"), format!("in {host}"))
            .secondary(p.attr_span("services"), "the pipeline builds and pushes it")
            .help(format!("the pipeline's `registry` takes {want}: change the image, or the pipeline's `registry`")),
        );
    }
}

/// One image tag is one build: two environments building it with different arguments would push
/// one and deploy it to both.
fn one_build(env: &EnvGraph, res: &Resource, builds: &mut Builds, out: &mut Vec<Diagnostic>) {
    let Some(image) = res.attr("image").as_image() else { return };
    if res.attr("mode").as_str() == Some("bucket") {
        return;
    }
    let args: Vec<(String, String)> = match res.attr("build_args") {
        Value::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect(),
        _ => Vec::new(),
    };
    let key = image.to_string();
    match builds.get_mut(&key) {
        Some((first_env, first_args, reported)) if *first_args != args && !*reported => {
            *reported = true;
            out.push(
                Diagnostic::error(Code::E0710, format!("`{key}` would be built twice, with different build arguments"))
                    .primary(res.attr_span("image"), format!("the same tag in `{first_env}` and `{}`", env.name))
                    .help("a tag is one build: put the environment in the tag, like \"…:1.0.0-${env.name}\""),
            );
        }
        Some(_) => {}
        None => {
            builds.insert(key, (env.name.clone(), args, false));
        }
    }
}
