//! load_balancer → an ALB with HTTPS (ACM), an HTTP→HTTPS redirect, a target group of the cluster's
//! nodes on the ingress controller's NodePort, access logs and WAF.

use hcl::Expression;

use super::dns_zone::{aliases, certificate, AliasTarget};
use super::shared::{log_bucket, log_bucket_ready, truncate};
use super::tf::{self, Blk, Handle};
use super::{tf_id, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::load_balancer::{LoadBalancer, Output};
use crate::kinds::{require_all, ViewError};

const FILE: &str = "edge";

/// The ALB of a stack load_balancer.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_lb", tf_id(res))
}

pub fn output(lb: &LoadBalancer, output: Output) -> Expression {
    let alb = handle(lb.resource);
    match output {
        Output::DnsName => alb.attr("dns_name"),
        Output::ZoneId => alb.attr("zone_id"),
        Output::Arn => alb.attr("arn"),
    }
}

pub fn lower(l: &mut Lowerer, lb: &LoadBalancer) -> Result<(), ViewError> {
    let res = lb.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let network = l.get(lb.network)?;
    let vpc = super::network::vpc(network.resource);
    let domains = require_all(&lb.domains, res, "domains")?;
    let zone = lb.zone.map(|z| l.get(z)).transpose()?;
    let node_port = lb.node_port.get();
    let skips = l.skips(res);

    let group = l.add(
        FILE,
        Blk::resource("aws_security_group", &format!("{id}_lb"))
            .comments(skips.clone())
            .set("name", tf::string(format!("{name}-lb")))
            .set("description", tf::string(format!("load balancer {}", res.address)))
            .set("vpc_id", vpc.attr("id"))
            .set("tags", l.tags(res, &format!("{name}-lb"))),
    );
    // A load balancer behind a CDN admits only CloudFront's origin-facing servers (the AWS managed
    // prefix list), over HTTPS: requests around the CDN would skip its WAF and caching.
    let fronted = bridge::fronted_by_cdn(l.env, res);
    let cloudfront = if fronted && !lb.internal {
        let list = Handle::data("aws_ec2_managed_prefix_list", "cloudfront_origin_facing");
        let block = Blk::of(&list).set("name", tf::string("com.amazonaws.global.cloudfront.origin-facing"));
        l.once("cloudfront-prefix-list", |l| {
            l.add(FILE, block);
            Ok(())
        })?;
        Some(list)
    } else {
        None
    };
    let mut ports = Vec::new();
    if cloudfront.is_none() {
        ports.push(80u16);
    }
    if !domains.is_empty() {
        ports.push(443);
    }
    for port in ports {
        let rule = Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_lb_{port}"))
            .comments(skips.clone())
            .set("security_group_id", group.attr("id"));
        let rule = match (&cloudfront, lb.internal) {
            (Some(list), _) => rule
                .set("description", tf::string("HTTPS from CloudFront's origin-facing servers only"))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", port)
                .set("to_port", port)
                .set("prefix_list_id", list.attr("id")),
            (None, internal) => rule
                .set(
                    "description",
                    tf::string(if port == 80 { "HTTP (redirected to HTTPS when TLS is on)" } else { "HTTPS" }),
                )
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", port)
                .set("to_port", port)
                .set("cidr_ipv4", if internal { vpc.attr("cidr_block") } else { tf::string("0.0.0.0/0") }),
        };
        l.add(FILE, rule);
    }
    l.add(
        FILE,
        Blk::resource("aws_vpc_security_group_egress_rule", &format!("{id}_lb_nodes"))
            .set("security_group_id", group.attr("id"))
            .set("description", tf::string("to the ingress controller's NodePort"))
            .set("ip_protocol", tf::string("tcp"))
            .set("from_port", node_port)
            .set("to_port", node_port)
            .set("cidr_ipv4", vpc.attr("cidr_block")),
    );

    let logs_bucket = if lb.access_logs { Some(log_bucket(l)?) } else { None };
    let tier = if lb.internal { "private" } else { "public" };
    let mut alb = Blk::of(&handle(res))
        .comments(skips.clone())
        .set("name", tf::string(truncate(&name, 32)))
        .set("internal", lb.internal)
        .set("load_balancer_type", tf::string("application"))
        .set("security_groups", tf::list([group.attr("id")]))
        .set("subnets", super::network::subnets(network.resource, tier).splat("id"))
        .set("idle_timeout", lb.idle_timeout.seconds())
        .set("enable_deletion_protection", lb.deletion_protection)
        .set("drop_invalid_header_fields", true);
    if let Some(bucket) = logs_bucket {
        alb = alb.block(
            Blk::new("access_logs", &[])
                .set("bucket", bucket.attr("id"))
                .set("prefix", tf::string(format!("alb/{name}")))
                .set("enabled", true),
        );
    }
    let alb = alb.set("tags", l.tags(res, &name));
    let alb = l.add(FILE, if lb.access_logs { alb.set("depends_on", tf::list(log_bucket_ready())) } else { alb });

    let health = lb.health_check_path.require(res, "health_check_path")?;
    let target_group = l.add(
        FILE,
        Blk::resource("aws_lb_target_group", &id)
            .comments(skips.clone())
            .set("name", tf::string(truncate(&format!("{name}-nodes"), 32)))
            .set("port", node_port)
            .set("protocol", tf::string("HTTP"))
            .set("target_type", tf::string("instance"))
            .set("vpc_id", vpc.attr("id"))
            .set("deregistration_delay", 30)
            .block(
                Blk::new("health_check", &[])
                    .set("path", tf::string(health))
                    .set("matcher", tf::string("200"))
                    .set("interval", 15)
                    .set("healthy_threshold", 2)
                    .set("unhealthy_threshold", 3),
            )
            .set("tags", l.tags(res, &format!("{name}-nodes"))),
    );

    if let Some(cluster) = lb.cluster {
        let cluster = l.get(cluster)?;
        let cid = tf_id(cluster.resource);
        // Only the pools that serve ingress: Spot nodes go at two minutes' notice, and tainted pools
        // run no ingress controller.
        for pool in cluster.node_pool.iter().filter(|p| super::cluster::serves_ingress(p)) {
            let node_group = super::cluster::node_group(cluster.resource, pool.label);
            l.add(
                FILE,
                Blk::resource("aws_autoscaling_attachment", &format!("{id}_{}", node_group.name))
                    .comments(skips.clone())
                    .set(
                        "autoscaling_group_name",
                        tf::traverse(node_group.attr("resources"))
                            .index(tf::number(0))
                            .attr("autoscaling_groups")
                            .index(tf::number(0))
                            .attr("name")
                            .build(),
                    )
                    .set("lb_target_group_arn", target_group.attr("arn")),
            );
        }
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_to_{cid}"))
                .set("security_group_id", super::cluster::security_group(cluster.resource))
                .set("description", tf::string(format!("from load balancer {}", res.address)))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", node_port)
                .set("to_port", node_port)
                .set("referenced_security_group_id", group.attr("id")),
        );
    }

    let forward = Blk::new("default_action", &[])
        .set("type", tf::string("forward"))
        .set("target_group_arn", target_group.attr("arn"));
    match (domains.is_empty(), &zone) {
        (false, Some(zone)) => {
            let cert = certificate(l, res, FILE, &id, &domains, zone.resource, None);
            let ssl_policy = lb.ssl_policy.require(res, "ssl_policy")?;
            l.add(
                FILE,
                Blk::resource("aws_lb_listener", &format!("{id}_https"))
                    .set("load_balancer_arn", alb.attr("arn"))
                    .set("port", 443)
                    .set("protocol", tf::string("HTTPS"))
                    .set("ssl_policy", tf::string(ssl_policy))
                    .set("certificate_arn", cert)
                    .block(forward),
            );
            l.add(
                FILE,
                Blk::resource("aws_lb_listener", &format!("{id}_http"))
                    .set("load_balancer_arn", alb.attr("arn"))
                    .set("port", 80)
                    .set("protocol", tf::string("HTTP"))
                    .block(
                        Blk::new("default_action", &[]).set("type", tf::string("redirect")).block(
                            Blk::new("redirect", &[])
                                .set("port", tf::string("443"))
                                .set("protocol", tf::string("HTTPS"))
                                .set("status_code", tf::string("HTTP_301")),
                        ),
                    ),
            );
            // An IPv4 load balancer gets A records only: an AAAA alias to it would resolve to nothing.
            let target = AliasTarget {
                dns_name: alb.attr("dns_name"),
                zone_id: alb.attr("zone_id"),
                evaluate_health: true,
                ipv6: false,
            };
            aliases(l, FILE, &id, &domains, zone.resource, target);
            if !fronted {
                if let Some(first) = domains.first() {
                    l.add(
                        FILE,
                        Blk::resource("aws_route53_health_check", &id)
                            .set("fqdn", tf::string(*first))
                            .set("port", 443)
                            .set("type", tf::string("HTTPS"))
                            .set("resource_path", tf::string(health))
                            .set("request_interval", 30)
                            .set("failure_threshold", 3)
                            .set("tags", l.tags(res, &format!("{name}-health"))),
                    );
                }
            }
        }
        _ => {
            l.add(
                FILE,
                Blk::resource("aws_lb_listener", &format!("{id}_http"))
                    .comments(skips.clone())
                    .set("load_balancer_arn", alb.attr("arn"))
                    .set("port", 80)
                    .set("protocol", tf::string("HTTP"))
                    .block(forward),
            );
        }
    }

    if lb.waf {
        let acl =
            super::waf::web_acl(l, res, &format!("{id}_lb"), "REGIONAL", None, super::waf::LOAD_BALANCER_RULE_GROUPS)?;
        l.add(
            FILE,
            Blk::resource("aws_wafv2_web_acl_association", &id)
                .set("resource_arn", alb.attr("arn"))
                .set("web_acl_arn", acl),
        );
    }
    Ok(())
}
