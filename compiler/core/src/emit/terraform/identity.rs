//! AWS identities of what runs in the clusters, through EKS Pod Identity (the
//! `eks-pod-identity-agent` add-on every cluster has): an IAM role per workload that uses AWS
//! resources, with exactly the access its `buckets`, `queues` and `topics` name; a role for the
//! External Secrets controller limited to the environment's Secrets Manager secrets; and a role for
//! the cluster autoscaler limited to the cluster's node groups.
//!
//! Each role trusts `pods.eks.amazonaws.com` only for one service account in one namespace of one
//! cluster of this account (the session tags Pod Identity sets), and is bound to that service account
//! by an `aws_eks_pod_identity_association`. Pods need no annotation; the role ARNs are outputs named
//! by [`bridge::identity`].

use hcl::Expression;

use super::shared::{caller, condition, principal, truncate};
use super::tf::{self, Blk, Handle, Part};
use super::{ident, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::{self, KubernetesKind, Ref, ViewError};

const FILE: &str = "identity";

/// A service account in a namespace of a cluster: who may assume a pod role.
pub struct Subject<'a> {
    pub cluster: &'a Resource,
    pub namespace: String,
    pub service_account: String,
}

/// How a pod role gets its permissions and its service account.
#[derive(Default)]
pub struct Grants {
    /// Inline statements, and `checkov:skip` comments on their document.
    pub statements: Vec<Blk>,
    pub comments: Vec<String>,
    /// AWS managed policies attached to the role.
    pub managed: Vec<&'static str>,
    /// Whether stackc writes the Pod Identity association; an EKS add-on that takes the role in
    /// its own `pod_identity_association` block must not get a second one.
    pub associate: bool,
}

/// Every pod role of the environment.
pub fn lower(l: &mut Lowerer) -> Result<(), ViewError> {
    let env = l.env;
    for res in env.resources() {
        let Some(view) = KubernetesKind::view(res)? else { continue };
        let (cluster, namespace, service_account, access) = match &view {
            KubernetesKind::Service(v) => (v.workload.cluster, v.workload.namespace, None, Some(&v.access)),
            KubernetesKind::Job(v) => (v.workload.cluster, v.workload.namespace, None, Some(&v.access)),
            KubernetesKind::CronJob(v) => (v.workload.cluster, v.workload.namespace, None, Some(&v.access)),
            KubernetesKind::Addon(v) => (Some(v.cluster), v.namespace, v.service_account, None),
            KubernetesKind::StaticSite(_) => continue,
        };
        let (buckets, queues, topics) = match (&view, access) {
            (_, Some(a)) => (a.buckets.clone(), a.queues.clone(), a.topics.clone()),
            (KubernetesKind::Addon(a), None) => (a.buckets.clone(), Vec::new(), Vec::new()),
            _ => continue,
        };
        if buckets.is_empty() && queues.is_empty() && topics.is_empty() {
            continue;
        }
        let Some(cluster) = cluster else { continue };
        let cluster = l.resource(cluster)?;
        let service_account = match service_account {
            Some(sa) => sa.require(res, "service_account")?.to_owned(),
            None => bridge::identity::service_account(res),
        };
        let subject = Subject { cluster, namespace: namespace.require(res, "namespace")?.to_owned(), service_account };
        l.source = Some(res.address.clone());
        let statements = access_statements(l, &buckets, &queues, &topics)?;
        let id = format!("{}_pod", ident(&res.address));
        let name = bridge::identity::role_name(env, res);
        let role = pod_role(l, res, &id, &name, &subject, Grants { statements, associate: true, ..Grants::default() })?;
        l.outputs.insert(
            bridge::identity::role_output(&res.address),
            (role.attr("arn"), format!("{}: the IAM role its pods get through EKS Pod Identity", res.address)),
        );
    }
    l.source = None;
    Ok(())
}

/// The statements granting a workload or VM its buckets, queues and topics, and the environment key
/// for them (only through those services).
pub fn access_statements(
    l: &mut Lowerer,
    buckets: &[Ref<kinds::bucket::Bucket>],
    queues: &[Ref<kinds::queue::Queue>],
    topics: &[Ref<kinds::topic::Topic>],
) -> Result<Vec<Blk>, ViewError> {
    let mut out = Vec::new();
    let mut via = Vec::new();
    if !buckets.is_empty() {
        let mut arns = Vec::new();
        let mut objects = Vec::new();
        for b in buckets {
            let b = l.get(*b)?;
            let handle = super::bucket::handle(b.resource);
            objects.push(tf::template(vec![Part::Expr(handle.attr("arn")), Part::Text("/*".into())]));
            arns.push(handle.attr("arn"));
            if b.encryption == kinds::bucket::Encryption::Kms {
                via.push(format!("s3.{}.amazonaws.com", l.env.region));
            }
        }
        out.push(statement(
            "ListBuckets",
            &["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],
            arns,
        ));
        out.push(statement(
            "ReadWriteObjects",
            &[
                "s3:GetObject",
                "s3:PutObject",
                "s3:DeleteObject",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts",
            ],
            objects,
        ));
    }
    if !queues.is_empty() {
        let mut arns = Vec::new();
        for q in queues {
            arns.push(super::queue::handle(l.resource(*q)?).attr("arn"));
        }
        out.push(statement(
            "SendAndReceive",
            &[
                "sqs:SendMessage",
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
            ],
            arns,
        ));
        via.push(format!("sqs.{}.amazonaws.com", l.env.region));
    }
    if !topics.is_empty() {
        let mut arns = Vec::new();
        for t in topics {
            arns.push(super::topic::handle(l.resource(*t)?).attr("arn"));
        }
        out.push(statement("Publish", &["sns:Publish"], arns));
        via.push(format!("sns.{}.amazonaws.com", l.env.region));
    }
    if !via.is_empty() {
        via.sort();
        via.dedup();
        let key = super::shared::kms(l)?;
        out.push(
            statement("EncryptedThroughTheseServices", &["kms:Decrypt", "kms:GenerateDataKey"], vec![key.attr("arn")])
                .block(condition("StringEquals", "kms:ViaService", tf::strings(via))),
        );
    }
    Ok(out)
}

fn statement(sid: &str, actions: &[&str], resources: Vec<Expression>) -> Blk {
    Blk::new("statement", &[])
        .set("sid", tf::string(sid))
        .set("actions", tf::strings(actions))
        .set("resources", tf::list(resources))
}

/// A role that pods of `subject` assume through EKS Pod Identity, with `grants`; returns the role.
pub fn pod_role(
    l: &mut Lowerer,
    res: &Resource,
    id: &str,
    name: &str,
    subject: &Subject,
    grants: Grants,
) -> Result<Handle, ViewError> {
    let caller = caller(l)?;
    let cluster = super::cluster::handle(subject.cluster);
    let assume = l.add(
        FILE,
        Blk::data("aws_iam_policy_document", &format!("{id}_assume")).block(
            Blk::new("statement", &[])
                .set("actions", tf::strings(["sts:AssumeRole", "sts:TagSession"]))
                .block(principal("Service", tf::strings(["pods.eks.amazonaws.com"])))
                .block(condition("StringEquals", "aws:SourceAccount", tf::list([caller.account_id()])))
                .block(condition("StringEquals", "aws:RequestTag/eks-cluster-arn", tf::list([cluster.attr("arn")])))
                .block(condition(
                    "StringEquals",
                    "aws:RequestTag/kubernetes-namespace",
                    tf::strings([subject.namespace.as_str()]),
                ))
                .block(condition(
                    "StringEquals",
                    "aws:RequestTag/kubernetes-service-account",
                    tf::strings([subject.service_account.as_str()]),
                )),
        ),
    );
    let name = truncate(name, 64);
    let role = l.add(
        FILE,
        Blk::resource("aws_iam_role", id)
            .set("name", tf::string(name.clone()))
            .set("assume_role_policy", assume.attr("json"))
            .set("tags", l.tags(res, &name)),
    );
    if !grants.statements.is_empty() {
        let policy =
            l.add(FILE, Blk::data("aws_iam_policy_document", id).comments(grants.comments).blocks(grants.statements));
        l.add(
            FILE,
            Blk::resource("aws_iam_role_policy", id)
                .set("name", tf::string("access"))
                .set("role", role.attr("id"))
                .set("policy", policy.attr("json")),
        );
    }
    let caller = super::shared::caller(l)?;
    for policy in grants.managed {
        l.add(
            FILE,
            Blk::resource("aws_iam_role_policy_attachment", &super::shared::policy_attachment(id, policy))
                .set("role", role.attr("name"))
                .set("policy_arn", caller.managed_policy(policy)),
        );
    }
    if grants.associate {
        l.add(
            FILE,
            Blk::resource("aws_eks_pod_identity_association", id)
                .set("cluster_name", cluster.attr("name"))
                .set("namespace", tf::string(subject.namespace.clone()))
                .set("service_account", tf::string(subject.service_account.clone()))
                .set("role_arn", role.attr("arn"))
                .set("tags", l.tags(res, &name)),
        );
    }
    Ok(role)
}

/// The External Secrets controller's role on each cluster: read exactly the environment's Secrets
/// Manager secrets (stack secrets, RDS master credentials, cache AUTH tokens) and decrypt them
/// through Secrets Manager only.
pub fn external_secrets(l: &mut Lowerer, cluster: &Resource) -> Result<(), ViewError> {
    let env = l.env;
    let mut arns = Vec::new();
    for res in env.resources() {
        let output = match res.kind.name.as_str() {
            "secret" => "arn",
            "database" => "secret_arn",
            "cache" => "auth_secret_arn",
            _ => continue,
        };
        if let Some(arn) = l.output(res, output)? {
            arns.push(arn);
        }
    }
    if arns.is_empty() {
        return Ok(());
    }
    let key = super::shared::kms(l)?;
    let (namespace, service_account) = bridge::identity::external_secrets(env, cluster);
    let subject = Subject { cluster, namespace, service_account };
    let statements = vec![
        statement("ReadStackSecrets", &["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], arns),
        statement("DecryptThroughSecretsManager", &["kms:Decrypt"], vec![key.attr("arn")]).block(condition(
            "StringEquals",
            "kms:ViaService",
            tf::strings([format!("secretsmanager.{}.amazonaws.com", env.region)]),
        )),
    ];
    let id = format!("{}_external_secrets", super::tf_id(cluster));
    let name = format!("{}-external-secrets", l.aws_name(cluster));
    let role = pod_role(l, cluster, &id, &name, &subject, Grants { statements, associate: true, ..Grants::default() })?;
    l.outputs.insert(
        bridge::identity::external_secrets_output(&cluster.address),
        (role.attr("arn"), format!("{}: the External Secrets controller's IAM role", cluster.address)),
    );
    Ok(())
}

/// The cluster autoscaler's role: read the Auto Scaling groups and instance types, and resize or
/// shrink only the node groups EKS tagged as this cluster's.
pub fn autoscaler(l: &mut Lowerer, cluster: &kinds::cluster::Cluster) -> Result<(), ViewError> {
    let res = cluster.resource;
    let name = l.aws_name(res);
    let subject = Subject {
        cluster: res,
        namespace: bridge::identity::AUTOSCALER_NAMESPACE.to_owned(),
        service_account: bridge::identity::AUTOSCALER_SERVICE_ACCOUNT.to_owned(),
    };
    let reason = "Auto Scaling Describe* and EC2 instance-type calls support no resource-level permissions; resizing is limited to this cluster's groups by their tag";
    let statements = vec![
        statement(
            "Discover",
            &[
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities",
                "autoscaling:DescribeTags",
                "ec2:DescribeImages",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplateVersions",
                "ec2:GetInstanceTypesFromInstanceRequirements",
                "eks:DescribeNodegroup",
            ],
            vec![tf::string("*")],
        ),
        statement(
            "ResizeThisClustersGroups",
            &["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            vec![tf::string("*")],
        )
        .block(condition("StringEquals", "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled", tf::strings(["true"])))
        .block(condition(
            "StringEquals",
            &format!("aws:ResourceTag/k8s.io/cluster-autoscaler/{name}"),
            tf::strings(["owned"]),
        )),
    ];
    let comments = ["CKV_AWS_111", "CKV_AWS_356"].iter().map(|c| format!("checkov:skip={c}:{reason}")).collect();
    let id = format!("{}_autoscaler", super::tf_id(res));
    let grants = Grants { statements, comments, associate: true, ..Grants::default() };
    let role = pod_role(l, res, &id, &format!("{name}-autoscaler"), &subject, grants)?;
    l.outputs.insert(
        bridge::identity::autoscaler_output(&res.address),
        (role.attr("arn"), format!("{}: the cluster autoscaler's IAM role", res.address)),
    );

    // A node group at zero nodes shows the autoscaler no node to learn its labels and taints from:
    // they are tags on its Auto Scaling group (EKS does not copy node group labels there).
    for pool in cluster.node_pool.iter().filter(|p| p.min == 0) {
        let group = super::cluster::node_group(res, pool.label);
        let asg = tf::traverse(group.attr("resources"))
            .index(tf::number(0))
            .attr("autoscaling_groups")
            .index(tf::number(0))
            .attr("name")
            .build();
        let mut tags: Vec<(String, Expression)> = Vec::new();
        for (k, v) in &pool.labels {
            tags.push((format!("label/{k}"), l.text(*v)?));
        }
        for t in &pool.taints {
            let key = t.key.require(res, "taints")?;
            let value = t.value.map(|v| v.require(res, "taints")).transpose()?.unwrap_or("");
            tags.push((format!("taint/{key}"), tf::string(format!("{value}:{}", t.effect.as_str()))));
        }
        for (suffix, value) in tags {
            let tid = format!("{}_{}", group.name, ident(&suffix).replace('/', "_").to_lowercase());
            l.add(
                FILE,
                Blk::resource("aws_autoscaling_group_tag", &tid).set("autoscaling_group_name", asg.clone()).block(
                    Blk::new("tag", &[])
                        .set("key", tf::string(format!("k8s.io/cluster-autoscaler/node-template/{suffix}")))
                        .set("value", value)
                        .set("propagate_at_launch", false),
                ),
            );
        }
    }
    Ok(())
}
