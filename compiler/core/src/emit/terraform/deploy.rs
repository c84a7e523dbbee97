//! Who deploys and administers the environment: per pipeline, a deploy role that GitHub Actions
//! assumes through OIDC (no long-lived keys) only from jobs in this environment's GitHub environment;
//! EKS access entries for the deploy roles and the stack's `admins`.
//!
//! The GitHub OIDC provider is account-wide, so the bootstrap root creates it and environments look
//! it up by URL.

use hcl::Expression;

use super::shared::{caller, condition, principal};
use super::tf::{self, Blk, Handle, Part};
use super::{tf_id, Lowerer};
use crate::bridge;
use crate::kinds::{pipeline::Pipeline, GithubKind, ViewError};

const FILE: &str = "deploy";

/// The deploy role of a pipeline in this environment.
pub fn deploy_role(pipeline: &crate::graph::Resource) -> Handle {
    Handle::resource("aws_iam_role", format!("{}_deploy", tf_id(pipeline)))
}

/// Every pipeline's deploy and plan roles.
pub fn lower(l: &mut Lowerer) -> Result<(), ViewError> {
    let env = l.env;
    for res in env.resources() {
        let Some(GithubKind::Pipeline(p)) = GithubKind::view(res)? else { continue };
        l.source = Some(res.address.clone());
        pipeline(l, &p)?;
    }
    l.source = None;
    Ok(())
}

fn github_provider(l: &mut Lowerer) -> Result<Handle, ViewError> {
    let handle = Handle::data("aws_iam_openid_connect_provider", "github");
    let block = Blk::of(&handle).set("url", tf::string(bridge::github::OIDC_URL));
    l.once("github-oidc", |l| {
        l.add(FILE, block);
        Ok(())
    })?;
    Ok(handle)
}

fn pipeline(l: &mut Lowerer, p: &Pipeline) -> Result<(), ViewError> {
    let res = p.resource;
    let id = tf_id(res);
    let repository = p.repository.require(res, "repository")?;
    let provider = github_provider(l)?;
    let caller = caller(l)?;
    let trust = |l: &mut Lowerer, role: &str, subject: String| -> Handle {
        l.add(
            FILE,
            Blk::data("aws_iam_policy_document", &format!("{id}_{role}_assume")).block(
                Blk::new("statement", &[])
                    .set("actions", tf::strings(["sts:AssumeRoleWithWebIdentity"]))
                    .block(principal("Federated", tf::list([provider.attr("arn")])))
                    .block(condition(
                        "StringEquals",
                        "token.actions.githubusercontent.com:aud",
                        tf::strings([bridge::github::OIDC_AUDIENCE]),
                    ))
                    .block(condition(
                        "StringEquals",
                        "token.actions.githubusercontent.com:sub",
                        tf::strings([subject]),
                    )),
            ),
        )
    };

    // Deploy: Terraform applies this root (IAM roles, KMS keys, networks), so the role administers
    // the account; only jobs running in this environment's GitHub environment get it, and that
    // environment carries the stack's approval rules.
    let assume = trust(l, "deploy", bridge::github::environment_subject(repository, &l.env.name));
    let deploy_name = bridge::github::deploy_role_name(l.env, res);
    let role = l.add(
        FILE,
        Blk::of(&deploy_role(res))
            .set("name", tf::string(deploy_name.clone()))
            .set("assume_role_policy", assume.attr("json"))
            // An apply that rolls node groups or modifies a database can outlast an hour.
            .set("max_session_duration", 7200)
            .set("tags", l.tags(res, &deploy_name)),
    );
    l.add(
        FILE,
        Blk::resource("aws_iam_role_policy_attachment", &format!("{id}_deploy_administrator"))
            .comment(format!(
                "checkov:skip=CKV_AWS_274:Terraform applies this environment (IAM roles, KMS keys, networks); only jobs in GitHub environment \"{}\" of {repository} can assume the role",
                l.env.name
            ))
            .set("role", role.attr("name"))
            .set("policy_arn", caller.managed_policy("AdministratorAccess")),
    );

    l.outputs.insert(
        bridge::terraform_output(&res.address, "role_arn"),
        (role.attr("arn"), format!("{}: the deploy role GitHub Actions assumes through OIDC", res.address)),
    );
    Ok(())
}

/// EKS access entries of a cluster: every pipeline's deploy role and every stack admin get
/// cluster-admin (the deploy installs charts with CRDs and namespaces).
pub fn access_entries(l: &mut Lowerer, cluster: &crate::graph::Resource) -> Result<(), ViewError> {
    let env = l.env;
    let caller = caller(l)?;
    let eks = super::cluster::handle(cluster);
    let cid = tf_id(cluster);
    let mut principals: Vec<(String, Expression)> = Vec::new();
    for p in env.of_kind("pipeline") {
        principals.push((format!("{}_deploy", tf_id(p)), deploy_role(p).attr("arn")));
    }
    for (i, arn) in env.stack.admins.iter().enumerate() {
        principals.push((format!("admin_{i}"), tf::string(arn.clone())));
    }
    let policy = tf::template(vec![
        Part::Text("arn:".into()),
        Part::Expr(caller.partition.attr("partition")),
        Part::Text(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy".into()),
    ]);
    for (who, arn) in principals {
        let entry = l.add(
            FILE,
            Blk::resource("aws_eks_access_entry", &format!("{cid}_{who}"))
                .set("cluster_name", eks.attr("name"))
                .set("principal_arn", arn.clone())
                .set("type", tf::string("STANDARD")),
        );
        l.add(
            FILE,
            Blk::resource("aws_eks_access_policy_association", &format!("{cid}_{who}"))
                .set("cluster_name", eks.attr("name"))
                .set("principal_arn", arn)
                .set("policy_arn", policy.clone())
                .block(Blk::new("access_scope", &[]).set("type", tf::string("cluster")))
                .set("depends_on", tf::list([entry.expr()])),
        );
    }
    Ok(())
}
