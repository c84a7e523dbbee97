//! vm → an EC2 instance with IMDSv2, an encrypted gp3 root volume, SSM access through an instance
//! profile, a security group, and the tags the Ansible aws_ec2 inventory keys on.

use super::shared::{kms, service_role};
use super::{gib, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "compute";

pub fn vm(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let Some(network) = l.referenced(res, "network") else { return };
    let net = tf_id(network);
    let Value::Instance(instance) = res.attr("instance") else { return };
    let arch = if instance.arm64 { "arm64" } else { "x86_64" };
    let key = kms(l);

    let ami = match res.attr("ami").as_str() {
        Some(ami) => tf::string(ami),
        None => {
            let parameter = match res.attr("os").as_str() {
                Some("ubuntu-24.04") => format!(
                    "/aws/service/canonical/ubuntu/server/24.04/stable/current/{}/hvm/ebs-gp3/ami-id",
                    if instance.arm64 { "arm64" } else { "amd64" }
                ),
                _ => format!("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{arch}"),
            };
            l.add(FILE, Blk::data("aws_ssm_parameter", &format!("{id}_ami")).set("name", tf::string(parameter)));
            tf::expr(&format!("data.aws_ssm_parameter.{id}_ami.value"))
        }
    };

    service_role(
        l,
        FILE,
        res,
        &format!("{id}_vm"),
        "ec2.amazonaws.com",
        &["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"],
    );
    l.add(
        FILE,
        Blk::resource("aws_iam_instance_profile", &format!("{id}_vm"))
            .set("name", tf::string(name.clone()))
            .set("role", tf::expr(&format!("aws_iam_role.{id}_vm.name")))
            .set("tags", l.tags(res, &name)),
    );
    l.add(
        FILE,
        Blk::resource("aws_security_group", &format!("{id}_vm"))
            .set("name", tf::string(name.clone()))
            .set("description", tf::string(format!("vm {}", res.address)))
            .set("vpc_id", tf::expr(&format!("aws_vpc.{net}.id")))
            .set("tags", l.tags(res, &name)),
    );
    if let Value::List(cidrs) = res.attr("ssh_cidrs") {
        for (i, cidr) in cidrs.iter().enumerate() {
            l.add(
                FILE,
                Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_vm_ssh_{i}"))
                    .set("security_group_id", tf::expr(&format!("aws_security_group.{id}_vm.id")))
                    .set("description", tf::string("SSH"))
                    .set("ip_protocol", tf::string("tcp"))
                    .set("from_port", 22)
                    .set("to_port", 22)
                    .set("cidr_ipv4", tf::string(super::text(cidr))),
            );
        }
    }
    l.add(
        FILE,
        Blk::resource("aws_vpc_security_group_egress_rule", &format!("{id}_vm_https"))
            .set("security_group_id", tf::expr(&format!("aws_security_group.{id}_vm.id")))
            .set("description", tf::string("HTTPS out (package mirrors, SSM, AWS APIs)"))
            .set("ip_protocol", tf::string("tcp"))
            .set("from_port", 443)
            .set("to_port", 443)
            .set("cidr_ipv4", tf::string("0.0.0.0/0")),
    );

    // The aws_ec2 inventory plugin reads these tags: groups, host variables, the SSH user.
    let mut tags: Vec<(String, hcl::Expression)> = vec![
        ("Name".into(), tf::string(name.clone())),
        ("component".into(), tf::string(res.address.clone())),
        ("stackc:host".into(), tf::string(res.qualified_name())),
        ("stackc:user".into(), tf::string(super::text(res.attr("user")))),
    ];
    if let Value::List(groups) = res.attr("groups") {
        let names: Vec<String> = groups
            .iter()
            .filter_map(|g| g.as_ref_address().and_then(|a| l.get(a)).map(|r| r.qualified_name()))
            .collect();
        if !names.is_empty() {
            tags.push(("stackc:groups".into(), tf::string(names.join(","))));
        }
    }
    if let Value::Map(vars) = res.attr("vars") {
        for (k, v) in vars {
            let value = l.value(v);
            tags.push((format!("stackc:var:{k}"), value));
        }
    }
    let subnet = if res.attr("subnet").as_str() == Some("public") { "public" } else { "private" };
    let protected = res.attr("termination_protection").as_bool() == Some(true);
    let from_ssm = res.attr("ami").is_null();
    let user_data = (!res.attr("user_data").is_null()).then(|| l.value(res.attr("user_data")));
    l.add(
        FILE,
        Blk::resource("aws_instance", &id)
            .comments(l.skips(res))
            .set("ami", ami)
            .set("instance_type", tf::string(instance.name))
            .set("subnet_id", tf::expr(&format!("aws_subnet.{net}_{subnet}[0].id")))
            .set("vpc_security_group_ids", tf::expr(&format!("[aws_security_group.{id}_vm.id]")))
            .set("iam_instance_profile", tf::expr(&format!("aws_iam_instance_profile.{id}_vm.name")))
            .set("associate_public_ip_address", res.attr("assign_public_ip").as_bool() == Some(true))
            .set_opt("key_name", res.attr("key_name").as_str().map(tf::string))
            .set_opt("user_data", user_data)
            .set("monitoring", res.attr("detailed_monitoring").as_bool() == Some(true))
            .set("disable_api_termination", protected)
            .set("ebs_optimized", true)
            .block(
                Blk::new("metadata_options", &[])
                    .set("http_endpoint", tf::string("enabled"))
                    .set("http_tokens", tf::string("required"))
                    .set("http_put_response_hop_limit", 1),
            )
            .block(
                Blk::new("root_block_device", &[])
                    .set("volume_type", tf::string("gp3"))
                    .set("volume_size", gib(res.attr("disk")))
                    .set("encrypted", true)
                    .set("kms_key_id", key)
                    .set("delete_on_termination", true),
            )
            .set("tags", tf::object(tags))
            .block_if(from_ssm, || Blk::new("lifecycle", &[]).set("ignore_changes", tf::expr("[ami]"))),
    );
}
