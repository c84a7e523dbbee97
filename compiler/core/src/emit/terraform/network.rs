//! network → a VPC with a public and a private subnet per zone, an internet gateway, NAT gateways
//! per the `nat` setting, route tables, VPC endpoints and flow logs.

use super::shared::{self, log_group, service_role};
use super::{log_retention_days, num, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "network";

pub fn lower(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let zones = num(res.attr("zones")) as u64;
    let bits = num(res.attr("subnet_bits")) as u64;
    let cidr = super::text(res.attr("cidr"));
    let azs = shared::zones(l);
    let vpc = format!("aws_vpc.{id}");

    l.add(
        FILE,
        Blk::resource("aws_vpc", &id)
            .comments(l.skips(res))
            .set("cidr_block", tf::string(cidr))
            .set("enable_dns_support", true)
            .set("enable_dns_hostnames", true)
            .set("tags", l.tags(res, &name)),
    );
    // The default security group of a VPC allows everything between its members; stackc never
    // uses it, so it is emptied.
    l.add(
        FILE,
        Blk::resource("aws_default_security_group", &id)
            .set("vpc_id", tf::expr(&format!("{vpc}.id")))
            .set("tags", l.tags(res, &format!("{name}-default-deny"))),
    );
    l.add(
        FILE,
        Blk::resource("aws_internet_gateway", &id)
            .set("vpc_id", tf::expr(&format!("{vpc}.id")))
            .set("tags", l.tags(res, &name)),
    );
    for (tier, offset, role) in
        [("public", 0, "kubernetes.io/role/elb"), ("private", zones, "kubernetes.io/role/internal-elb")]
    {
        l.add(
            FILE,
            Blk::resource("aws_subnet", &format!("{id}_{tier}"))
                .set("count", zones)
                .set("vpc_id", tf::expr(&format!("{vpc}.id")))
                .set("availability_zone", tf::expr(&format!("{azs}[count.index]")))
                .set(
                    "cidr_block",
                    tf::expr(&if offset == 0 {
                        format!("cidrsubnet({vpc}.cidr_block, {bits}, count.index)")
                    } else {
                        format!("cidrsubnet({vpc}.cidr_block, {bits}, count.index + {offset})")
                    }),
                )
                .set("map_public_ip_on_launch", false)
                .set(
                    "tags",
                    tf::object([
                        ("Name", tf::expr(&format!("\"{name}-{tier}-${{{azs}[count.index]}}\""))),
                        ("component", tf::string(res.address.clone())),
                        (role, tf::string("1")),
                    ]),
                ),
        );
    }

    l.add(
        FILE,
        Blk::resource("aws_route_table", &format!("{id}_public"))
            .set("vpc_id", tf::expr(&format!("{vpc}.id")))
            .set("tags", l.tags(res, &format!("{name}-public"))),
    );
    l.add(
        FILE,
        Blk::resource("aws_route", &format!("{id}_public_internet"))
            .set("route_table_id", tf::expr(&format!("aws_route_table.{id}_public.id")))
            .set("destination_cidr_block", tf::string("0.0.0.0/0"))
            .set("gateway_id", tf::expr(&format!("aws_internet_gateway.{id}.id"))),
    );
    l.add(
        FILE,
        Blk::resource("aws_route_table_association", &format!("{id}_public"))
            .set("count", zones)
            .set("subnet_id", tf::expr(&format!("aws_subnet.{id}_public[count.index].id")))
            .set("route_table_id", tf::expr(&format!("aws_route_table.{id}_public.id"))),
    );

    let nat = res.attr("nat").as_str().unwrap_or("none");
    let nat_count = match nat {
        "per_zone" => zones,
        "single" => 1,
        _ => 0,
    };
    if nat_count > 0 {
        l.add(
            FILE,
            Blk::resource("aws_eip", &format!("{id}_nat"))
                .set("count", nat_count)
                .set("domain", tf::string("vpc"))
                .set(
                    "tags",
                    tf::object([
                        ("Name", tf::expr(&format!("\"{name}-nat-${{count.index}}\""))),
                        ("component", tf::string(res.address.clone())),
                    ]),
                ),
        );
        l.add(
            FILE,
            Blk::resource("aws_nat_gateway", &id)
                .set("count", nat_count)
                .set("allocation_id", tf::expr(&format!("aws_eip.{id}_nat[count.index].id")))
                .set("subnet_id", tf::expr(&format!("aws_subnet.{id}_public[count.index].id")))
                .set(
                    "tags",
                    tf::object([
                        ("Name", tf::expr(&format!("\"{name}-nat-${{count.index}}\""))),
                        ("component", tf::string(res.address.clone())),
                    ]),
                )
                .set("depends_on", tf::expr(&format!("[aws_internet_gateway.{id}]"))),
        );
    }
    l.add(
        FILE,
        Blk::resource("aws_route_table", &format!("{id}_private"))
            .set("count", zones)
            .set("vpc_id", tf::expr(&format!("{vpc}.id")))
            .set(
                "tags",
                tf::object([
                    ("Name", tf::expr(&format!("\"{name}-private-${{{azs}[count.index]}}\""))),
                    ("component", tf::string(res.address.clone())),
                ]),
            ),
    );
    if nat_count > 0 {
        let gateway = if nat == "per_zone" {
            format!("aws_nat_gateway.{id}[count.index].id")
        } else {
            format!("aws_nat_gateway.{id}[0].id")
        };
        l.add(
            FILE,
            Blk::resource("aws_route", &format!("{id}_private_nat"))
                .set("count", zones)
                .set("route_table_id", tf::expr(&format!("aws_route_table.{id}_private[count.index].id")))
                .set("destination_cidr_block", tf::string("0.0.0.0/0"))
                .set("nat_gateway_id", tf::expr(&gateway)),
        );
    }
    l.add(
        FILE,
        Blk::resource("aws_route_table_association", &format!("{id}_private"))
            .set("count", zones)
            .set("subnet_id", tf::expr(&format!("aws_subnet.{id}_private[count.index].id")))
            .set("route_table_id", tf::expr(&format!("aws_route_table.{id}_private[count.index].id"))),
    );

    endpoints(l, res, &id, &name);

    if res.attr("flow_logs").as_bool() == Some(true) {
        let retention = log_retention_days(res.attr("flow_logs_retention"));
        let group = log_group(
            l,
            res,
            &format!("{id}_flow_logs"),
            tf::string(format!("/stackc/{name}/vpc-flow-logs")),
            retention,
        );
        l.add(FILE, group);
        service_role(l, FILE, res, &format!("{id}_flow_logs"), "vpc-flow-logs.amazonaws.com", &[]);
        l.add(
            FILE,
            Blk::data("aws_iam_policy_document", &format!("{id}_flow_logs")).block(
                Blk::new("statement", &[])
                    .set(
                        "actions",
                        tf::strings(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]),
                    )
                    .set("resources", tf::expr(&format!("[\"${{aws_cloudwatch_log_group.{id}_flow_logs.arn}}:*\"]"))),
            ),
        );
        l.add(
            FILE,
            Blk::resource("aws_iam_role_policy", &format!("{id}_flow_logs"))
                .set("name", tf::string("write-flow-logs"))
                .set("role", tf::expr(&format!("aws_iam_role.{id}_flow_logs.id")))
                .set("policy", tf::expr(&format!("data.aws_iam_policy_document.{id}_flow_logs.json"))),
        );
        l.add(
            FILE,
            Blk::resource("aws_flow_log", &id)
                .set("vpc_id", tf::expr(&format!("{vpc}.id")))
                .set("traffic_type", tf::string("ALL"))
                .set("log_destination", tf::expr(&format!("aws_cloudwatch_log_group.{id}_flow_logs.arn")))
                .set("iam_role_arn", tf::expr(&format!("aws_iam_role.{id}_flow_logs.arn")))
                .set("max_aggregation_interval", 60)
                .set("tags", l.tags(res, &format!("{name}-flow-logs"))),
        );
    }
}

fn endpoints(l: &mut Lowerer, res: &Resource, id: &str, name: &str) {
    let list: Vec<&str> = match res.attr("endpoints") {
        Value::List(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let region = l.env.region.clone();
    let interface: Vec<&str> = list.iter().copied().filter(|s| !matches!(*s, "s3" | "dynamodb")).collect();
    for service in list.iter().filter(|s| matches!(**s, "s3" | "dynamodb")) {
        l.add(
            FILE,
            Blk::resource("aws_vpc_endpoint", &format!("{id}_{service}"))
                .set("vpc_id", tf::expr(&format!("aws_vpc.{id}.id")))
                .set("service_name", tf::string(format!("com.amazonaws.{region}.{service}")))
                .set("vpc_endpoint_type", tf::string("Gateway"))
                .set("route_table_ids", tf::expr(&format!("aws_route_table.{id}_private[*].id")))
                .set("tags", l.tags(res, &format!("{name}-{service}"))),
        );
    }
    if interface.is_empty() {
        return;
    }
    l.add(
        FILE,
        Blk::resource("aws_security_group", &format!("{id}_endpoints"))
            .set("name", tf::string(format!("{name}-endpoints")))
            .set("description", tf::string("HTTPS from inside the VPC to interface endpoints"))
            .set("vpc_id", tf::expr(&format!("aws_vpc.{id}.id")))
            .set("tags", l.tags(res, &format!("{name}-endpoints"))),
    );
    l.add(
        FILE,
        Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_endpoints_https"))
            .set("security_group_id", tf::expr(&format!("aws_security_group.{id}_endpoints.id")))
            .set("description", tf::string("HTTPS from the VPC"))
            .set("ip_protocol", tf::string("tcp"))
            .set("from_port", 443)
            .set("to_port", 443)
            .set("cidr_ipv4", tf::expr(&format!("aws_vpc.{id}.cidr_block"))),
    );
    for service in interface {
        // ECR needs both its API and its Docker registry endpoint.
        let names: Vec<(String, String)> = if service == "ecr" {
            vec![("ecr_api".into(), "ecr.api".into()), ("ecr_dkr".into(), "ecr.dkr".into())]
        } else {
            vec![(service.into(), service.into())]
        };
        for (key, svc) in names {
            l.add(
                FILE,
                Blk::resource("aws_vpc_endpoint", &format!("{id}_{key}"))
                    .set("vpc_id", tf::expr(&format!("aws_vpc.{id}.id")))
                    .set("service_name", tf::string(format!("com.amazonaws.{region}.{svc}")))
                    .set("vpc_endpoint_type", tf::string("Interface"))
                    .set("subnet_ids", tf::expr(&format!("aws_subnet.{id}_private[*].id")))
                    .set("security_group_ids", tf::expr(&format!("[aws_security_group.{id}_endpoints.id]")))
                    .set("private_dns_enabled", true)
                    .set("tags", l.tags(res, &format!("{name}-{key}"))),
            );
        }
    }
}
