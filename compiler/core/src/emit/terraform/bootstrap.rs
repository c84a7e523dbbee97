//! The bootstrap root (`bootstrap/terraform/`): what the environments' roots need to exist before
//! their first `terraform init`, and what exists once per AWS account rather than per environment.
//! Applied once, by an administrator, with local state:
//!
//! - the S3 bucket that holds every environment's state (versioned, encrypted, TLS-only, private);
//! - the EC2 Auto Scaling service-linked role, when a stack cluster has node groups: their KMS key
//!   policy names it, and a key policy may only name principals that exist;
//! - GitHub's OIDC identity provider, when the stack has a pipeline: its deploy roles trust it;
//! - an ECR repository per image a pipeline with `registry = "ecr"` pushes (immutable tags, scan on
//!   push, KMS-encrypted, untagged layers expired): it must exist before the first delivery.
//!
//! An account that already has the service-linked role or the OIDC provider imports them (the
//! runbook in docs/terraform.md gives the commands).

use stackc_syntax::{Code, Diagnostic};

use super::shared::{self, condition, deny_insecure_transport, principal, AUTOSCALING_ROLE_PATH};
use super::tf::{self, Blk, Handle, Module};
use crate::bridge;
use crate::graph::EnvGraph;
use crate::Compilation;

use super::super::Artifact;

/// Per pipeline pushing to ECR, a role its image jobs assume through GitHub's OIDC — only from pushes to
/// the pipeline's `branches`, outside any GitHub environment — that may push to exactly its
/// repositories: the environments' deploy roles are never used to publish.
fn publish_roles(m: &mut Module, graphs: &[&EnvGraph], repositories: &Repositories) {
    let mut pipelines: Vec<&crate::graph::Resource> = Vec::new();
    for g in graphs {
        for p in g.of_kind("pipeline").filter(|p| p.attr("registry").as_str() == Some("ecr")) {
            if !pipelines.iter().any(|q| q.address == p.address) {
                pipelines.push(p);
            }
        }
    }
    if pipelines.is_empty() {
        return;
    }
    // Declared with the state bucket's key policy (main.tf).
    let identity = Handle::data("aws_caller_identity", "current");
    let partition = Handle::data("aws_partition", "current");
    let Some(stack) = graphs.first().map(|g| g.stack.name.clone()) else { return };
    for p in pipelines {
        let Some(repository) = p.attr("repository").as_str() else { continue };
        let id = format!("{}_publish", p.qualified_name().replace('-', "_"));
        let branches: Vec<String> = match p.attr("branches") {
            crate::value::Value::List(items) => items
                .iter()
                .filter_map(|b| b.as_str())
                .filter(|b| !b.starts_with('!'))
                .map(|b| bridge::github::branch_subject(repository, b))
                .collect(),
            _ => Vec::new(),
        };
        // The provider's ARN from its URL: the bootstrap root may create it or find it imported.
        let provider_arn = tf::template(vec![
            tf::Part::Text("arn:".into()),
            tf::Part::Expr(partition.attr("partition")),
            tf::Part::Text(":iam::".into()),
            tf::Part::Expr(identity.attr("account_id")),
            tf::Part::Text(format!(":oidc-provider/{}", bridge::github::OIDC_URL.trim_start_matches("https://"))),
        ]);
        let assume = Handle::data("aws_iam_policy_document", format!("{id}_assume"));
        m.add(
            "publish",
            Blk::of(&assume).block(
                Blk::new("statement", &[])
                    .set("actions", tf::strings(["sts:AssumeRoleWithWebIdentity"]))
                    .block(principal("Federated", tf::list([provider_arn])))
                    .block(condition(
                        "StringEquals",
                        "token.actions.githubusercontent.com:aud",
                        tf::strings([bridge::github::OIDC_AUDIENCE]),
                    ))
                    .block(condition("StringLike", "token.actions.githubusercontent.com:sub", tf::strings(branches))),
            ),
            None,
        );
        let name = bridge::github::publish_role_name(&stack, p);
        let role = Handle::resource("aws_iam_role", &id);
        m.add(
            "publish",
            Blk::of(&role)
                .set("name", tf::string(name.clone()))
                .set("assume_role_policy", assume.attr("json"))
                .set("tags", tf::object([(bridge::tags::NAME, tf::string(name))]))
                // IAM accepts a federated principal only once its provider exists.
                .set("depends_on", tf::list([Handle::resource("aws_iam_openid_connect_provider", "github").expr()])),
            None,
        );
        let arns: Vec<hcl::Expression> = repositories
            .iter()
            .filter(|(_, (_, owners))| owners.contains(&p.address))
            .map(|(repo, _)| Handle::resource("aws_ecr_repository", repo.replace(['/', '.', '-'], "_")).attr("arn"))
            .collect();
        let policy = Handle::data("aws_iam_policy_document", &id);
        m.add(
            "publish",
            Blk::of(&policy)
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("LogIn"))
                        .set("actions", tf::strings(["ecr:GetAuthorizationToken"]))
                        .set("resources", tf::strings(["*"])),
                )
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("PushToItsRepositories"))
                        .set(
                            "actions",
                            tf::strings([
                                "ecr:BatchCheckLayerAvailability",
                                "ecr:BatchGetImage",
                                "ecr:CompleteLayerUpload",
                                "ecr:DescribeImages",
                                "ecr:GetDownloadUrlForLayer",
                                "ecr:InitiateLayerUpload",
                                "ecr:PutImage",
                                "ecr:UploadLayerPart",
                            ]),
                        )
                        .set("resources", tf::list(arns)),
                ),
            None,
        );
        m.add(
            "publish",
            Blk::resource("aws_iam_role_policy", &id)
                .set("name", tf::string("publish"))
                .set("role", role.attr("id"))
                .set("policy", policy.attr("json")),
            None,
        );
    }
}

/// ECR repositories by name: the stack resources whose images are pushed there, and the pipelines
/// that push them.
type Repositories = std::collections::BTreeMap<String, (Vec<String>, Vec<String>)>;

/// The ECR repositories the stack's pipelines push to (registry `ecr`).
fn ecr_repositories(graphs: &[&EnvGraph]) -> Repositories {
    let mut out = Repositories::new();
    for g in graphs {
        for p in g.of_kind("pipeline").filter(|p| p.attr("registry").as_str() == Some("ecr")) {
            for attr in ["services", "static_sites"] {
                let crate::value::Value::List(items) = p.attr(attr) else { continue };
                for item in items {
                    let Some(res) = item.as_ref_address().and_then(|a| g.get(a)) else { continue };
                    let Some(image) = res.attr("image").as_image() else { continue };
                    if !image.registry.as_deref().is_some_and(|r| r.contains(".dkr.ecr.")) {
                        continue;
                    }
                    let (images, pipelines) = out.entry(image.repository.clone()).or_default();
                    if !images.contains(&res.address) {
                        images.push(res.address.clone());
                    }
                    if !pipelines.contains(&p.address) {
                        pipelines.push(p.address.clone());
                    }
                }
            }
        }
    }
    out
}

/// The bootstrap root of a stack: empty when the stack has no environment.
pub fn artifacts(c: &Compilation) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let graphs: Vec<&EnvGraph> = c.graphs().collect();
    let Some(first) = graphs.first() else { return Ok(Vec::new()) };
    let stack = &first.stack;
    let has = |kind: &str| graphs.iter().any(|g| g.of_kind(kind).next().is_some());
    let mut m = Module::default();

    m.add("versions", shared::versions(), None);
    let default_tags = tf::object([
        (bridge::tags::STACK, tf::string(stack.name.clone())),
        (bridge::tags::MANAGED_BY, tf::string(bridge::tags::MANAGED_BY_VALUE)),
    ]);
    m.add(
        "providers",
        Blk::new("provider", &["aws"])
            .set("region", tf::string(stack.region.clone()))
            .block(Blk::new("default_tags", &[]).set("tags", default_tags)),
        None,
    );

    let bucket = Handle::resource("aws_s3_bucket", "state");
    let skip = |check: &str, reason: &str| format!("checkov:skip={check}:{reason}");
    m.add(
        "state",
        Blk::of(&bucket)
            .comment(skip("CKV_AWS_18", "the state bucket is read only by Terraform; CloudTrail records its use"))
            .comment(skip("CKV_AWS_144", "state is versioned; a second-region copy is the operator's choice"))
            .comment(skip("CKV2_AWS_62", "nothing consumes state object events"))
            .set("bucket", tf::string(stack.state_bucket.clone()))
            .set("tags", tf::object([(bridge::tags::NAME, tf::string(stack.state_bucket.clone()))]))
            .block(Blk::new("lifecycle", &[]).set("prevent_destroy", true)),
        None,
    );
    m.add(
        "state",
        Blk::resource("aws_s3_bucket_versioning", "state")
            .set("bucket", bucket.attr("id"))
            .block(Blk::new("versioning_configuration", &[]).set("status", tf::string("Enabled"))),
        None,
    );
    m.add(
        "state",
        Blk::resource("aws_s3_bucket_server_side_encryption_configuration", "state")
            .set("bucket", bucket.attr("id"))
            .block(
                Blk::new("rule", &[])
                    .block(
                        Blk::new("apply_server_side_encryption_by_default", &[])
                            .set("sse_algorithm", tf::string("aws:kms"))
                            .set("kms_master_key_id", Handle::resource("aws_kms_key", "state").attr("arn")),
                    )
                    .set("bucket_key_enabled", true),
            ),
        None,
    );
    let caller = Handle::data("aws_caller_identity", "current");
    let partition = Handle::data("aws_partition", "current");
    m.add("main", Blk::of(&caller), None);
    m.add("main", Blk::of(&partition), None);
    let account_root = tf::template(vec![
        tf::Part::Text("arn:".into()),
        tf::Part::Expr(partition.attr("partition")),
        tf::Part::Text(":iam::".into()),
        tf::Part::Expr(caller.attr("account_id")),
        tf::Part::Text(":root".into()),
    ]);
    let reason = "a key policy's resource is always \"*\" (the key itself); only the account administers it";
    let key_policy = m
        .add(
            "state",
            Blk::data("aws_iam_policy_document", "state_key")
                .comment(format!("checkov:skip=CKV_AWS_109:{reason}"))
                .comment(format!("checkov:skip=CKV_AWS_111:{reason}"))
                .comment(format!("checkov:skip=CKV_AWS_356:{reason}"))
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("AccountAdministration"))
                        .set("actions", tf::strings(["kms:*"]))
                        .set("resources", tf::strings(["*"]))
                        .block(principal("AWS", tf::list([account_root]))),
                ),
            None,
        )
        .unwrap_or_else(|| Handle::data("aws_iam_policy_document", "state_key"));
    m.add(
        "state",
        Blk::resource("aws_kms_alias", "state")
            .set("name", tf::string(format!("alias/{}-tfstate", stack.name)))
            .set("target_key_id", Handle::resource("aws_kms_key", "state").attr("key_id")),
        None,
    );
    m.add(
        "state",
        Blk::resource("aws_kms_key", "state")
            .set("description", tf::string(format!("stackc: Terraform state of stack {}", stack.name)))
            .set("enable_key_rotation", true)
            .set("deletion_window_in_days", 30)
            .set("policy", key_policy.attr("json"))
            .set("tags", tf::object([(bridge::tags::NAME, tf::string(format!("{}-tfstate", stack.name)))])),
        None,
    );
    m.add(
        "state",
        Blk::resource("aws_s3_bucket_public_access_block", "state")
            .set("bucket", bucket.attr("id"))
            .set("block_public_acls", true)
            .set("block_public_policy", true)
            .set("ignore_public_acls", true)
            .set("restrict_public_buckets", true),
        None,
    );
    m.add(
        "state",
        Blk::resource("aws_s3_bucket_ownership_controls", "state")
            .set("bucket", bucket.attr("id"))
            .block(Blk::new("rule", &[]).set("object_ownership", tf::string("BucketOwnerEnforced"))),
        None,
    );
    m.add(
        "state",
        Blk::resource("aws_s3_bucket_lifecycle_configuration", "state")
            .set("bucket", bucket.attr("id"))
            .block(
                Blk::new("rule", &[])
                    .set("id", tf::string("expire-old-state-versions"))
                    .set("status", tf::string("Enabled"))
                    .block(Blk::new("filter", &[]))
                    .block(Blk::new("noncurrent_version_expiration", &[]).set("noncurrent_days", 90))
                    .block(Blk::new("abort_incomplete_multipart_upload", &[]).set("days_after_initiation", 7)),
            )
            .set("depends_on", tf::list([Handle::resource("aws_s3_bucket_versioning", "state").expr()])),
        None,
    );
    let policy = Handle::data("aws_iam_policy_document", "state");
    m.add("state", Blk::of(&policy).block(deny_insecure_transport(&bucket)), None);
    m.add(
        "state",
        Blk::resource("aws_s3_bucket_policy", "state")
            .set("bucket", bucket.attr("id"))
            .set("policy", policy.attr("json"))
            .set("depends_on", tf::list([Handle::resource("aws_s3_bucket_public_access_block", "state").expr()])),
        None,
    );
    m.add(
        "outputs",
        Blk::new("output", &["state_bucket"])
            .set("description", tf::string("The bucket every environment's backend.tf keeps its state in."))
            .set("value", bucket.attr("bucket")),
        None,
    );

    // Account-wide singletons: created here unless the account already has them (any account that
    // ran Auto Scaling groups or EKS node groups has the role; one OIDC provider per URL per account),
    // in which case `-var create_…=false` leaves them alone.
    let singleton = |m: &mut Module, var: &str, what: &str| {
        m.add(
            "variables",
            Blk::new("variable", &[var])
                .set(
                    "description",
                    tf::string(format!("Whether to create {what}; false when the account already has it.")),
                )
                .set("type", tf::name("bool"))
                .set("default", true),
            None,
        );
        tf::conditional(tf::var(var), tf::number(1), tf::number(0))
    };
    if has("cluster") {
        let count =
            singleton(&mut m, "create_autoscaling_service_linked_role", "the EC2 Auto Scaling service-linked role");
        m.add(
            "account",
            Blk::resource("aws_iam_service_linked_role", "autoscaling")
                .comment(format!(
                    "The environments' KMS key policies name {AUTOSCALING_ROLE_PATH}, which launches EKS nodes; it must exist first."
                ))
                .set("count", count)
                .set("aws_service_name", tf::string("autoscaling.amazonaws.com")),
            None,
        );
    }
    if has("pipeline") {
        let count = singleton(&mut m, "create_github_oidc_provider", "GitHub Actions' OIDC identity provider");
        let provider = Handle::resource("aws_iam_openid_connect_provider", "github");
        m.add(
            "account",
            Blk::of(&provider)
                .set("count", count)
                .set("url", tf::string(bridge::github::OIDC_URL))
                .set("client_id_list", tf::strings([bridge::github::OIDC_AUDIENCE]))
                .set("tags", tf::object([(bridge::tags::NAME, tf::string("github-actions"))])),
            None,
        );
    }
    let repositories = ecr_repositories(&graphs);
    for (name, (images, _)) in &repositories {
        let id = name.replace(['/', '.', '-'], "_");
        let repository = Handle::resource("aws_ecr_repository", &id);
        m.add(
            "registry",
            Blk::of(&repository)
                .comment(format!("Pushed by the delivery workflow: {}.", images.join(", ")))
                .set("name", tf::string(name.clone()))
                // A tag is a release: pushed once, never replaced.
                .set("image_tag_mutability", tf::string("IMMUTABLE"))
                .block(Blk::new("image_scanning_configuration", &[]).set("scan_on_push", true))
                .block(Blk::new("encryption_configuration", &[]).set("encryption_type", tf::string("KMS")))
                .set("tags", tf::object([(bridge::tags::NAME, tf::string(name.clone()))])),
            None,
        );
        let rule = tf::object([
            ("rulePriority", tf::number(1)),
            ("description", tf::string("expire untagged images (layers of superseded builds) after 14 days")),
            (
                "selection",
                tf::object([
                    ("tagStatus", tf::string("untagged")),
                    ("countType", tf::string("sinceImagePushed")),
                    ("countUnit", tf::string("days")),
                    ("countNumber", tf::number(14)),
                ]),
            ),
            ("action", tf::object([("type", tf::string("expire"))])),
        ]);
        m.add(
            "registry",
            Blk::resource("aws_ecr_lifecycle_policy", &id)
                .set("repository", repository.attr("name"))
                .set("policy", tf::call("jsonencode", [tf::object([("rules", tf::list([rule]))])])),
            None,
        );
    }
    publish_roles(&mut m, &graphs, &repositories);
    let dangling: Vec<Diagnostic> = m
        .check_references()
        .into_iter()
        .map(|d| {
            Diagnostic::error(
                Code::E0901,
                format!("internal compiler error: `{}` in the bootstrap root names nothing it declares", d.reference),
            )
        })
        .collect();
    if !dangling.is_empty() {
        return Err(dangling);
    }

    let header = vec![
        format!("Generated by stackc from stack \"{}\": the bootstrap root, applied once per AWS account.", stack.name),
        "Do not edit: change the stack source and run `stackc build`. See docs/terraform.md, \"First apply\"."
            .to_owned(),
    ];
    Ok(m.render(&header)
        .into_iter()
        .map(|(file, contents)| Artifact { path: format!("bootstrap/terraform/{file}.tf"), contents })
        .collect())
}
