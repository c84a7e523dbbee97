//! cluster → EKS with its IAM roles, KMS-encrypted Secrets, control-plane logs, an OIDC provider for
//! IAM roles for service accounts, the core add-ons, and one managed node group per pool (each with a
//! launch template for IMDSv2 and an encrypted gp3 root volume).

use hcl::Expression;

use super::shared::{kms, kms_for, log_group, policy_attachment, service_role, truncate, KeyUse};
use super::tf::{self, Blk, Handle};
use super::{count, log_retention_days, tf_id, Lowerer};
use crate::graph::Resource;
use crate::kinds::cluster::{Capacity, Cluster, Effect, NodePool, Output};
use crate::kinds::ViewError;

const FILE: &str = "cluster";

/// The EBS CSI controller's service account (the add-on's).
const EBS_CSI_SERVICE_ACCOUNT: &str = "ebs-csi-controller-sa";

/// Whether the identity that creates the cluster becomes its admin: only when no pipeline deploy role
/// and no stack admin gets an access entry.
fn creator_admin(l: &Lowerer) -> bool {
    l.env.stack.admins.is_empty() && l.env.of_kind("pipeline").next().is_none()
}

/// The EKS cluster of a stack cluster.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_eks_cluster", tf_id(res))
}

/// The managed node group of one pool.
pub fn node_group(res: &Resource, pool: &str) -> Handle {
    Handle::resource("aws_eks_node_group", format!("{}_{}", tf_id(res), pool.replace('-', "_")))
}

/// The security group EKS creates for the control plane and the nodes.
pub fn security_group(res: &Resource) -> Expression {
    tf::traverse(handle(res).attr("vpc_config")).index(tf::number(0)).attr("cluster_security_group_id").build().into()
}

/// Whether a pool's nodes are load balancer targets: as set, else when untainted and on-demand.
pub fn serves_ingress(pool: &NodePool) -> bool {
    pool.ingress.unwrap_or(pool.taints.is_empty() && pool.capacity == Capacity::OnDemand)
}

pub fn output(c: &Cluster, output: Output) -> Expression {
    let cluster = handle(c.resource);
    match output {
        Output::Name => cluster.attr("name"),
        Output::Endpoint => cluster.attr("endpoint"),
        Output::OidcIssuer => tf::traverse(cluster.attr("identity"))
            .index(tf::number(0))
            .attr("oidc")
            .index(tf::number(0))
            .attr("issuer")
            .build()
            .into(),
        Output::Arn => cluster.attr("arn"),
        Output::OidcProviderArn => Handle::resource("aws_iam_openid_connect_provider", tf_id(c.resource)).attr("arn"),
        Output::SecurityGroupId => security_group(c.resource),
    }
}

pub fn lower(l: &mut Lowerer, c: &Cluster) -> Result<(), ViewError> {
    let res = c.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let network = l.get(c.network)?;
    let private = super::network::subnets(network.resource, "private");
    let key = kms(l)?;

    let cluster_role =
        service_role(l, FILE, res, &format!("{id}_cluster"), "eks.amazonaws.com", &["AmazonEKSClusterPolicy"])?;
    let retention = log_retention_days(c.log_retention);
    let group =
        log_group(l, res, &format!("{id}_cluster"), tf::string(format!("/aws/eks/{name}/cluster")), retention, None)?;
    let group = l.add(FILE, group);

    let logs: Vec<&str> = c.logs.iter().map(|g| g.as_str()).collect();
    let cidrs: Vec<String> = c.public_access_cidrs.iter().map(ToString::to_string).collect();
    let version = c.version.require(res, "version")?;
    let mut cluster = Blk::of(&handle(res))
        .comments(l.skips(res))
        .set("name", tf::string(name.clone()))
        .set("role_arn", cluster_role.attr("arn"))
        .set("version", tf::string(version))
        .set("enabled_cluster_log_types", tf::strings(&logs))
        .block(
            Blk::new("vpc_config", &[])
                .set("subnet_ids", private.splat("id"))
                .set("endpoint_private_access", true)
                .set("endpoint_public_access", !cidrs.is_empty())
                .set_if(!cidrs.is_empty(), "public_access_cidrs", tf::strings(&cidrs)),
        )
        // Access is by EKS access entries: the pipelines' deploy roles and the stack's admins. Only a
        // stack with neither makes whoever creates the cluster its admin. The setting counts only at
        // creation (changing it would replace the cluster), so later changes are ignored.
        .block(
            Blk::new("access_config", &[])
                .set("authentication_mode", tf::string("API"))
                .set("bootstrap_cluster_creator_admin_permissions", creator_admin(l)),
        )
        .block(
            Blk::new("lifecycle", &[]).set(
                "ignore_changes",
                tf::list([tf::path("access_config")
                    .index(tf::number(0))
                    .attr("bootstrap_cluster_creator_admin_permissions")
                    .build()
                    .into()]),
            ),
        );
    if c.secrets_encryption {
        cluster = cluster.block(
            Blk::new("encryption_config", &[])
                .set("resources", tf::strings(["secrets"]))
                .block(Blk::new("provider", &[]).set("key_arn", key.attr("arn"))),
        );
    }
    let cluster_policy = Handle::resource(
        "aws_iam_role_policy_attachment",
        policy_attachment(&cluster_role.name, "AmazonEKSClusterPolicy"),
    );
    let cluster = l.add(
        FILE,
        cluster.set("tags", l.tags(res, &name)).set("depends_on", tf::list([group.expr(), cluster_policy.expr()])),
    );

    // IAM roles for service accounts trust the cluster's OIDC issuer.
    l.add(
        FILE,
        Blk::resource("aws_iam_openid_connect_provider", &id)
            .set("url", output(c, Output::OidcIssuer))
            .set("client_id_list", tf::strings(["sts.amazonaws.com"]))
            .set("tags", l.tags(res, &format!("{name}-oidc"))),
    );

    let node_policies = [
        "AmazonEKSWorkerNodePolicy",
        "AmazonEKS_CNI_Policy",
        "AmazonEC2ContainerRegistryReadOnly",
        "AmazonSSMManagedInstanceCore",
    ];
    let node_role = service_role(l, FILE, res, &format!("{id}_node"), "ec2.amazonaws.com", &node_policies)?;
    // Nodes join only once the worker, CNI and registry policies are attached (not SSM, which is optional).
    let node_depends: Vec<Expression> = node_policies[..3]
        .iter()
        .map(|p| Handle::resource("aws_iam_role_policy_attachment", policy_attachment(&node_role.name, p)).expr())
        .collect();

    let mut groups = Vec::new();
    for pool in &c.node_pool {
        let group = node_group(res, pool.label);
        let pid = group.name.clone();
        let instance = pool.instance;
        // Instances are launched by the EC2 Auto Scaling service-linked role, which the key must admit.
        let key = kms_for(l, None, Some(KeyUse::AutoScaling))?;
        let pool_tags = l.tags(res, &format!("{name}-{}", pool.label));
        let template = l.add(
            FILE,
            Blk::resource("aws_launch_template", &pid)
                .set("name_prefix", tf::string(format!("{}-", truncate(&format!("{name}-{}", pool.label), 100))))
                .set("update_default_version", true)
                .block(
                    Blk::new("block_device_mappings", &[]).set("device_name", tf::string("/dev/xvda")).block(
                        Blk::new("ebs", &[])
                            .set("volume_size", pool.disk.gib_ceil())
                            .set("volume_type", tf::string("gp3"))
                            .set("encrypted", tf::string("true"))
                            .set("kms_key_id", key.attr("arn"))
                            .set("delete_on_termination", tf::string("true")),
                    ),
                )
                .block(
                    Blk::new("metadata_options", &[])
                        .set("http_endpoint", tf::string("enabled"))
                        .set("http_tokens", tf::string("required"))
                        .set("http_put_response_hop_limit", 1),
                )
                .block(
                    Blk::new("tag_specifications", &[])
                        .set("resource_type", tf::string("instance"))
                        .set("tags", pool_tags.clone()),
                )
                .set("tags", pool_tags.clone()),
        );
        let min = count(pool.min);
        let max = count(pool.max);
        let desired = pool.desired.map_or(min, count).max(min);
        let labels = pool
            .labels
            .iter()
            .map(|(k, v)| Ok(((*k).to_owned(), l.text(*v)?)))
            .collect::<Result<Vec<_>, ViewError>>()?;
        let mut taints = Vec::new();
        for t in &pool.taints {
            let effect = match t.effect {
                Effect::NoSchedule => "NO_SCHEDULE",
                Effect::PreferNoSchedule => "PREFER_NO_SCHEDULE",
                Effect::NoExecute => "NO_EXECUTE",
            };
            taints.push(
                Blk::new("taint", &[])
                    .set("key", l.text(t.key)?)
                    .set_opt("value", t.value.map(|v| l.text(v)).transpose()?)
                    .set("effect", tf::string(effect)),
            );
        }
        let ami_type = if instance.arm64() { "AL2023_ARM_64_STANDARD" } else { "AL2023_x86_64_STANDARD" };
        let capacity = match pool.capacity {
            Capacity::Spot => "SPOT",
            Capacity::OnDemand => "ON_DEMAND",
        };
        l.add(
            FILE,
            Blk::of(&group)
                .set("cluster_name", cluster.attr("name"))
                .set("node_group_name", tf::string(pool.label))
                .set("node_role_arn", node_role.attr("arn"))
                .set("subnet_ids", private.splat("id"))
                .set("ami_type", tf::string(ami_type))
                .set("capacity_type", tf::string(capacity))
                .set("instance_types", tf::strings([instance.name]))
                .set_if(!labels.is_empty(), "labels", tf::object(labels))
                .block(
                    Blk::new("scaling_config", &[])
                        .set("desired_size", desired)
                        .set("min_size", min)
                        .set("max_size", max),
                )
                .block(Blk::new("update_config", &[]).set("max_unavailable", 1))
                .block(
                    Blk::new("launch_template", &[])
                        .set("id", template.attr("id"))
                        .set("version", template.attr("latest_version")),
                )
                .blocks(taints)
                .set("tags", pool_tags)
                .block(Blk::new("lifecycle", &[]).set(
                    "ignore_changes",
                    tf::list([tf::path("scaling_config").index(tf::number(0)).attr("desired_size").build().into()]),
                ))
                .set("depends_on", tf::list(node_depends.clone())),
        );
        groups.push(group.expr());
    }

    // The EBS CSI driver provisions the volumes of PersistentVolumeClaims (the in-tree provisioner is
    // gone since Kubernetes 1.23); its controller gets AWS access through Pod Identity.
    let ebs_subject = super::identity::Subject {
        cluster: res,
        namespace: "kube-system".to_owned(),
        service_account: EBS_CSI_SERVICE_ACCOUNT.to_owned(),
    };
    let ebs_role = super::identity::pod_role(
        l,
        res,
        &format!("{id}_ebs_csi"),
        &format!("{name}-ebs-csi"),
        &ebs_subject,
        super::identity::Grants { managed: vec!["service-role/AmazonEBSCSIDriverPolicy"], ..Default::default() },
    )?;
    for addon in ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent", "aws-ebs-csi-driver"] {
        let mut b = Blk::resource("aws_eks_addon", &format!("{id}_{}", addon.replace('-', "_")))
            .set("cluster_name", cluster.attr("name"))
            .set("addon_name", tf::string(addon))
            .set("resolve_conflicts_on_create", tf::string("OVERWRITE"))
            .set("resolve_conflicts_on_update", tf::string("OVERWRITE"));
        if addon == "aws-ebs-csi-driver" {
            b = b.block(
                Blk::new("pod_identity_association", &[])
                    .set("role_arn", ebs_role.attr("arn"))
                    .set("service_account", tf::string(EBS_CSI_SERVICE_ACCOUNT)),
            );
        }
        b = b.set("tags", l.tags(res, &format!("{name}-{addon}")));
        // CoreDNS and the EBS CSI controller need nodes to run on before the add-on reports healthy;
        // the controller also needs the Pod Identity agent and its role's policy to get credentials.
        let mut after = Vec::new();
        if matches!(addon, "coredns" | "aws-ebs-csi-driver") {
            after.extend(groups.iter().cloned());
        }
        if addon == "aws-ebs-csi-driver" {
            after.push(Handle::resource("aws_eks_addon", format!("{id}_eks_pod_identity_agent")).expr());
            after.push(
                Handle::resource(
                    "aws_iam_role_policy_attachment",
                    policy_attachment(&ebs_role.name, "service-role/AmazonEBSCSIDriverPolicy"),
                )
                .expr(),
            );
        }
        b = b.set_if(!after.is_empty(), "depends_on", tf::list(after));
        l.add(FILE, b);
    }

    super::deploy::access_entries(l, res)?;

    super::identity::external_secrets(l, res)?;
    if c.autoscaler {
        super::identity::autoscaler(l, c)?;
    }
    Ok(())
}
