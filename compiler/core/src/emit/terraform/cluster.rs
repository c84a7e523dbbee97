//! cluster → EKS with its IAM roles, KMS-encrypted Secrets, control-plane logs, an OIDC provider
//! for IAM roles for service accounts, the core add-ons, and one managed node group per pool (each
//! with a launch template for IMDSv2 and an encrypted gp3 root volume).

use super::shared::{kms, log_group, service_role, truncate};
use super::{gib, log_retention_days, num, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "cluster";

pub fn lower(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let Some(network) = l.referenced(res, "network") else { return };
    let net = tf_id(network);
    let key = kms(l);

    service_role(l, FILE, res, &format!("{id}_cluster"), "eks.amazonaws.com", &["AmazonEKSClusterPolicy"]);
    let retention = log_retention_days(res.attr("log_retention"));
    let group = log_group(l, res, &format!("{id}_cluster"), tf::string(format!("/aws/eks/{name}/cluster")), retention);
    l.add(FILE, group);

    let logs: Vec<&str> = match res.attr("logs") {
        Value::List(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let cidrs: Vec<String> = match res.attr("public_access_cidrs") {
        Value::List(items) => items.iter().map(super::text).collect(),
        _ => Vec::new(),
    };
    let mut cluster = Blk::resource("aws_eks_cluster", &id)
        .comments(l.skips(res))
        .set("name", tf::string(name.clone()))
        .set("role_arn", tf::expr(&format!("aws_iam_role.{id}_cluster.arn")))
        .set("version", tf::string(super::text(res.attr("version"))))
        .set("enabled_cluster_log_types", tf::strings(&logs))
        .block(
            Blk::new("vpc_config", &[])
                .set("subnet_ids", tf::expr(&format!("aws_subnet.{net}_private[*].id")))
                .set("endpoint_private_access", true)
                .set("endpoint_public_access", !cidrs.is_empty())
                .set_if(!cidrs.is_empty(), "public_access_cidrs", tf::strings(&cidrs)),
        )
        .block(
            Blk::new("access_config", &[])
                .set("authentication_mode", tf::string("API"))
                .set("bootstrap_cluster_creator_admin_permissions", true),
        );
    if res.attr("secrets_encryption").as_bool() == Some(true) {
        cluster = cluster.block(
            Blk::new("encryption_config", &[])
                .set("resources", tf::strings(["secrets"]))
                .block(Blk::new("provider", &[]).set("key_arn", key)),
        );
    }
    l.add(
        FILE,
        cluster.set("tags", l.tags(res, &name)).set(
            "depends_on",
            tf::expr(&format!(
                "[aws_cloudwatch_log_group.{id}_cluster, aws_iam_role_policy_attachment.{id}_cluster_amazoneksclusterpolicy]"
            )),
        ),
    );

    // IAM roles for service accounts trust the cluster's OIDC issuer.
    l.add(
        FILE,
        Blk::resource("aws_iam_openid_connect_provider", &id)
            .set("url", tf::expr(&format!("aws_eks_cluster.{id}.identity[0].oidc[0].issuer")))
            .set("client_id_list", tf::strings(["sts.amazonaws.com"]))
            .set("tags", l.tags(res, &format!("{name}-oidc"))),
    );

    service_role(
        l,
        FILE,
        res,
        &format!("{id}_node"),
        "ec2.amazonaws.com",
        &[
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly",
            "AmazonSSMManagedInstanceCore",
        ],
    );

    let mut groups = Vec::new();
    for pool in res.blocks("node_pool") {
        let pool_name = pool.label.clone().unwrap_or_default();
        let pid = format!("{id}_{}", pool_name.replace('-', "_"));
        let instance = match pool.attr("instance") {
            Value::Instance(i) => *i,
            _ => continue,
        };
        let key = kms(l);
        l.add(
            FILE,
            Blk::resource("aws_launch_template", &pid)
                .set("name_prefix", tf::string(format!("{}-", truncate(&format!("{name}-{pool_name}"), 100))))
                .set("update_default_version", true)
                .block(
                    Blk::new("block_device_mappings", &[]).set("device_name", tf::string("/dev/xvda")).block(
                        Blk::new("ebs", &[])
                            .set("volume_size", gib(pool.attr("disk")))
                            .set("volume_type", tf::string("gp3"))
                            .set("encrypted", tf::string("true"))
                            .set("kms_key_id", key)
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
                        .set("tags", l.tags(res, &format!("{name}-{pool_name}"))),
                )
                .set("tags", l.tags(res, &format!("{name}-{pool_name}"))),
        );
        let min = num(pool.attr("min"));
        let max = num(pool.attr("max"));
        let desired = pool.attr("desired").as_number().unwrap_or(min).max(min);
        let labels = match pool.attr("labels") {
            Value::Map(m) => m.iter().map(|(k, v)| (k.clone(), tf::string(super::text(v)))).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        let taints: Vec<Blk> = match pool.attr("taints") {
            Value::List(items) => items
                .iter()
                .map(|t| {
                    let effect = match t.as_map().and_then(|m| m.get("effect")).and_then(Value::as_str) {
                        Some("NoSchedule") => "NO_SCHEDULE",
                        Some("PreferNoSchedule") => "PREFER_NO_SCHEDULE",
                        _ => "NO_EXECUTE",
                    };
                    let field = |k: &str| t.as_map().and_then(|m| m.get(k)).and_then(Value::as_str).map(tf::string);
                    Blk::new("taint", &[])
                        .set_opt("key", field("key"))
                        .set_opt("value", field("value"))
                        .set("effect", tf::string(effect))
                })
                .collect(),
            _ => Vec::new(),
        };
        let ami_type = if instance.arm64 { "AL2023_ARM_64_STANDARD" } else { "AL2023_x86_64_STANDARD" };
        let capacity = if pool.attr("capacity").as_str() == Some("spot") { "SPOT" } else { "ON_DEMAND" };
        l.add(
            FILE,
            Blk::resource("aws_eks_node_group", &pid)
                .set("cluster_name", tf::expr(&format!("aws_eks_cluster.{id}.name")))
                .set("node_group_name", tf::string(pool_name.clone()))
                .set("node_role_arn", tf::expr(&format!("aws_iam_role.{id}_node.arn")))
                .set("subnet_ids", tf::expr(&format!("aws_subnet.{net}_private[*].id")))
                .set("ami_type", tf::string(ami_type))
                .set("capacity_type", tf::string(capacity))
                .set("instance_types", tf::strings([instance.name]))
                .set_if(!labels.is_empty(), "labels", tf::object(labels))
                .block(Blk::new("scaling_config", &[]).set("desired_size", tf::number(desired)).set("min_size", tf::number(min)).set("max_size", tf::number(max)))
                .block(Blk::new("update_config", &[]).set("max_unavailable", 1))
                .block(
                    Blk::new("launch_template", &[])
                        .set("id", tf::expr(&format!("aws_launch_template.{pid}.id")))
                        .set("version", tf::expr(&format!("aws_launch_template.{pid}.latest_version"))),
                )
                .blocks(taints)
                .set("tags", l.tags(res, &format!("{name}-{pool_name}")))
                .block(Blk::new("lifecycle", &[]).set("ignore_changes", tf::expr("[scaling_config[0].desired_size]")))
                .set(
                    "depends_on",
                    tf::expr(&format!(
                        "[aws_iam_role_policy_attachment.{id}_node_amazoneksworkernodepolicy, aws_iam_role_policy_attachment.{id}_node_amazoneks_cni_policy, aws_iam_role_policy_attachment.{id}_node_amazonec2containerregistryreadonly]"
                    )),
                ),
        );
        groups.push(format!("aws_eks_node_group.{pid}"));
    }

    for addon in ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent"] {
        let mut b = Blk::resource("aws_eks_addon", &format!("{id}_{}", addon.replace('-', "_")))
            .set("cluster_name", tf::expr(&format!("aws_eks_cluster.{id}.name")))
            .set("addon_name", tf::string(addon))
            .set("resolve_conflicts_on_create", tf::string("OVERWRITE"))
            .set("resolve_conflicts_on_update", tf::string("OVERWRITE"))
            .set("tags", l.tags(res, &format!("{name}-{addon}")));
        // CoreDNS pods need nodes to run on before the add-on reports healthy.
        if addon == "coredns" && !groups.is_empty() {
            b = b.set("depends_on", tf::expr(&format!("[{}]", groups.join(", "))));
        }
        l.add(FILE, b);
    }
}
