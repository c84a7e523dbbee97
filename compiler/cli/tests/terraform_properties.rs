//! What a reviewer checks in the emitted Terraform before it is applied, asserted on every example and
//! environment (issue #9): the subnets EKS, RDS and application load balancers get span two zones;
//! a KMS key used by node launch templates admits the Auto Scaling service-linked role; no resource
//! uses a KMS key or log group of another region; account-wide names are unique across the stack's
//! environments; every workload with AWS access has a role whose policy names exactly its resources;
//! log deliveries wait for the log bucket's policy; certificate validation in a delegated zone waits
//! for the delegation. And every checkov suppression in the output is documented.
//!
//! The tree is parsed with hcl-rs; references are read from the expressions' text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use hcl::{Block, Body, Expression};
use regex::Regex;

const EXAMPLES: &[&str] = &["platform", "product", "static-site"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn build(example: &str, out: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_stackc"))
        .args(["build", repo().join("examples").join(example).to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "build {example}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A compiled example, read as the CLI reads it: its directory and the repository's modules, by
/// repository-relative path.
fn compile_example(example: &str) -> stackc_core::Compilation {
    let mut sources = stackc_core::MemorySources::new();
    for dir in [format!("examples/{example}"), "modules".to_owned()] {
        let mut stack = vec![repo().join(&dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.to_string_lossy().ends_with(".stack.hcl") {
                    let rel = p.strip_prefix(repo()).unwrap().to_string_lossy().replace('\\', "/");
                    sources.add(rel, std::fs::read_to_string(&p).unwrap());
                }
            }
        }
    }
    let c = stackc_core::compile(&sources, &format!("examples/{example}")).unwrap();
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.severity == stackc_syntax::Severity::Error).collect();
    assert!(errors.is_empty(), "{example}: {errors:#?}");
    c
}

/// One root module: its blocks by address (`aws_kms_key.main`, `data.aws_iam_policy_document.kms`).
struct Root {
    blocks: BTreeMap<String, Block>,
}

impl Root {
    fn read(dir: &Path) -> Root {
        let mut blocks = BTreeMap::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "tf") {
                let body: Body = hcl::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
                for block in body.into_blocks() {
                    let labels: Vec<String> = block.labels.iter().map(|l| l.as_str().to_owned()).collect();
                    let address = match (block.identifier.as_str(), labels.as_slice()) {
                        ("resource", [ty, name]) => format!("{ty}.{name}"),
                        ("data", [ty, name]) => format!("data.{ty}.{name}"),
                        ("ephemeral", [ty, name]) => format!("ephemeral.{ty}.{name}"),
                        (other, labels) => format!("{other}.{}", labels.join(".")),
                    };
                    blocks.insert(address, block);
                }
            }
        }
        Root { blocks }
    }

    fn of_type<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = (&'a String, &'a Block)> + 'a {
        let prefix = format!("{ty}.");
        self.blocks.iter().filter(move |(a, _)| a.starts_with(&prefix))
    }
}

fn attr<'a>(block: &'a Block, name: &str) -> Option<&'a Expression> {
    block.body.attributes().find(|a| a.key.as_str() == name).map(|a| &a.expr)
}

fn text(e: &Expression) -> String {
    hcl::format::to_string(e).unwrap()
}

fn nested<'a>(block: &'a Block, name: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
    block.body.blocks().filter(move |b| b.identifier.as_str() == name)
}

/// Every block address a piece of Terraform text refers to.
fn references(s: &str) -> BTreeSet<String> {
    let re = Regex::new(r"(?-u:\b)((?:data\.|ephemeral\.)?aws_[a-z0-9_]+\.[a-z0-9_]+)").unwrap();
    re.captures_iter(s).map(|c| c[1].to_owned()).collect()
}

fn block_text(block: &Block) -> String {
    hcl::to_string(&Body::builder().add_block(block.clone()).build()).unwrap()
}

fn literal(e: &Expression) -> Option<String> {
    match e {
        Expression::String(s) => Some(s.clone()),
        Expression::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `count` of the subnets a `…[*].id` list names.
fn subnet_count(root: &Root, list: &Expression) -> u64 {
    let refs = references(&text(list));
    let subnet = refs.iter().find(|r| r.starts_with("aws_subnet.")).expect("a subnet list");
    let count = attr(&root.blocks[subnet], "count").and_then(literal).expect("subnets are counted");
    count.parse().unwrap()
}

#[test]
fn emitted_terraform_holds_what_a_reviewer_checks() {
    let tmp = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let out = tmp.path().join(example);
        build(example, &out);
        let mut account_names: BTreeMap<(String, String), String> = BTreeMap::new();
        let compilation = compile_example(example);
        for env in ["dev", "staging", "prod"] {
            let root = Root::read(&out.join(env).join("terraform"));
            let at = |what: &str| format!("{example}/{env}: {what}");

            // 1. EKS, RDS subnet groups and application load balancers span two zones.
            for (a, b) in root.of_type("aws_eks_cluster") {
                let vpc = nested(b, "vpc_config").next().unwrap();
                assert!(subnet_count(&root, attr(vpc, "subnet_ids").unwrap()) >= 2, "{}", at(a));
            }
            for (a, b) in root.of_type("aws_db_subnet_group") {
                assert!(subnet_count(&root, attr(b, "subnet_ids").unwrap()) >= 2, "{}", at(a));
            }
            for (a, b) in root.of_type("aws_lb") {
                assert!(subnet_count(&root, attr(b, "subnets").unwrap()) >= 2, "{}", at(a));
            }

            // 2. A key used by node launch templates admits the Auto Scaling service-linked role.
            for (a, t) in root.of_type("aws_launch_template") {
                for key in references(&block_text(t)).into_iter().filter(|r| r.starts_with("aws_kms_key.")) {
                    let policy = references(&text(attr(&root.blocks[&key], "policy").unwrap()));
                    let doc = policy.iter().next().unwrap().clone();
                    let doc = block_text(&root.blocks[&doc]);
                    assert!(
                        doc.contains("autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
                            && doc.contains("kms:CreateGrant")
                            && doc.contains("kms:GrantIsForAWSResource"),
                        "{}: {key}'s policy does not admit the Auto Scaling role",
                        at(a)
                    );
                }
            }

            // 3. Region-bound references stay in their region: a block uses KMS keys and log groups
            //    of its own provider (region) only.
            let provider = |b: &Block| attr(b, "provider").map(text).unwrap_or_default();
            for (a, b) in &root.blocks {
                if a.starts_with("data.aws_iam_policy_document") || a.starts_with("output.") {
                    continue;
                }
                // IAM is global, and replication names the destination's key by design.
                if a.starts_with("aws_iam_role_policy") || a.starts_with("aws_s3_bucket_replication_configuration") {
                    continue;
                }
                for r in references(&block_text(b)) {
                    if !(r.starts_with("aws_kms_key.") || r.starts_with("aws_cloudwatch_log_group.")) {
                        continue;
                    }
                    let Some(target) = root.blocks.get(&r) else { continue };
                    assert_eq!(provider(b), provider(target), "{}: {a} uses {r} of another region", at(a));
                }
            }

            // 4. Account-wide names are unique across the stack's environments (and within one).
            for (ty, field) in [
                ("aws_iam_role", "name"),
                ("aws_sqs_queue", "name"),
                ("aws_sns_topic", "name"),
                ("aws_secretsmanager_secret", "name"),
                ("aws_db_instance", "identifier"),
                ("aws_elasticache_replication_group", "replication_group_id"),
                ("aws_eks_cluster", "name"),
                ("aws_lb", "name"),
                ("aws_cloudwatch_log_group", "name"),
                ("aws_kms_alias", "name"),
                ("aws_s3_bucket", "bucket"),
                ("aws_security_group", "name"),
                ("aws_wafv2_web_acl", "name"),
            ] {
                for (a, b) in root.of_type(ty) {
                    let Some(name) = attr(b, field).map(text) else { continue };
                    let key = (format!("{ty}{}", provider(b)), name.clone());
                    if let Some(first) = account_names.insert(key, format!("{env}:{a}")) {
                        panic!("{}: {ty} name {name} is also {first}'s", at(a));
                    }
                }
            }

            // 5. Every workload with AWS access has a Pod Identity role whose policy names exactly
            //    its buckets, queues and topics (and the key, through those services).
            let graph = &compilation.environment(env).unwrap().graph;
            let mut workloads = 0;
            for res in graph.resources() {
                if !matches!(res.kind.name.as_str(), "service" | "job" | "cron_job" | "addon") {
                    continue;
                }
                let refs = |attr: &str| -> Vec<String> {
                    if !res.kind.attributes.contains_key(attr) {
                        return Vec::new();
                    }
                    res.attr(attr)
                        .as_list()
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|v| match v {
                            stackc_core::value::Value::Ref(a) => Some(a.clone()),
                            _ => None,
                        })
                        .collect()
                };
                let id = |address: &str| address.replace(['.', '-'], "_");
                let tf_id = |address: &str| {
                    let r = graph.get(address).unwrap();
                    let mut parts: Vec<String> = r.module_path.iter().map(|m| m.replace('-', "_")).collect();
                    parts.push(r.name.replace('-', "_"));
                    parts.join("__")
                };
                let mut expected = BTreeSet::new();
                for b in refs("buckets") {
                    expected.insert(format!("aws_s3_bucket.{}", tf_id(&b)));
                }
                for q in refs("queues") {
                    expected.insert(format!("aws_sqs_queue.{}", tf_id(&q)));
                }
                for t in refs("topics") {
                    expected.insert(format!("aws_sns_topic.{}", tf_id(&t)));
                }
                let role = format!("aws_iam_role.{}_pod", id(&res.address));
                if expected.is_empty() {
                    assert!(!root.blocks.contains_key(&role), "{}: {role} exists without access", at(&res.address));
                    continue;
                }
                workloads += 1;
                let doc = format!("data.aws_iam_policy_document.{}_pod", id(&res.address));
                let granted: BTreeSet<String> = references(&block_text(&root.blocks[&doc]))
                    .into_iter()
                    .filter(|r| !r.starts_with("aws_kms_key."))
                    .collect();
                assert_eq!(granted, expected, "{}: {doc} grants other resources", at(&res.address));
                let association = format!("aws_eks_pod_identity_association.{}_pod", id(&res.address));
                assert!(root.blocks.contains_key(&association), "{}: no {association}", at(&res.address));
            }
            assert!(*example != "platform" || workloads >= 3, "{}: the platform's workloads were not all seen", at(""));

            // 6. Log deliveries wait for the log bucket's policy (and ACL ownership, for CloudFront).
            for ty in ["aws_lb", "aws_cloudfront_distribution"] {
                for (a, b) in root.of_type(ty) {
                    let logs = block_text(b).contains("aws_s3_bucket.stackc_logs");
                    let waits = attr(b, "depends_on").map(text).unwrap_or_default();
                    assert!(
                        !logs
                            || (waits.contains("aws_s3_bucket_policy.stackc_logs")
                                && waits.contains("aws_s3_bucket_ownership_controls.stackc_logs")),
                        "{}: {a} logs to the log bucket before its policy exists",
                        at(a)
                    );
                }
            }

            // 7. Certificates in a delegated zone wait for the delegation; validation times out.
            for (a, b) in root.of_type("aws_acm_certificate_validation") {
                assert!(nested(b, "timeouts").next().is_some(), "{}: {a} may wait 75 minutes", at(a));
                let delegated = root.of_type("aws_route53_record").any(|(r, _)| r.ends_with("_delegation"));
                if delegated {
                    assert!(attr(b, "depends_on").is_some_and(|d| text(d).contains("_delegation")), "{}", at(a));
                }
            }
        }
    }
}

#[test]
fn every_checkov_suppression_is_documented() {
    // docs/terraform.md lists each suppression with its reason: the stack source's verbatim, the
    // emitter's by check ID.
    let doc = std::fs::read_to_string(repo().join("docs/terraform.md")).unwrap();
    let helm_doc = std::fs::read_to_string(repo().join("docs/helm.md")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let skip = Regex::new(r"checkov:skip=([A-Z0-9_]+):").unwrap();
    for example in EXAMPLES {
        let compilation = compile_example(example);
        for graph in compilation.graphs() {
            for res in graph.resources() {
                for (check, suppression) in &res.suppress {
                    let reason = &suppression.reason;
                    // Module resources are listed by their address inside the module's source.
                    let local = match res.address.rsplit_once("module.") {
                        Some((_, rest)) => rest.split_once('.').map_or(rest, |(_, r)| r),
                        None => res.address.as_str(),
                    };
                    if res.kind.target == stackc_core::schema::Target::Kubernetes {
                        // docs/helm.md groups the workloads sharing a waiver in one row.
                        let row = format!("| {check} | {reason} |");
                        assert!(
                            helm_doc.contains(&row) && helm_doc.contains(&format!("`{local}`")),
                            "docs/helm.md lacks `{local}` or the row ending {row}"
                        );
                        continue;
                    }
                    let row = format!("| `{local}` | {check} | {reason} |");
                    assert!(doc.contains(&row), "docs/terraform.md lacks the row ending {row}");
                }
            }
        }
        let out = tmp.path().join(example);
        build(example, &out);
        let mut stack = vec![out.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "tf" || x == "yaml") {
                    for c in skip.captures_iter(&std::fs::read_to_string(&p).unwrap()) {
                        assert!(
                            doc.contains(&c[1]) || helm_doc.contains(&c[1]),
                            "{}: {} is in neither docs/terraform.md nor docs/helm.md",
                            p.display(),
                            &c[1]
                        );
                    }
                }
            }
        }
    }
}
