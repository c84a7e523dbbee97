//! vm → an EC2 instance with IMDSv2, an encrypted gp3 root volume, SSM access through an instance
//! profile, a security group, and the tags the Ansible aws_ec2 inventory keys on.

use hcl::Expression;

use super::shared::{kms, service_role};
use super::tf::{self, Blk, Handle};
use super::{tf_id, Lowerer};
use crate::bridge::{self, tags};
use crate::graph::Resource;
use crate::kinds::vm::{Os, Output, Subnet, Vm};
use crate::kinds::ViewError;

const FILE: &str = "compute";

/// The EC2 instance of a stack vm.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_instance", tf_id(res))
}

/// The security group of a vm.
pub fn security_group(res: &Resource) -> Handle {
    Handle::resource("aws_security_group", format!("{}_vm", tf_id(res)))
}

pub fn output(v: &Vm, output: Output) -> Expression {
    let instance = handle(v.resource);
    match output {
        Output::InstanceId => instance.attr("id"),
        Output::PrivateIp => instance.attr("private_ip"),
        Output::PublicIp => instance.attr("public_ip"),
        Output::Arn => instance.attr("arn"),
    }
}

pub fn lower(l: &mut Lowerer, v: &Vm) -> Result<(), ViewError> {
    let res = v.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let network = l.get(v.network)?;
    let instance = v.instance;
    let arch = if instance.arm64() { "arm64" } else { "x86_64" };
    let key = kms(l)?.attr("arn");

    let ami = match v.ami {
        Some(ami) => l.text(ami)?,
        None => {
            let parameter = match v.os {
                Os::Ubuntu24_04 => format!(
                    "/aws/service/canonical/ubuntu/server/24.04/stable/current/{}/hvm/ebs-gp3/ami-id",
                    if instance.arm64() { "arm64" } else { "amd64" }
                ),
                Os::Al2023 => format!("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{arch}"),
            };
            let parameter =
                l.add(FILE, Blk::data("aws_ssm_parameter", &format!("{id}_ami")).set("name", tf::string(parameter)));
            parameter.attr("value")
        }
    };

    let role = service_role(
        l,
        FILE,
        res,
        &format!("{id}_vm"),
        "ec2.amazonaws.com",
        &["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"],
    )?;
    let statements = super::identity::access_statements(l, &v.buckets, &v.queues, &v.topics)?;
    if !statements.is_empty() {
        let policy = l.add(FILE, Blk::data("aws_iam_policy_document", &format!("{id}_vm")).blocks(statements));
        l.add(
            FILE,
            Blk::resource("aws_iam_role_policy", &format!("{id}_vm"))
                .set("name", tf::string("access"))
                .set("role", role.attr("id"))
                .set("policy", policy.attr("json")),
        );
    }
    let profile = l.add(
        FILE,
        Blk::resource("aws_iam_instance_profile", &format!("{id}_vm"))
            .set("name", tf::string(name.clone()))
            .set("role", role.attr("name"))
            .set("tags", l.tags(res, &name)),
    );
    let group_name = bridge::security_group_name(l.env, res, "vm");
    let group = l.add(
        FILE,
        Blk::of(&security_group(res))
            .set("name", tf::string(group_name.clone()))
            .set("description", tf::string(format!("vm {}", res.address)))
            .set("vpc_id", super::network::vpc(network.resource).attr("id"))
            .set("tags", l.tags(res, &group_name)),
    );
    for (i, cidr) in v.ssh_cidrs.iter().enumerate() {
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_vm_ssh_{i}"))
                .set("security_group_id", group.attr("id"))
                .set("description", tf::string("SSH"))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", 22)
                .set("to_port", 22)
                .set("cidr_ipv4", tf::string(cidr.to_string())),
        );
    }
    l.add(
        FILE,
        Blk::resource("aws_vpc_security_group_egress_rule", &format!("{id}_vm_https"))
            .set("security_group_id", group.attr("id"))
            .set("description", tf::string("HTTPS out (package mirrors, SSM, AWS APIs)"))
            .set("ip_protocol", tf::string("tcp"))
            .set("from_port", 443)
            .set("to_port", 443)
            .set("cidr_ipv4", tf::string("0.0.0.0/0")),
    );

    if let Some(bastion) = v.bastion {
        // Ansible reaches this instance through the jump host: SSH from its security group in, and
        // out of it to this one's (its own rules allow only HTTPS out).
        let bastion_group = security_group(l.resource(bastion)?);
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_vm_ssh_bastion"))
                // checkov 3.3 reads the source of this resource type from `source_security_group_id`
                // (an attribute of aws_security_group_rule) and so takes it for 0.0.0.0/0.
                .comment("checkov:skip=CKV_AWS_24:SSH only from the bastion's security group (referenced_security_group_id), no CIDR")
                .set("security_group_id", group.attr("id"))
                .set("description", tf::string(format!("SSH from the bastion {}", bastion.address)))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", 22)
                .set("to_port", 22)
                .set("referenced_security_group_id", bastion_group.attr("id")),
        );
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_egress_rule", &format!("{id}_vm_ssh_via_bastion"))
                .set("security_group_id", bastion_group.attr("id"))
                .set("description", tf::string(format!("SSH to {} (ProxyJump)", res.address)))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", 22)
                .set("to_port", 22)
                .set("referenced_security_group_id", group.attr("id")),
        );
    }
    // Hosts outside the stack that Ansible reaches through this instance: SSH out to each.
    for (i, host) in
        l.env.of_kind("host").filter(|h| h.attr("bastion").as_ref_address() == Some(res.address.as_str())).enumerate()
    {
        let address = host.attr("address").as_str().unwrap_or_default();
        let port = host.attr("port").as_number().unwrap_or(22.0);
        let (key, cidr) = match address.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(ip)) => ("cidr_ipv4", format!("{ip}/32")),
            Ok(std::net::IpAddr::V6(ip)) => ("cidr_ipv6", format!("{ip}/128")),
            // A DNS name resolves to addresses Terraform cannot know: the port, to anywhere.
            Err(_) => ("cidr_ipv4", "0.0.0.0/0".to_owned()),
        };
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_egress_rule", &format!("{id}_vm_ssh_host_{i}"))
                .set("security_group_id", group.attr("id"))
                .set("description", tf::string(format!("SSH to {} at {address} (ProxyJump)", host.address)))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", port)
                .set("to_port", port)
                .set(key, tf::string(cidr)),
        );
    }

    // The aws_ec2 inventory plugin reads these tags: groups, host variables, the SSH user.
    let mut instance_tags: Vec<(String, Expression)> = vec![
        (tags::NAME.into(), tf::string(name.clone())),
        (tags::COMPONENT.into(), tf::string(res.address.clone())),
        (tags::HOST.into(), tf::string(bridge::inventory::host(res))),
        (tags::USER.into(), l.text(v.user)?),
    ];
    let mut groups = Vec::new();
    for g in &v.groups {
        groups.push(bridge::inventory::group(l.resource(*g)?));
    }
    if !groups.is_empty() {
        instance_tags.push((tags::GROUPS.into(), tf::string(groups.join(","))));
    }
    if let Some(bastion) = v.bastion {
        let bastion = l.get(bastion)?;
        let address = handle(bastion.resource).attr(bridge::inventory::bastion_output(bastion.resource));
        let mut parts = match l.text(bastion.user)? {
            Expression::String(user) => vec![tf::Part::Text(user)],
            user => vec![tf::Part::Expr(user)],
        };
        parts.push(tf::Part::Text("@".into()));
        parts.push(tf::Part::Expr(address));
        instance_tags.push((tags::JUMP.into(), tf::template(parts)));
    }
    for (k, value) in &v.vars {
        instance_tags.push((tags::var(k), l.text(*value)?));
    }
    let subnet = match v.subnet {
        Subnet::Public => "public",
        Subnet::Private => "private",
    };
    let user_data = v.user_data.map(|u| l.text(u)).transpose()?;
    let key_name = v.key_name.map(|k| l.text(k)).transpose()?;
    l.add(
        FILE,
        Blk::of(&handle(res))
            .comments(l.skips(res))
            .set("ami", ami)
            .set("instance_type", tf::string(instance.name))
            .set("subnet_id", super::network::subnets(network.resource, subnet).at(tf::number(0)).attr("id"))
            .set("vpc_security_group_ids", tf::list([group.attr("id")]))
            .set("iam_instance_profile", profile.attr("name"))
            .set("associate_public_ip_address", v.assign_public_ip)
            .set_opt("key_name", key_name)
            .set_opt("user_data", user_data)
            .set("monitoring", v.detailed_monitoring)
            .set("disable_api_termination", v.termination_protection)
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
                    .set("volume_size", v.disk.gib_ceil())
                    .set("encrypted", true)
                    .set("kms_key_id", key)
                    .set("delete_on_termination", true),
            )
            .set("tags", tf::object(instance_tags))
            .block_if(v.ami.is_none(), || {
                Blk::new("lifecycle", &[]).set("ignore_changes", tf::list([tf::name("ami")]))
            }),
    );
    Ok(())
}
