//! GitHub Actions: per `pipeline`, the workflows a team writes by hand today, from the stack.
//!
//! - `github/workflows/<pipeline>-pull-request.yml`: `stackc check`, the stale-artifact check (a
//!   fresh `stackc build` must equal the committed `generated/`), the pipeline's `test_command`, and
//!   every image built without pushing.
//! - `github/workflows/<pipeline>-delivery.yml`: on push to `branches` (with `paths`), the tests, then
//!   every image the environments deploy built, scanned (Trivy: critical findings fail, SARIF
//!   uploaded) and pushed unless its tag is in the registry already (tags are releases: never pushed
//!   twice); then one job per environment in `promotion` order, each after the previous one, in a
//!   GitHub environment of its name (whose protection rules carry the stack's `approval`): OIDC role
//!   assumption, Terraform init/plan/apply, `stackc fill`, `helmfile apply`, a health gate, bucket
//!   sites' upload and CDN invalidation, and on failure a rollback of the workloads and a summary.
//!   Production environments also deploy on manual dispatch, of the version the run is started
//!   from (a release tag picked as the workflow's ref).
//!
//! Every action is pinned to a commit SHA from `compiler/core/data/actions.tsv`; every job has the
//! least `permissions` it needs (`id-token: write` only where it assumes an AWS role); deploys of one
//! environment never run at once and are never cancelled. No `${{ }}` expression is expanded inside a
//! shell script: values reach scripts through `env:`.

mod actions;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value as Json};
use stackc_syntax::Diagnostic;

use super::{Artifact, Emitter};
use crate::bridge;
use crate::graph::{EnvGraph, Resource};
use crate::kinds::pipeline::{Pipeline, Registry};
use crate::kinds::service::Service;
use crate::kinds::static_site::{Mode, StaticSite};
use crate::kinds::{GithubKind, Text, View, ViewError};
use crate::schema::Target;
use crate::Compilation;

pub use actions::rows as action_table;

/// The GitHub target.
pub struct Github;

impl Emitter for Github {
    fn name(&self) -> &'static str {
        "github"
    }

    fn realises(&self) -> Target {
        Target::Github
    }

    fn kinds(&self) -> &'static [&'static str] {
        GithubKind::KINDS
    }

    fn emit_stack(&self, c: &Compilation) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let graphs: Vec<&EnvGraph> = c.graphs().collect();
        let mut addresses = BTreeSet::new();
        for g in &graphs {
            for p in g.of_kind("pipeline") {
                addresses.insert(p.address.clone());
            }
        }
        let mut files = Vec::new();
        for address in addresses {
            match workflows(&graphs, &address) {
                Ok(f) => files.extend(f),
                Err(e) => {
                    let res = graphs.iter().find_map(|g| g.get(&address));
                    return Err(vec![e.diagnostic(res)]);
                }
            }
        }
        Ok(files)
    }

    fn emit_env(&self, _env: &EnvGraph) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        Ok(Vec::new())
    }
}

/// The version of stackc the workflows install: this one, so CI checks with what built the files.
const STACKC_VERSION: &str = env!("CARGO_PKG_VERSION");
/// The Terraform the deploy jobs install: the oldest the generated roots accept (`required_version`).
const TERRAFORM_VERSION: &str = "1.11.4";
/// The helmfile the deploy jobs run, the Helm it drives (helmfile 1.7 is built against Helm 4.2)
/// and the helm-diff plugin `helmfile apply` needs (3.15 is built against Helm 4).
const HELMFILE_VERSION: &str = "v1.7.4";
const HELM_VERSION: &str = "v4.2.4";
const HELM_DIFF: &str = "https://github.com/databus23/helm-diff@v3.15.11";
/// The GitHub variable holding the AWS account ID the deploy roles live in.
pub const ACCOUNT_VARIABLE: &str = "AWS_ACCOUNT_ID";

fn view_error(res: &Resource, path: &str, found: &'static str) -> ViewError {
    ViewError { address: res.address.clone(), path: path.into(), expected: "a value known when compiling", found }
}

fn known<'a>(t: Text<'a>, res: &Resource, path: &str) -> Result<&'a str, ViewError> {
    t.known().ok_or_else(|| view_error(res, path, "deferred string"))
}

/// One image the delivery builds: its reference, context, platforms and build arguments.
#[derive(Clone, PartialEq)]
struct Image {
    image: String,
    context: String,
    platforms: BTreeSet<&'static str>,
    build_args: Vec<(String, String)>,
}

/// What one environment's deploy job does.
struct Deploy {
    env: String,
    region: String,
    production: bool,
    role: String,
    /// Kube contexts (EKS cluster names) the helmfile deploys to; empty without Kubernetes releases.
    clusters: Vec<String>,
    /// Whether a target that may defer values (Helm, Ansible) has resources here: then `stackc fill` runs.
    fill: bool,
    /// `context namespace deployment` of every Deployment the health gate waits for.
    deployments: Vec<String>,
    /// URLs of ingresses the health gate requests.
    urls: Vec<String>,
    /// `context namespace release` of every workload release (services, sites, jobs, cron jobs),
    /// rolled back on failure to the revision it had before the deploy.
    releases: Vec<String>,
    /// Bucket-mode sites.
    buckets: Vec<BucketSite>,
    /// The health gate: how many checks, how many seconds apart (the environment's pipeline values).
    health_retries: i64,
    health_delay: u64,
}

/// A bucket-mode static site: built from its context, its `assets` uploaded to the bucket.
struct BucketSite {
    name: String,
    context: String,
    assets: String,
    /// `NAME=value` lines of the environment's build arguments.
    build_args: String,
    /// The Terraform outputs of the bucket's name and the CDN's distribution ID.
    bucket_output: String,
    cdn_output: Option<String>,
}

/// The build context of a service or site: its `contexts` entry, else `./<name>`.
fn context(p: &Pipeline<'_>, res: &Resource) -> Result<String, ViewError> {
    Ok(match p.contexts.iter().find(|(k, _)| names(res, k)) {
        Some((_, dir)) => known(*dir, p.resource, "contexts")?.to_owned(),
        None => format!("./{}", res.qualified_name()),
    })
}

/// The workflows of one pipeline.
fn workflows(graphs: &[&EnvGraph], address: &str) -> Result<Vec<Artifact>, ViewError> {
    let Some(first) = graphs.iter().find_map(|g| g.get(address)) else { return Ok(Vec::new()) };
    let p = Pipeline::view(first)?;
    let name = first.qualified_name();
    let directory = known(p.directory, first, "directory")?.trim_end_matches('/').to_owned();
    let out = if directory == "." { "generated".to_owned() } else { format!("{directory}/generated") };
    let runner = known(p.runner, first, "runner")?.to_owned();
    let stack = graphs.first().map(|g| g.stack.name.clone()).unwrap_or_default();

    let mut images: Vec<Image> = Vec::new();
    let mut deploys = Vec::new();
    for env_name in &p.promotion {
        let env_name = known(*env_name, first, "promotion")?;
        let Some(env) = graphs.iter().find(|g| g.name == env_name) else { continue };
        let Some(res) = env.get(address) else { continue };
        let pv = Pipeline::view(res)?;
        for image in env_images(env, &pv)? {
            if !images.iter().any(|i| i.image == image.image) {
                images.push(image);
            } else if let Some(i) = images.iter_mut().find(|i| i.image == image.image) {
                i.platforms.extend(image.platforms);
            }
        }
        deploys.push(deploy(env, res, &pv)?);
    }
    images.sort_by(|a, b| a.image.cmp(&b.image));

    let header = format!(
        "# Generated by stackc from stack \"{stack}\", pipeline \"{name}\".\n# Do not edit: change the stack source and run `stackc build`.\n"
    );
    let mut files = Vec::new();
    if p.pull_requests {
        let wf = pull_request(&p, first, &directory, &out, &runner, &images)?;
        files.push(Artifact {
            path: format!("github/workflows/{name}-pull-request.yml"),
            contents: format!("{header}{}", render(&wf)?),
        });
    }
    let wf = delivery(&p, first, &stack, &directory, &out, &runner, &images, &deploys)?;
    files
        .push(Artifact { path: format!("github/workflows/{name}.yml"), contents: format!("{header}{}", render(&wf)?) });
    Ok(files)
}

/// The images an environment's services and sites run, as built for it.
fn env_images(env: &EnvGraph, p: &Pipeline<'_>) -> Result<Vec<Image>, ViewError> {
    let mut out = Vec::new();
    for s in &p.services {
        let s: Service = s.resolve(env)?;
        let Some(image) = s.container.image else { continue };
        out.push(Image {
            image: image.to_string(),
            context: context(p, s.resource)?,
            platforms: platforms(env, s.workload.cluster.map(|c| c.address)),
            build_args: Vec::new(),
        });
    }
    for s in &p.static_sites {
        let s: StaticSite = s.resolve(env)?;
        let mut args = Vec::new();
        for (k, v) in &s.build_args {
            args.push(((*k).to_owned(), known(*v, s.resource, "build_args")?.to_owned()));
        }
        let image = match (s.mode, s.container.image) {
            (Mode::Nginx, Some(image)) => image.to_string(),
            // A bucket site's build is exported from its Dockerfile, never pushed.
            _ => continue,
        };
        out.push(Image {
            image,
            context: context(p, s.resource)?,
            platforms: platforms(env, s.workload.cluster.map(|c| c.address)),
            build_args: args,
        });
    }
    Ok(out)
}

/// Whether a `contexts` key names a service or site: by its name qualified by its module instances
/// (`app-web`), or by its name in its module (`web`).
pub fn names(res: &Resource, key: &str) -> bool {
    key == res.name || key == res.qualified_name()
}

/// The platforms of a cluster's node pools: `linux/arm64` for Graviton, `linux/amd64` otherwise.
fn platforms(env: &EnvGraph, cluster: Option<&str>) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    if let Some(c) = cluster.and_then(|c| env.get(c)) {
        if let Ok(c) = crate::kinds::cluster::Cluster::view(c) {
            for pool in &c.node_pool {
                out.insert(if pool.instance.arm64() { "linux/arm64" } else { "linux/amd64" });
            }
        }
    }
    if out.is_empty() {
        out.insert("linux/amd64");
    }
    out
}

/// What the deploy job of one environment does.
fn deploy(env: &EnvGraph, pipeline: &Resource, p: &Pipeline<'_>) -> Result<Deploy, ViewError> {
    let mut d = Deploy {
        env: env.name.clone(),
        region: env.region.clone(),
        production: env.profile == "production",
        role: bridge::github::deploy_role_name(env, pipeline),
        clusters: Vec::new(),
        fill: false,
        deployments: Vec::new(),
        urls: Vec::new(),
        releases: Vec::new(),
        buckets: Vec::new(),
        health_retries: p.health_retries,
        health_delay: p.health_delay.seconds(),
    };
    let mut clusters = BTreeSet::new();
    for res in env.resources() {
        match res.kind.target {
            // Helm and Ansible write the deferred-values manifests; `stackc fill` reads whichever exist
            // (and succeeds with nothing to fill), so this target need not know which values are deferred.
            Target::Kubernetes | Target::Hosts => d.fill = true,
            _ => continue,
        }
        let kind = res.kind.name.as_str();
        if !matches!(kind, "service" | "static_site" | "job" | "cron_job" | "addon") {
            continue;
        }
        if kind == "static_site" && res.attr("mode").as_str() == Some("bucket") {
            continue;
        }
        let Some(cluster) = res.attr("cluster").as_ref_address().and_then(|c| env.get(c)) else { continue };
        let context = bridge::physical_name(env, cluster);
        clusters.insert(context.clone());
        if kind == "addon" {
            continue;
        }
        let namespace = res.attr("namespace").as_str().unwrap_or(&env.name).to_owned();
        let release = super::helm::release_name(res);
        d.releases.push(format!("{context} {namespace} {release}"));
        if !matches!(kind, "service" | "static_site") {
            continue;
        }
        d.deployments.push(format!("{context} {namespace} {release}"));
        if let Some(ingress) = res.blocks("ingress").first() {
            if let (Some(host), Some(path)) = (ingress.attr("host").as_str(), ingress.attr("path").as_str()) {
                let scheme = if ingress.attr("tls").as_bool() == Some(true) { "https" } else { "http" };
                // The readiness endpoint when the ingress routes every path to the workload.
                let readiness = res.blocks("health").first().and_then(|h| h.attr("readiness").as_str());
                let path = match readiness {
                    Some(r) if path == "/" => r,
                    _ => path,
                };
                d.urls.push(format!("{scheme}://{host}{path}"));
            }
        }
    }
    d.clusters = clusters.into_iter().collect();
    for s in &p.static_sites {
        let s: StaticSite = s.resolve(env)?;
        if s.mode != Mode::Bucket {
            continue;
        }
        let Some(bucket) = s.bucket else { continue };
        d.buckets.push(BucketSite {
            name: s.resource.qualified_name(),
            context: context(p, s.resource)?,
            assets: known(s.assets, s.resource, "assets")?.to_owned(),
            build_args: {
                let mut lines = String::new();
                for (k, v) in &s.build_args {
                    lines.push_str(&format!("{k}={}\n", known(*v, s.resource, "build_args")?));
                }
                lines
            },
            bucket_output: bridge::terraform_output(bucket.address, "name"),
            cdn_output: s.cdn.map(|c| bridge::terraform_output(c.address, "id")),
        });
    }
    Ok(d)
}

/// `uses:` of a pinned action; the version comment is added when rendering.
fn uses(action: &str) -> Result<Json, ViewError> {
    actions::pin(action).map(|(u, _)| Json::String(u)).ok_or(ViewError {
        address: action.to_owned(),
        path: "uses".into(),
        expected: "an action of compiler/core/data/actions.tsv",
        found: "an action the table does not pin",
    })
}

fn checkout() -> Result<Json, ViewError> {
    Ok(json!({ "name": "Check out", "uses": uses("actions/checkout")?, "with": { "persist-credentials": false } }))
}

fn install_stackc() -> Json {
    json!({
        "name": format!("Install stackc {STACKC_VERSION}"),
        "run": format!("cargo install --locked stackc --version \"={STACKC_VERSION}\"\nstackc --version\n"),
    })
}

/// The build-arguments input of docker/build-push-action: one `NAME=value` per line.
fn build_args(image: &Image) -> String {
    image.build_args.iter().map(|(k, v)| format!("{k}={v}\n")).collect()
}

fn matrix(images: &[Image]) -> Json {
    let include: Vec<Json> = images
        .iter()
        .map(|i| {
            json!({
                "image": i.image,
                "context": i.context,
                "platforms": i.platforms.iter().copied().collect::<Vec<_>>().join(","),
                "build-args": build_args(i),
            })
        })
        .collect();
    json!({ "fail-fast": false, "matrix": { "include": include } })
}

fn pull_request(
    p: &Pipeline<'_>,
    res: &Resource,
    directory: &str,
    out: &str,
    runner: &str,
    images: &[Image],
) -> Result<Json, ViewError> {
    let mut jobs = Map::new();
    jobs.insert("check".into(), check_job(runner, p.scan)?);
    if let Some(cmd) = p.test_command {
        jobs.insert("test".into(), test_job(known(cmd, res, "test_command")?, runner)?);
    }
    if !images.is_empty() {
        jobs.insert(
            "images".into(),
            json!({
                "name": "Build ${{ matrix.image }}",
                "runs-on": runner,
                "permissions": { "contents": "read" },
                "timeout-minutes": 60,
                "strategy": matrix(images),
                "steps": [
                    checkout()?,
                    { "name": "Set up Buildx", "uses": uses("docker/setup-buildx-action")? },
                    {
                        "name": "Build without pushing",
                        "uses": uses("docker/build-push-action")?,
                        "with": {
                            "context": "${{ matrix.context }}",
                            "build-args": "${{ matrix.build-args }}",
                            "tags": "${{ matrix.image }}",
                            "push": false,
                        },
                    },
                ],
            }),
        );
    }
    let mut on = Map::new();
    let mut pr = Map::new();
    let branches: Vec<&str> = p.branches.iter().filter_map(|b| b.known()).collect();
    pr.insert("branches".into(), json!(branches));
    let paths: Vec<&str> = p.paths.iter().filter_map(|b| b.known()).collect();
    if !paths.is_empty() {
        pr.insert("paths".into(), json!(paths));
    }
    on.insert("pull_request".into(), Json::Object(pr));
    Ok(json!({
        "name": format!("{}: pull request", res.qualified_name()),
        "on": on,
        "permissions": {},
        "concurrency": {
            "group": format!("{}-pull-request-${{{{ github.event.pull_request.number }}}}", res.qualified_name()),
            "cancel-in-progress": true,
        },
        "env": { "STACK_DIR": directory, "OUT": out },
        "jobs": jobs,
    }))
}

/// `stackc check`, and the committed artifacts compared with a fresh build; with `scan`, the
/// policy findings uploaded to code scanning (`stackc policy --format sarif`: open errors and
/// warnings at the stack source), whether or not the check passed.
fn check_job(runner: &str, scan: bool) -> Result<Json, ViewError> {
    let mut steps = vec![
        checkout()?,
        install_stackc(),
        json!({ "name": "stackc check", "run": "stackc check \"$STACK_DIR\"\n" }),
        json!({
            "name": "Committed artifacts are what the stack builds",
            "run": concat!(
                "stackc build \"$STACK_DIR\" --out \"$RUNNER_TEMP/generated\"\n",
                "# The overlays `stackc fill` writes at deploy time are never committed.\n",
                "if ! diff -rq --exclude=deferred \"$RUNNER_TEMP/generated\" \"$OUT\" > \"$RUNNER_TEMP/stale.txt\"; then\n",
                "  echo \"::error::the committed artifacts in $OUT are stale: run stackc build and commit the result\"\n",
                "  cat \"$RUNNER_TEMP/stale.txt\"\n",
                "  exit 1\n",
                "fi\n",
            ),
        }),
    ];
    let mut permissions = json!({ "contents": "read" });
    if scan {
        permissions["security-events"] = json!("write");
        steps.push(json!({
            "name": "Policy findings for code scanning",
            "if": "${{ !cancelled() }}",
            "run": concat!(
                "# A valid log even when the stack does not compile (the errors are its notifications).\n",
                "stackc policy \"$STACK_DIR\" --format sarif > stackc.sarif || true\n",
            ),
        }));
        steps.push(json!({
            "name": "Upload the policy findings",
            "if": "${{ !cancelled() && hashFiles('stackc.sarif') != '' }}",
            // Code scanning may be off for the repository, and a fork's token cannot write alerts.
            "continue-on-error": true,
            "uses": uses("github/codeql-action/upload-sarif")?,
            "with": { "sarif_file": "stackc.sarif", "category": "stackc" },
        }));
    }
    Ok(json!({
        "name": "stackc check and stale artifacts",
        "runs-on": runner,
        "permissions": permissions,
        "timeout-minutes": 30,
        "steps": steps,
    }))
}

fn test_job(command: &str, runner: &str) -> Result<Json, ViewError> {
    Ok(json!({
        "name": "Tests",
        "runs-on": runner,
        "permissions": { "contents": "read" },
        "timeout-minutes": 60,
        "steps": [checkout()?, { "name": "Test", "run": format!("{command}\n") }],
    }))
}

#[allow(clippy::too_many_arguments)]
fn delivery(
    p: &Pipeline<'_>,
    res: &Resource,
    stack: &str,
    directory: &str,
    out: &str,
    runner: &str,
    images: &[Image],
    deploys: &[Deploy],
) -> Result<Json, ViewError> {
    let name = res.qualified_name();
    let mut jobs = Map::new();
    // What deploys is what the stack builds: the same gate as on pull requests.
    let mut check = check_job(runner, p.scan)?;
    check["if"] = json!("github.event_name == 'push'");
    jobs.insert("check".into(), check);
    let mut previous: Option<String> = Some("check".into());
    if let Some(cmd) = p.test_command {
        let mut job = test_job(known(cmd, res, "test_command")?, runner)?;
        job["if"] = json!("github.event_name == 'push'");
        job["needs"] = json!(["check"]);
        jobs.insert("test".into(), job);
        previous = Some("test".into());
    }
    if !images.is_empty() {
        let mut permissions = json!({ "contents": "read" });
        let mut login = Vec::new();
        match p.registry {
            Registry::Ghcr => {
                permissions["packages"] = json!("write");
                login.push(json!({
                    "name": "Log in to GitHub Container Registry",
                    "uses": uses("docker/login-action")?,
                    "with": { "registry": "ghcr.io", "username": "${{ github.actor }}", "password": "${{ secrets.GITHUB_TOKEN }}" },
                }));
            }
            Registry::Ecr => {
                // The pipeline's publish role (bootstrap root): ECR push to its repositories only,
                // from pushes to its branches; no environment's deploy role is used to publish.
                let Some(first) = deploys.first() else { return Err(view_error(res, "promotion", "no environment")) };
                permissions["id-token"] = json!("write");
                login.push(json!({
                    "name": "Assume the publish role (OIDC)",
                    "uses": uses("aws-actions/configure-aws-credentials")?,
                    "with": {
                        "role-to-assume": format!(
                            "arn:aws:iam::${{{{ vars.{ACCOUNT_VARIABLE} }}}}:role/{}",
                            bridge::github::publish_role_name(stack, res)
                        ),
                        "role-session-name": "stackc-publish-${{ github.run_id }}",
                        "aws-region": first.region,
                    },
                }));
                let registries: BTreeSet<&str> =
                    images.iter().filter_map(|i| i.image.split('/').next()).filter(|r| r.contains(".ecr.")).collect();
                for registry in registries {
                    login.push(json!({
                        "name": format!("Log in to {registry}"),
                        "uses": uses("docker/login-action")?,
                        "with": { "registry": registry },
                    }));
                }
            }
        }
        if p.scan {
            permissions["security-events"] = json!("write");
        }
        let multi = images.iter().any(|i| i.platforms.len() > 1);
        let mut steps = vec![checkout()?];
        if multi {
            steps.push(json!({ "name": "Set up QEMU", "uses": uses("docker/setup-qemu-action")? }));
        }
        steps.push(json!({ "name": "Set up Buildx", "uses": uses("docker/setup-buildx-action")? }));
        steps.extend(login);
        steps.push(json!({
            "name": "Is this release pushed already?",
            "id": "pushed",
            "env": { "IMAGE": "${{ matrix.image }}" },
            "run": concat!(
                "# A tag is a release: it is built once and never pushed again. Only \"not found\" means\n",
                "# absent; any other registry error stops the job rather than rebuild over a release.\n",
                "if docker buildx imagetools inspect \"$IMAGE\" > \"$RUNNER_TEMP/inspect.txt\" 2>&1; then\n",
                "  echo \"done=true\" >> \"$GITHUB_OUTPUT\"\n",
                "  echo \"$IMAGE is in the registry already; not rebuilt\" >> \"$GITHUB_STEP_SUMMARY\"\n",
                "elif grep -qiE 'not found|manifest unknown|name unknown' \"$RUNNER_TEMP/inspect.txt\"; then\n",
                "  echo \"done=false\" >> \"$GITHUB_OUTPUT\"\n",
                "else\n",
                "  cat \"$RUNNER_TEMP/inspect.txt\"\n",
                "  echo \"::error::cannot tell whether $IMAGE is in the registry\"\n",
                "  exit 1\n",
                "fi\n",
            ),
        }));
        let not_pushed = "steps.pushed.outputs.done != 'true'";
        if p.scan {
            steps.push(json!({
                "name": "Build for the scan",
                "if": not_pushed,
                "uses": uses("docker/build-push-action")?,
                "with": { "context": "${{ matrix.context }}", "build-args": "${{ matrix.build-args }}", "tags": "${{ matrix.image }}", "load": true, "push": false },
            }));
            steps.push(json!({
                "name": "Scan (critical findings fail)",
                "id": "scan",
                "if": not_pushed,
                "uses": uses("aquasecurity/trivy-action")?,
                "with": {
                    "image-ref": "${{ matrix.image }}",
                    "severity": "CRITICAL",
                    "ignore-unfixed": true,
                    "exit-code": "1",
                    "format": "sarif",
                    "output": "trivy.sarif",
                    // Without it, a SARIF scan reports (and fails on) every severity.
                    "limit-severities-for-sarif": true,
                },
            }));
        }
        steps.push(json!({
            "name": "Build and push",
            "if": not_pushed,
            "uses": uses("docker/build-push-action")?,
            "with": {
                "context": "${{ matrix.context }}",
                "build-args": "${{ matrix.build-args }}",
                "platforms": "${{ matrix.platforms }}",
                "tags": "${{ matrix.image }}",
                "push": true,
                "provenance": "mode=max",
            },
        }));
        if p.scan {
            // After the push, and never in its way: code scanning may be off for the repository.
            steps.push(json!({
                "name": "Upload the scan",
                "if": format!("always() && {not_pushed} && hashFiles('trivy.sarif') != ''"),
                "continue-on-error": true,
                "uses": uses("github/codeql-action/upload-sarif")?,
                "with": { "sarif_file": "trivy.sarif", "category": "trivy ${{ matrix.image }}" },
            }));
        }
        let mut job = json!({
            "name": "Image ${{ matrix.image }}",
            "if": "github.event_name == 'push'",
            "runs-on": runner,
            "permissions": permissions,
            "timeout-minutes": 60,
            "strategy": matrix(images),
            "steps": steps,
        });
        if let Some(prev) = &previous {
            job["needs"] = json!([prev]);
        }
        jobs.insert("images".into(), job);
        previous = Some("images".into());
    }
    let mut dispatch = false;
    // The release branch: the first listed one without pattern characters. The first environment
    // deploys from every listed branch; the later ones only from the release branch.
    let release = p.branches.iter().filter_map(|b| b.known()).find(|b| !b.contains(['*', '?', '[', '!', '+']));
    let on_release = release.map(|b| format!(" && github.ref == 'refs/heads/{b}'")).unwrap_or_default();
    for (index, d) in deploys.iter().enumerate() {
        let id = format!("deploy-{}", d.env);
        let mut job = deploy_job(d, runner)?;
        let branch = if index == 0 { "" } else { on_release.as_str() };
        if d.production {
            // Also dispatched by hand from a release tag; then the environments before it are skipped.
            dispatch = true;
            let after = match &previous {
                Some(prev) => format!("needs.{prev}.result == 'success'"),
                None => "github.event_name == 'push'".to_owned(),
            };
            job["if"] = json!(format!(
                "${{{{ !cancelled() && ((github.event_name == 'workflow_dispatch' && startsWith(github.ref, 'refs/tags/')) || ({after}{branch})) }}}}"
            ));
        } else {
            job["if"] = json!(format!("github.event_name == 'push'{branch}"));
        }
        if let Some(prev) = &previous {
            job["needs"] = json!([prev]);
        }
        jobs.insert(id.clone(), job);
        previous = Some(id);
    }
    let mut push = Map::new();
    let branches: Vec<&str> = p.branches.iter().filter_map(|b| b.known()).collect();
    push.insert("branches".into(), json!(branches));
    let paths: Vec<&str> = p.paths.iter().filter_map(|b| b.known()).collect();
    if !paths.is_empty() {
        push.insert("paths".into(), json!(paths));
    }
    let mut on = Map::new();
    on.insert("push".into(), Json::Object(push));
    if dispatch {
        // The version is the ref the run is started from ("Use workflow from": a release tag), not an
        // input: a dispatched build takes no parameters besides its source (SLSA, checkov CKV_GHA_7).
        on.insert("workflow_dispatch".into(), json!({}));
    }
    Ok(json!({
        "name": name.clone(),
        "on": on,
        "permissions": {},
        // One delivery per ref at a time; a newer push waits instead of cancelling a deploy.
        "concurrency": { "group": format!("{name}-${{{{ github.ref }}}}"), "cancel-in-progress": false },
        "env": { "STACK": stack, "STACK_DIR": directory, "OUT": out },
        "jobs": jobs,
    }))
}

fn aws_credentials(d: &Deploy) -> Result<Json, ViewError> {
    Ok(json!({
        "name": "Assume the deploy role (OIDC)",
        "uses": uses("aws-actions/configure-aws-credentials")?,
        "with": {
            "role-to-assume": format!("arn:aws:iam::${{{{ vars.{ACCOUNT_VARIABLE} }}}}:role/{}", d.role),
            "role-session-name": format!("stackc-{}-${{{{ github.run_id }}}}", d.env),
            "role-duration-seconds": 7200,
            "aws-region": d.region,
        },
    }))
}

fn deploy_job(d: &Deploy, runner: &str) -> Result<Json, ViewError> {
    let mut steps = vec![checkout()?, install_stackc(), aws_credentials(d)?];
    steps.push(json!({
        "name": format!("Set up Terraform {TERRAFORM_VERSION}"),
        "uses": uses("hashicorp/setup-terraform")?,
        "with": { "terraform_version": TERRAFORM_VERSION, "terraform_wrapper": false },
    }));
    steps.push(json!({
        "name": "Terraform",
        "working-directory": format!("${{{{ env.OUT }}}}/{}/terraform", d.env),
        "run": concat!(
            "terraform init -input=false\n",
            "terraform plan -input=false -out=tfplan\n",
            "terraform apply -input=false tfplan\n",
            "terraform output -json > \"$RUNNER_TEMP/outputs.json\"\n",
        ),
    }));
    if d.fill {
        steps.push(json!({
            "name": "Values known after apply",
            "run": format!("stackc fill \"$OUT\" --env {} --terraform-outputs \"$RUNNER_TEMP/outputs.json\"\n", d.env),
        }));
    }
    if !d.clusters.is_empty() {
        let mut script = String::new();
        for c in &d.clusters {
            script.push_str(&format!("aws eks update-kubeconfig --region {} --name {c} --alias {c}\n", d.region));
        }
        steps.push(json!({ "name": "Cluster credentials", "run": script }));
        if !d.releases.is_empty() {
            steps.push(json!({
                "name": "Record the releases' revisions",
                "id": "revisions",
                "env": { "RELEASES": lines(&d.releases) },
                "run": RECORD,
            }));
        }
        steps.push(json!({
            "name": "helmfile apply",
            "id": "helmfile",
            "uses": uses("helmfile/helmfile-action")?,
            "with": {
                "helmfile-version": HELMFILE_VERSION,
                "helm-version": HELM_VERSION,
                "helm-plugins": HELM_DIFF,
                "helmfile-args": format!("--file ${{{{ env.OUT }}}}/{}/helm/helmfile.yaml apply --suppress-secrets", d.env),
            },
        }));
    }
    if !d.deployments.is_empty() || !d.urls.is_empty() {
        steps.push(json!({
            "name": format!("Health gate ({} × {} s)", d.health_retries, d.health_delay),
            "id": "health",
            "env": {
                "RETRIES": d.health_retries.to_string(),
                "DELAY": d.health_delay.to_string(),
                "DEPLOYMENTS": lines(&d.deployments),
                "URLS": lines(&d.urls),
            },
            "run": HEALTH_GATE,
        }));
    }
    for (i, site) in d.buckets.iter().enumerate() {
        let name = &site.name;
        let mut build = Map::new();
        build.insert("context".into(), json!(site.context));
        if !site.build_args.is_empty() {
            build.insert("build-args".into(), json!(site.build_args));
        }
        build.insert("outputs".into(), json!(format!("type=local,dest=${{{{ runner.temp }}}}/site-{i}")));
        steps.push(json!({
            "name": format!("Build the site {name}"),
            "uses": uses("docker/build-push-action")?,
            "with": build,
        }));
        let mut script = format!(
            "bucket=$(jq -er '.{}.value' \"$RUNNER_TEMP/outputs.json\")\nsite=\"$RUNNER_TEMP/site-{i}/{}\"\n",
            site.bucket_output, site.assets
        );
        script.push_str(concat!(
            "# Fingerprinted assets are cached for a year; HTML is revalidated on every request.\n",
            "aws s3 sync \"$site\" \"s3://$bucket\" --delete --exclude '*.html' --cache-control 'public, max-age=31536000, immutable'\n",
            "aws s3 sync \"$site\" \"s3://$bucket\" --exclude '*' --include '*.html' --cache-control 'no-cache'\n",
        ));
        if let Some(cdn) = &site.cdn_output {
            script.push_str(&format!(
                "distribution=$(jq -er '.{cdn}.value' \"$RUNNER_TEMP/outputs.json\")\naws cloudfront create-invalidation --distribution-id \"$distribution\" --paths '/*'\n"
            ));
        }
        steps.push(json!({ "name": format!("Upload the site {name}"), "run": script }));
    }
    if !d.releases.is_empty() {
        steps.push(json!({
            "name": "Roll back the workloads",
            "if": "failure() && steps.revisions.outcome == 'success'",
            "run": ROLLBACK,
        }));
    }
    steps.push(json!({
        "name": "Summary",
        "if": "always()",
        "env": { "ENVIRONMENT": d.env, "STATUS": "${{ job.status }}", "VERSION": "${{ github.ref_name }} (${{ github.sha }})" },
        "run": concat!(
            "{\n",
            "  echo \"### $ENVIRONMENT: $STATUS\"\n",
            "  echo \"Deploy of $VERSION ($STACK): $STATUS.\"\n",
            "} >> \"$GITHUB_STEP_SUMMARY\"\n",
        ),
    }));
    Ok(json!({
        "name": format!("Deploy {}", d.env),
        "runs-on": runner,
        "environment": d.env,
        "concurrency": { "group": format!("${{{{ github.repository }}}}-deploy-{}", d.env), "cancel-in-progress": false },
        "permissions": { "contents": "read", "id-token": "write" },
        "timeout-minutes": 120,
        "steps": steps,
    }))
}

fn lines(items: &[String]) -> String {
    items.iter().map(|l| format!("{l}\n")).collect()
}

/// Every Deployment available and every ingress answering 2xx (after redirects), twice in a row,
/// checked up to `RETRIES` times `DELAY` seconds apart.
const HEALTH_GATE: &str = r##"attempt=1
passes=0
while :; do
  failing=""
  while read -r context namespace deployment; do
    [ -n "$deployment" ] || continue
    want=$(kubectl --context "$context" -n "$namespace" get deployment "$deployment" -o jsonpath='{.spec.replicas}' 2>/dev/null || true)
    have=$(kubectl --context "$context" -n "$namespace" get deployment "$deployment" -o jsonpath='{.status.availableReplicas}' 2>/dev/null || true)
    [ -n "$want" ] && [ "${have:-0}" -ge "$want" ] || failing="$failing deployment/$deployment(${have:-0}/${want:-?})"
  done <<< "$DEPLOYMENTS"
  while read -r url; do
    [ -n "$url" ] || continue
    code=$(curl -sS -L -o /dev/null -w '%{http_code}' --max-time 10 "$url" 2>/dev/null || true)
    [ "${code:-0}" -ge 200 ] && [ "${code:-0}" -lt 300 ] || failing="$failing $url(${code:-000})"
  done <<< "$URLS"
  if [ -z "$failing" ]; then
    passes=$((passes + 1))
    if [ "$passes" -ge 2 ]; then
      echo "healthy on two checks in a row (check $attempt)"
      exit 0
    fi
  else
    passes=0
    echo "check $attempt of $RETRIES: not healthy:$failing"
  fi
  if [ "$attempt" -ge "$RETRIES" ]; then
    echo "::error::the health gate failed:$failing"
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep "$DELAY"
done
"##;

/// Each workload release's revision before the deploy (`none` for one this deploy installs).
const RECORD: &str = r##": > "$RUNNER_TEMP/revisions.txt"
while read -r context namespace release; do
  [ -n "$release" ] || continue
  revision=$(helm status "$release" --namespace "$namespace" --kube-context "$context" -o json 2>/dev/null | jq -r '.version // empty' || true)
  echo "$context $namespace $release ${revision:-none}" >> "$RUNNER_TEMP/revisions.txt"
done <<< "$RELEASES"
cat "$RUNNER_TEMP/revisions.txt"
"##;

/// Every release this deploy changed goes back to the revision it had before; what could not is
/// reported.
const ROLLBACK: &str = r####"report=""
status=0
while read -r context namespace release before; do
  now=$(helm status "$release" --namespace "$namespace" --kube-context "$context" -o json 2>/dev/null | jq -r '.version // empty' || true)
  if [ "$before" = "none" ]; then
    [ -z "$now" ] || report="$report\n- $namespace/$release: installed by this deploy, no earlier revision: left as is"
    continue
  fi
  [ "$now" != "$before" ] || continue
  if helm rollback "$release" "$before" --namespace "$namespace" --kube-context "$context" --wait --timeout 10m; then
    report="$report\n- $namespace/$release: back to revision $before"
  else
    report="$report\n- $namespace/$release: rollback to revision $before FAILED"
    status=1
  fi
done < "$RUNNER_TEMP/revisions.txt"
{
  echo "### Rollback"
  if [ -n "$report" ]; then printf '%b\n' "$report"; else echo "No release had changed."; fi
  echo "Database migrations are not reverted."
} >> "$GITHUB_STEP_SUMMARY"
exit "$status"
"####;

/// A job's keys in the order a person reads them.
fn ordered(mut job: Map<String, Json>) -> Map<String, Json> {
    const ORDER: &[&str] = &[
        "name",
        "needs",
        "if",
        "runs-on",
        "environment",
        "concurrency",
        "permissions",
        "timeout-minutes",
        "strategy",
        "env",
        "steps",
    ];
    let mut out = Map::new();
    for key in ORDER {
        if let Some(v) = job.remove(*key) {
            out.insert((*key).to_owned(), v);
        }
    }
    out.extend(job);
    out
}

/// YAML as GitHub reads it, with each pinned action's version after its SHA.
fn render(workflow: &Json) -> Result<String, ViewError> {
    let mut o = super::yaml_options();
    // Scripts as literal blocks; no other string folded.
    o.prefer_block_scalars = true;
    o.folded_wrap_chars = usize::MAX;
    let mut workflow = workflow.clone();
    if let Some(Json::Object(jobs)) = workflow.get_mut("jobs") {
        for job in jobs.values_mut() {
            if let Json::Object(m) = job {
                *m = ordered(std::mem::take(m));
            }
        }
    }
    let text = serde_saphyr::to_string_with_options(&workflow, o).map_err(|e| ViewError {
        address: String::new(),
        path: "workflow".into(),
        expected: "a workflow YAML can represent",
        found: Box::leak(e.to_string().into_boxed_str()),
    })?;
    let pins: BTreeMap<String, &str> = actions::rows().into_iter().map(|(_, v, sha)| (sha.to_owned(), v)).collect();
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.lines() {
        out.push_str(line);
        if let Some((_, sha)) = line.trim_start().strip_prefix("uses: ").and_then(|u| u.rsplit_once('@')) {
            if let Some(version) = pins.get(sha) {
                out.push_str(&format!("  # {version}"));
            }
        }
        out.push('\n');
    }
    Ok(out)
}
