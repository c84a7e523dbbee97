//! load_balancer → an ALB with HTTPS (ACM), an HTTP→HTTPS redirect, a target group of the
//! cluster's nodes, access logs and WAF; cdn → CloudFront with origin access control, managed
//! cache policies, security headers, a us-east-1 certificate, logs and WAF.

use hcl::Expression;

use super::dns::{aliases, certificate};
use super::shared::{log_bucket, log_group, region_provider, truncate};
use super::{num, seconds, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "edge";

fn strings_of(v: &Value) -> Vec<String> {
    match v {
        Value::List(items) => items.iter().map(super::text).collect(),
        _ => Vec::new(),
    }
}

pub fn load_balancer(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let Some(network) = l.referenced(res, "network") else { return };
    let net = tf_id(network);
    let internal = res.attr("internal").as_bool() == Some(true);
    let domains = strings_of(res.attr("domains"));
    let zone = l.referenced(res, "zone");
    let node_port = match res.attr("node_port") {
        Value::Port(p) => p.get(),
        _ => 30080,
    };
    let skips = l.skips(res);

    l.add(
        FILE,
        Blk::resource("aws_security_group", &format!("{id}_lb"))
            .comments(skips.clone())
            .set("name", tf::string(format!("{name}-lb")))
            .set("description", tf::string(format!("load balancer {}", res.address)))
            .set("vpc_id", tf::expr(&format!("aws_vpc.{net}.id")))
            .set("tags", l.tags(res, &format!("{name}-lb"))),
    );
    let source = if internal { format!("aws_vpc.{net}.cidr_block") } else { "\"0.0.0.0/0\"".to_owned() };
    let mut ports = vec![80u16];
    if !domains.is_empty() {
        ports.push(443);
    }
    for port in ports {
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_lb_{port}"))
                .comments(skips.clone())
                .set("security_group_id", tf::expr(&format!("aws_security_group.{id}_lb.id")))
                .set(
                    "description",
                    tf::string(if port == 80 { "HTTP (redirected to HTTPS when TLS is on)" } else { "HTTPS" }),
                )
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", port)
                .set("to_port", port)
                .set("cidr_ipv4", tf::expr(&source)),
        );
    }
    l.add(
        FILE,
        Blk::resource("aws_vpc_security_group_egress_rule", &format!("{id}_lb_nodes"))
            .set("security_group_id", tf::expr(&format!("aws_security_group.{id}_lb.id")))
            .set("description", tf::string("to the ingress controller's NodePort"))
            .set("ip_protocol", tf::string("tcp"))
            .set("from_port", node_port)
            .set("to_port", node_port)
            .set("cidr_ipv4", tf::expr(&format!("aws_vpc.{net}.cidr_block"))),
    );

    let logs = res.attr("access_logs").as_bool() == Some(true);
    let logs_bucket = logs.then(|| log_bucket(l));
    let lb_name = truncate(&name, 32);
    let mut lb = Blk::resource("aws_lb", &id)
        .comments(skips.clone())
        .set("name", tf::string(lb_name.clone()))
        .set("internal", internal)
        .set("load_balancer_type", tf::string("application"))
        .set("security_groups", tf::expr(&format!("[aws_security_group.{id}_lb.id]")))
        .set("subnets", tf::expr(&format!("aws_subnet.{net}_{}[*].id", if internal { "private" } else { "public" })))
        .set("idle_timeout", seconds(res.attr("idle_timeout")))
        .set("enable_deletion_protection", res.attr("deletion_protection").as_bool() == Some(true))
        .set("drop_invalid_header_fields", true);
    if let Some(bucket) = logs_bucket {
        lb = lb.block(
            Blk::new("access_logs", &[])
                .set("bucket", tf::expr(&format!("aws_s3_bucket.{bucket}.id")))
                .set("prefix", tf::string(format!("alb/{name}")))
                .set("enabled", true),
        );
    }
    l.add(FILE, lb.set("tags", l.tags(res, &name)));

    let health = super::text(res.attr("health_check_path"));
    l.add(
        FILE,
        Blk::resource("aws_lb_target_group", &id)
            .comments(skips.clone())
            .set("name", tf::string(truncate(&format!("{name}-nodes"), 32)))
            .set("port", node_port)
            .set("protocol", tf::string("HTTP"))
            .set("target_type", tf::string("instance"))
            .set("vpc_id", tf::expr(&format!("aws_vpc.{net}.id")))
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

    if let Some(cluster) = l.referenced(res, "cluster") {
        let cid = tf_id(cluster);
        for pool in cluster.blocks("node_pool") {
            let pid = format!("{cid}_{}", pool.label.clone().unwrap_or_default().replace('-', "_"));
            l.add(
                FILE,
                Blk::resource("aws_autoscaling_attachment", &format!("{id}_{pid}"))
                    .comments(skips.clone())
                    .set(
                        "autoscaling_group_name",
                        tf::expr(&format!("aws_eks_node_group.{pid}.resources[0].autoscaling_groups[0].name")),
                    )
                    .set("lb_target_group_arn", tf::expr(&format!("aws_lb_target_group.{id}.arn"))),
            );
        }
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_to_{cid}"))
                .set(
                    "security_group_id",
                    tf::expr(&format!("aws_eks_cluster.{cid}.vpc_config[0].cluster_security_group_id")),
                )
                .set("description", tf::string(format!("from load balancer {}", res.address)))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", node_port)
                .set("to_port", node_port)
                .set("referenced_security_group_id", tf::expr(&format!("aws_security_group.{id}_lb.id"))),
        );
    }

    let forward = Blk::new("default_action", &[])
        .set("type", tf::string("forward"))
        .set("target_group_arn", tf::expr(&format!("aws_lb_target_group.{id}.arn")));
    match (domains.is_empty(), zone) {
        (false, Some(zone)) => {
            let cert = certificate(l, res, FILE, &id, &domains, zone, None);
            l.add(
                FILE,
                Blk::resource("aws_lb_listener", &format!("{id}_https"))
                    .set("load_balancer_arn", tf::expr(&format!("aws_lb.{id}.arn")))
                    .set("port", 443)
                    .set("protocol", tf::string("HTTPS"))
                    .set("ssl_policy", tf::string(super::text(res.attr("ssl_policy"))))
                    .set("certificate_arn", cert)
                    .block(forward),
            );
            l.add(
                FILE,
                Blk::resource("aws_lb_listener", &format!("{id}_http"))
                    .set("load_balancer_arn", tf::expr(&format!("aws_lb.{id}.arn")))
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
            aliases(
                l,
                FILE,
                &id,
                &domains,
                zone,
                (&format!("aws_lb.{id}.dns_name"), &format!("aws_lb.{id}.zone_id")),
                true,
            );
        }
        _ => {
            l.add(
                FILE,
                Blk::resource("aws_lb_listener", &format!("{id}_http"))
                    .comments(skips.clone())
                    .set("load_balancer_arn", tf::expr(&format!("aws_lb.{id}.arn")))
                    .set("port", 80)
                    .set("protocol", tf::string("HTTP"))
                    .block(forward),
            );
        }
    }

    if res.attr("waf").as_bool() == Some(true) {
        let acl = web_acl(
            l,
            res,
            &format!("{id}_lb"),
            "REGIONAL",
            None,
            &[
                "AWSManagedRulesCommonRuleSet",
                "AWSManagedRulesKnownBadInputsRuleSet",
                "AWSManagedRulesAmazonIpReputationList",
                "AWSManagedRulesAnonymousIpList",
            ],
        );
        l.add(
            FILE,
            Blk::resource("aws_wafv2_web_acl_association", &id)
                .set("resource_arn", tf::expr(&format!("aws_lb.{id}.arn")))
                .set("web_acl_arn", acl),
        );
    }
}

/// A WAF web ACL with AWS managed rule groups and logging to CloudWatch; returns its ARN.
fn web_acl(
    l: &mut Lowerer,
    res: &Resource,
    id: &str,
    scope: &str,
    provider: Option<Expression>,
    groups: &[&str],
) -> Expression {
    let name = format!("{}-{}", l.aws_name(res), scope.to_lowercase());
    let with = |b: Blk| match &provider {
        Some(p) => b.set("provider", p.clone()),
        None => b,
    };
    let visibility = |metric: &str| {
        Blk::new("visibility_config", &[])
            .set("cloudwatch_metrics_enabled", true)
            .set("metric_name", tf::string(metric))
            .set("sampled_requests_enabled", true)
    };
    let mut acl = with(Blk::resource("aws_wafv2_web_acl", id))
        .set("name", tf::string(name.clone()))
        .set("scope", tf::string(scope))
        .block(Blk::new("default_action", &[]).block(Blk::new("allow", &[])));
    for (priority, group) in groups.iter().enumerate() {
        acl = acl.block(
            Blk::new("rule", &[])
                .set("name", tf::string(*group))
                .set("priority", priority as u64 + 1)
                .block(Blk::new("override_action", &[]).block(Blk::new("none", &[])))
                .block(
                    Blk::new("statement", &[]).block(
                        Blk::new("managed_rule_group_statement", &[])
                            .set("name", tf::string(*group))
                            .set("vendor_name", tf::string("AWS")),
                    ),
                )
                .block(visibility(group)),
        );
    }
    l.add(FILE, acl.block(visibility(&name)).set("tags", l.tags(res, &name)));
    // WAF logs must go to a log group whose name starts with aws-waf-logs-.
    let retention = super::log_retention_days(l.env.profile_fields.get("log_retention").unwrap_or(&Value::Null));
    let group = with(log_group(l, res, &format!("{id}_waf"), tf::string(format!("aws-waf-logs-{name}")), retention));
    l.add(FILE, group);
    l.add(
        FILE,
        with(Blk::resource("aws_wafv2_web_acl_logging_configuration", id))
            .set("resource_arn", tf::expr(&format!("aws_wafv2_web_acl.{id}.arn")))
            .set("log_destination_configs", tf::expr(&format!("[aws_cloudwatch_log_group.{id}_waf.arn]"))),
    );
    tf::expr(&format!("aws_wafv2_web_acl.{id}.arn"))
}

pub fn cdn(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let aliases_list = strings_of(res.attr("aliases"));
    let zone = l.referenced(res, "zone");
    let us_east_1 = if l.env.region == "us-east-1" { None } else { Some(region_provider(l, "us-east-1")) };

    for (policy, managed) in [
        ("caching_optimized", "Managed-CachingOptimized"),
        ("caching_disabled", "Managed-CachingDisabled"),
        ("use_origin_cache_control_headers", "UseOriginCacheControlHeaders"),
    ] {
        l.once(&format!("cache-policy-{policy}"), |l| {
            l.add(FILE, Blk::data("aws_cloudfront_cache_policy", policy).set("name", tf::string(managed)));
        });
    }
    l.once("origin-request-policy", |l| {
        l.add(
            FILE,
            Blk::data("aws_cloudfront_origin_request_policy", "all_viewer_except_host_header")
                .set("name", tf::string("Managed-AllViewerExceptHostHeader")),
        );
    });
    l.once("response-headers-policy", |l| {
        l.add(
            FILE,
            Blk::data("aws_cloudfront_response_headers_policy", "security_headers")
                .set("name", tf::string("Managed-SecurityHeadersPolicy")),
        );
    });

    let origins = res.blocks("origin");
    let has_bucket = origins.iter().any(|o| !o.attr("bucket").is_null());
    if has_bucket {
        l.add(
            FILE,
            Blk::resource("aws_cloudfront_origin_access_control", &id)
                .set("name", tf::string(truncate(&name, 64)))
                .set("description", tf::string(format!("S3 origins of {}", res.address)))
                .set("origin_access_control_origin_type", tf::string("s3"))
                .set("signing_behavior", tf::string("always"))
                .set("signing_protocol", tf::string("sigv4")),
        );
    }

    let mut dist = Blk::resource("aws_cloudfront_distribution", &id)
        .comments(l.skips(res))
        .set("enabled", true)
        .set("is_ipv6_enabled", true)
        .set("http_version", tf::string("http2and3"))
        .set("comment", tf::string(format!("{} ({})", res.address, l.env.name)))
        .set("price_class", tf::string(super::text(res.attr("price_class"))))
        .set_opt("default_root_object", res.attr("default_root_object").as_str().map(tf::string))
        .set_if(!aliases_list.is_empty(), "aliases", tf::strings(&aliases_list));

    let mut default_behavior = None;
    let mut ordered = Vec::new();
    for origin in origins {
        let label = origin.label.clone().unwrap_or_default();
        let mut o = Blk::new("origin", &[]).set("origin_id", tf::string(label.clone()));
        let is_bucket = !origin.attr("bucket").is_null();
        if let Some(bucket) = origin.attr("bucket").as_ref_address().and_then(|a| l.get(a)) {
            o = o
                .set("domain_name", tf::expr(&format!("aws_s3_bucket.{}.bucket_regional_domain_name", tf_id(bucket))))
                .set("origin_access_control_id", tf::expr(&format!("aws_cloudfront_origin_access_control.{id}.id")));
        } else if let Some(lb) = origin.attr("load_balancer").as_ref_address().and_then(|a| l.get(a)) {
            let lb_domains = strings_of(lb.attr("domains"));
            let domain = match lb_domains.first() {
                Some(d) => tf::string(d.clone()),
                None => tf::expr(&format!("aws_lb.{}.dns_name", tf_id(lb))),
            };
            o = o.set("domain_name", domain).block(
                Blk::new("custom_origin_config", &[])
                    .set("http_port", 80)
                    .set("https_port", 443)
                    .set(
                        "origin_protocol_policy",
                        tf::string(if lb_domains.is_empty() { "http-only" } else { "https-only" }),
                    )
                    .set("origin_ssl_protocols", tf::strings(["TLSv1.2"])),
            );
        }
        dist = dist.block(o);
        let policy = match origin.attr("cache").as_str() {
            Some("disabled") => "caching_disabled",
            Some("origin_headers") => "use_origin_cache_control_headers",
            _ => "caching_optimized",
        };
        let methods: &[&str] = if is_bucket {
            &["GET", "HEAD", "OPTIONS"]
        } else {
            &["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
        };
        let path = super::text(origin.attr("path"));
        let behavior = |ident: &str| {
            let mut b = Blk::new(ident, &[]);
            if ident == "ordered_cache_behavior" {
                b = b.set("path_pattern", tf::string(path.clone()));
            }
            b.set("target_origin_id", tf::string(label.clone()))
                .set("viewer_protocol_policy", tf::string("redirect-to-https"))
                .set("allowed_methods", tf::strings(methods))
                .set("cached_methods", tf::strings(["GET", "HEAD"]))
                .set("compress", true)
                .set("cache_policy_id", tf::expr(&format!("data.aws_cloudfront_cache_policy.{policy}.id")))
                .set_if(
                    !is_bucket,
                    "origin_request_policy_id",
                    tf::expr("data.aws_cloudfront_origin_request_policy.all_viewer_except_host_header.id"),
                )
                .set(
                    "response_headers_policy_id",
                    tf::expr("data.aws_cloudfront_response_headers_policy.security_headers.id"),
                )
        };
        if path == "*" && default_behavior.is_none() {
            default_behavior = Some(behavior("default_cache_behavior"));
        } else {
            ordered.push(behavior("ordered_cache_behavior"));
        }
    }
    if let Some(b) = default_behavior {
        dist = dist.block(b);
    }
    dist = dist.blocks(ordered);
    if res.attr("spa_fallback").as_bool() == Some(true) {
        for code in [403, 404] {
            dist = dist.block(
                Blk::new("custom_error_response", &[])
                    .set("error_code", code)
                    .set("response_code", 200)
                    .set("response_page_path", tf::string("/index.html"))
                    .set("error_caching_min_ttl", 10),
            );
        }
    }
    dist = dist.block(
        Blk::new("restrictions", &[])
            .block(Blk::new("geo_restriction", &[]).set("restriction_type", tf::string("none"))),
    );
    let viewer = match (aliases_list.is_empty(), zone) {
        (false, Some(zone)) => {
            let cert = certificate(l, res, FILE, &format!("{id}_cdn"), &aliases_list, zone, us_east_1.clone());
            Blk::new("viewer_certificate", &[])
                .set("acm_certificate_arn", cert)
                .set("ssl_support_method", tf::string("sni-only"))
                .set("minimum_protocol_version", tf::string(super::text(res.attr("min_tls"))))
        }
        _ => Blk::new("viewer_certificate", &[])
            .set("cloudfront_default_certificate", true)
            .set("minimum_protocol_version", tf::string("TLSv1")),
    };
    dist = dist.block(viewer);
    if res.attr("access_logs").as_bool() == Some(true) {
        let bucket = log_bucket(l);
        dist = dist.block(
            Blk::new("logging_config", &[])
                .set("bucket", tf::expr(&format!("aws_s3_bucket.{bucket}.bucket_domain_name")))
                .set("prefix", tf::string(format!("cloudfront/{name}/")))
                .set("include_cookies", false),
        );
    }
    if res.attr("waf").as_bool() == Some(true) {
        let acl = web_acl(
            l,
            res,
            &format!("{id}_cdn"),
            "CLOUDFRONT",
            us_east_1.clone(),
            &["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAnonymousIpList"],
        );
        dist = dist.set("web_acl_id", acl);
    }
    l.add(FILE, dist.set("tags", l.tags(res, &name)));
    if let (false, Some(zone)) = (aliases_list.is_empty(), zone) {
        // CloudFront's hosted zone ID is the same for every distribution.
        aliases(
            l,
            FILE,
            &id,
            &aliases_list,
            zone,
            (
                &format!("aws_cloudfront_distribution.{id}.domain_name"),
                &format!("aws_cloudfront_distribution.{id}.hosted_zone_id"),
            ),
            false,
        );
    }
    let _ = num;
}
