//! network → a VPC with a public and a private subnet per zone, an internet gateway, NAT gateways per
//! the `nat` setting, route tables, VPC endpoints and flow logs.

use hcl::Expression;

use super::shared::{self, log_group, service_role};
use super::tf::{self, Blk, Handle, Part};
use super::{count, log_retention_days, tf_id, Lowerer};
use crate::graph::Resource;
use crate::kinds::network::{Endpoint, Nat, Network, Output};
use crate::kinds::ViewError;

const FILE: &str = "network";

/// The VPC of a stack network.
pub fn vpc(res: &Resource) -> Handle {
    Handle::resource("aws_vpc", tf_id(res))
}

/// The public or private subnets (one per zone, `count`) of a stack network.
pub fn subnets(res: &Resource, tier: &str) -> Handle {
    Handle::resource("aws_subnet", format!("{}_{tier}", tf_id(res)))
}

pub fn output(n: &Network, output: Output) -> Expression {
    match output {
        Output::VpcId => vpc(n.resource).attr("id"),
        Output::PrivateSubnetIds => subnets(n.resource, "private").splat("id"),
        Output::PublicSubnetIds => subnets(n.resource, "public").splat("id"),
    }
}

pub fn lower(l: &mut Lowerer, n: &Network) -> Result<(), ViewError> {
    let res = n.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let zones = count(n.zones);
    let bits = count(n.subnet_bits);
    let azs = shared::zones(l)?;
    let zone_name = || azs.attr_at("names", tf::count_index());
    let tagged = |suffix: &str, extra: Option<(&str, &str)>| {
        let mut tags = vec![
            ("Name".to_owned(), tf::template(vec![Part::Text(format!("{name}-{suffix}-")), Part::Expr(zone_name())])),
            ("component".to_owned(), tf::string(res.address.clone())),
        ];
        if let Some((k, v)) = extra {
            tags.push((k.to_owned(), tf::string(v)));
        }
        tf::object(tags)
    };

    let vpc = l.add(
        FILE,
        Blk::of(&vpc(res))
            .comments(l.skips(res))
            .set("cidr_block", tf::string(n.cidr.to_string()))
            .set("enable_dns_support", true)
            .set("enable_dns_hostnames", true)
            .set("tags", l.tags(res, &name)),
    );
    // The default security group of a VPC allows everything between its members; stackc never
    // uses it, so it is emptied.
    l.add(
        FILE,
        Blk::resource("aws_default_security_group", &id)
            .set("vpc_id", vpc.attr("id"))
            .set("tags", l.tags(res, &format!("{name}-default-deny"))),
    );
    let gateway = l.add(
        FILE,
        Blk::resource("aws_internet_gateway", &id).set("vpc_id", vpc.attr("id")).set("tags", l.tags(res, &name)),
    );
    // Public subnets take the first netnums and private ones start half-way, so adding a zone never
    // renumbers (and replaces) an existing subnet and what runs in it.
    let half = 1u64 << bits.saturating_sub(1).min(62);
    for (tier, offset, role) in
        [("public", 0, "kubernetes.io/role/elb"), ("private", half, "kubernetes.io/role/internal-elb")]
    {
        let netnum =
            if offset == 0 { tf::count_index() } else { tf::add(tf::count_index(), tf::number(offset as f64)) };
        l.add(
            FILE,
            Blk::of(&subnets(res, tier))
                .set("count", zones)
                .set("vpc_id", vpc.attr("id"))
                .set("availability_zone", zone_name())
                .set("cidr_block", tf::call("cidrsubnet", [vpc.attr("cidr_block"), tf::number(bits as f64), netnum]))
                .set("map_public_ip_on_launch", false)
                .set("tags", tagged(tier, Some((role, "1")))),
        );
    }

    let public_routes = l.add(
        FILE,
        Blk::resource("aws_route_table", &format!("{id}_public"))
            .set("vpc_id", vpc.attr("id"))
            .set("tags", l.tags(res, &format!("{name}-public"))),
    );
    l.add(
        FILE,
        Blk::resource("aws_route", &format!("{id}_public_internet"))
            .set("route_table_id", public_routes.attr("id"))
            .set("destination_cidr_block", tf::string("0.0.0.0/0"))
            .set("gateway_id", gateway.attr("id")),
    );
    l.add(
        FILE,
        Blk::resource("aws_route_table_association", &format!("{id}_public"))
            .set("count", zones)
            .set("subnet_id", subnets(res, "public").at(tf::count_index()).attr("id"))
            .set("route_table_id", public_routes.attr("id")),
    );

    let nat_count = n.nat_gateways();
    let nat_tags = || {
        tf::object([
            ("Name", tf::template(vec![Part::Text(format!("{name}-nat-")), Part::Expr(tf::count_index())])),
            ("component", tf::string(res.address.clone())),
        ])
    };
    let mut nat_gateway = None;
    if nat_count > 0 {
        let eip = l.add(
            FILE,
            Blk::resource("aws_eip", &format!("{id}_nat"))
                .set("count", nat_count)
                .set("domain", tf::string("vpc"))
                .set("tags", nat_tags()),
        );
        nat_gateway = Some(
            l.add(
                FILE,
                Blk::resource("aws_nat_gateway", &id)
                    .set("count", nat_count)
                    .set("allocation_id", eip.at(tf::count_index()).attr("id"))
                    .set("subnet_id", subnets(res, "public").at(tf::count_index()).attr("id"))
                    .set("tags", nat_tags())
                    .set("depends_on", tf::list([gateway.expr()])),
            ),
        );
    }
    let private_routes = l.add(
        FILE,
        Blk::resource("aws_route_table", &format!("{id}_private"))
            .set("count", zones)
            .set("vpc_id", vpc.attr("id"))
            .set("tags", tagged("private", None)),
    );
    if let Some(nat) = nat_gateway {
        let index = if n.nat == Nat::PerZone { tf::count_index() } else { tf::number(0) };
        l.add(
            FILE,
            Blk::resource("aws_route", &format!("{id}_private_nat"))
                .set("count", zones)
                .set("route_table_id", private_routes.at(tf::count_index()).attr("id"))
                .set("destination_cidr_block", tf::string("0.0.0.0/0"))
                .set("nat_gateway_id", nat.at(index).attr("id")),
        );
    }
    l.add(
        FILE,
        Blk::resource("aws_route_table_association", &format!("{id}_private"))
            .set("count", zones)
            .set("subnet_id", subnets(res, "private").at(tf::count_index()).attr("id"))
            .set("route_table_id", private_routes.at(tf::count_index()).attr("id")),
    );

    endpoints(l, n, &vpc, &private_routes, &id, &name);

    if n.flow_logs {
        let retention = log_retention_days(n.flow_logs_retention);
        let group = log_group(
            l,
            res,
            &format!("{id}_flow_logs"),
            tf::string(format!("/stackc/{name}/vpc-flow-logs")),
            retention,
            None,
        )?;
        let group = l.add(FILE, group);
        let role = service_role(l, FILE, res, &format!("{id}_flow_logs"), "vpc-flow-logs.amazonaws.com", &[])?;
        let streams = tf::template(vec![Part::Expr(group.attr("arn")), Part::Text(":*".into())]);
        let policy = l.add(
            FILE,
            Blk::data("aws_iam_policy_document", &format!("{id}_flow_logs")).block(
                Blk::new("statement", &[])
                    .set(
                        "actions",
                        tf::strings(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]),
                    )
                    .set("resources", tf::list([streams])),
            ),
        );
        l.add(
            FILE,
            Blk::resource("aws_iam_role_policy", &format!("{id}_flow_logs"))
                .set("name", tf::string("write-flow-logs"))
                .set("role", role.attr("id"))
                .set("policy", policy.attr("json")),
        );
        l.add(
            FILE,
            Blk::resource("aws_flow_log", &id)
                .set("vpc_id", vpc.attr("id"))
                .set("traffic_type", tf::string("ALL"))
                .set("log_destination", group.attr("arn"))
                .set("iam_role_arn", role.attr("arn"))
                .set("max_aggregation_interval", 60)
                .set("tags", l.tags(res, &format!("{name}-flow-logs"))),
        );
    }
    Ok(())
}

fn endpoints(l: &mut Lowerer, n: &Network, vpc: &Handle, private_routes: &Handle, id: &str, name: &str) {
    let res = n.resource;
    let region = l.env.region.clone();
    let gateway = |e: &Endpoint| matches!(e, Endpoint::S3 | Endpoint::Dynamodb);
    for service in n.endpoints.iter().filter(|e| gateway(e)) {
        let service = service.as_str();
        l.add(
            FILE,
            Blk::resource("aws_vpc_endpoint", &format!("{id}_{service}"))
                .set("vpc_id", vpc.attr("id"))
                .set("service_name", tf::string(format!("com.amazonaws.{region}.{service}")))
                .set("vpc_endpoint_type", tf::string("Gateway"))
                .set("route_table_ids", private_routes.splat("id"))
                .set("tags", l.tags(res, &format!("{name}-{service}"))),
        );
    }
    let interface: Vec<&Endpoint> = n.endpoints.iter().filter(|e| !gateway(e)).collect();
    if interface.is_empty() {
        return;
    }
    let group = l.add(
        FILE,
        Blk::resource("aws_security_group", &format!("{id}_endpoints"))
            .set("name", tf::string(format!("{name}-endpoints")))
            .set("description", tf::string("HTTPS from inside the VPC to interface endpoints"))
            .set("vpc_id", vpc.attr("id"))
            .set("tags", l.tags(res, &format!("{name}-endpoints"))),
    );
    l.add(
        FILE,
        Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_endpoints_https"))
            .set("security_group_id", group.attr("id"))
            .set("description", tf::string("HTTPS from the VPC"))
            .set("ip_protocol", tf::string("tcp"))
            .set("from_port", 443)
            .set("to_port", 443)
            .set("cidr_ipv4", vpc.attr("cidr_block")),
    );
    {
        for (key, svc) in n.interface_endpoints() {
            l.add(
                FILE,
                Blk::resource("aws_vpc_endpoint", &format!("{id}_{key}"))
                    .set("vpc_id", vpc.attr("id"))
                    .set("service_name", tf::string(format!("com.amazonaws.{region}.{svc}")))
                    .set("vpc_endpoint_type", tf::string("Interface"))
                    .set("subnet_ids", subnets(res, "private").splat("id"))
                    .set("security_group_ids", tf::list([group.attr("id")]))
                    .set("private_dns_enabled", true)
                    .set("tags", l.tags(res, &format!("{name}-{key}"))),
            );
        }
    }
}
