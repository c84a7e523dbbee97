//! cdn → CloudFront with origin access control for bucket origins, AWS managed cache, origin-request
//! and security-headers policies, a us-east-1 certificate, standard logging and WAF.

use hcl::Expression;

use super::dns_zone::{aliases, certificate, AliasTarget};
use super::shared::{kms_for, log_bucket, log_bucket_ready, region_provider, truncate, KeyUse};
use super::tf::{self, Blk, Handle};
use super::{tf_id, Lowerer};
use crate::graph::Resource;
use crate::kinds::cdn::{Cache, Cdn, Output};
use crate::kinds::{require_all, ViewError};

const FILE: &str = "edge";

/// The distribution of a stack cdn.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_cloudfront_distribution", tf_id(res))
}

pub fn output(c: &Cdn, output: Output) -> Expression {
    let dist = handle(c.resource);
    match output {
        Output::DomainName => dist.attr("domain_name"),
        Output::Id => dist.attr("id"),
        Output::Arn => dist.attr("arn"),
    }
}

/// The AWS managed cache policy of an origin.
fn cache_policy(l: &mut Lowerer, cache: Cache) -> Result<Handle, ViewError> {
    let (name, managed) = match cache {
        Cache::Optimized => ("caching_optimized", "Managed-CachingOptimized"),
        Cache::Disabled => ("caching_disabled", "Managed-CachingDisabled"),
        Cache::OriginHeaders => ("use_origin_cache_control_headers", "UseOriginCacheControlHeaders"),
    };
    let handle = Handle::data("aws_cloudfront_cache_policy", name);
    let block = Blk::of(&handle).set("name", tf::string(managed));
    l.once(&format!("cache-policy-{name}"), |l| {
        l.add(FILE, block);
        Ok(())
    })?;
    Ok(handle)
}

/// A managed policy every distribution shares, looked up by name once.
fn managed(l: &mut Lowerer, ty: &str, name: &str, managed: &str) -> Result<Handle, ViewError> {
    let handle = Handle::data(ty, name);
    let block = Blk::of(&handle).set("name", tf::string(managed));
    l.once(&format!("{ty}-{name}"), |l| {
        l.add(FILE, block);
        Ok(())
    })?;
    Ok(handle)
}

pub fn lower(l: &mut Lowerer, c: &Cdn) -> Result<(), ViewError> {
    let res = c.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let alias_names = require_all(&c.aliases, res, "aliases")?;
    let zone = c.zone.map(|z| l.get(z)).transpose()?;
    let us_east_1 = if l.env.region == "us-east-1" { None } else { Some(region_provider(l, "us-east-1")) };

    // Looked up in this order whether or not an origin uses them, as the Terraform has always listed them.
    for cache in [Cache::Optimized, Cache::Disabled, Cache::OriginHeaders] {
        cache_policy(l, cache)?;
    }
    let origin_request = managed(
        l,
        "aws_cloudfront_origin_request_policy",
        "all_viewer_except_host_header",
        "Managed-AllViewerExceptHostHeader",
    )?;
    let security_headers =
        managed(l, "aws_cloudfront_response_headers_policy", "security_headers", "Managed-SecurityHeadersPolicy")?;

    let has_bucket = c.origin.iter().any(|o| o.bucket.is_some());
    let oac = Handle::resource("aws_cloudfront_origin_access_control", id.clone());
    if has_bucket {
        l.add(
            FILE,
            Blk::of(&oac)
                .set("name", tf::string(truncate(&name, 64)))
                .set("description", tf::string(format!("S3 origins of {}", res.address)))
                .set("origin_access_control_origin_type", tf::string("s3"))
                .set("signing_behavior", tf::string("always"))
                .set("signing_protocol", tf::string("sigv4")),
        );
    }

    let mut dist = Blk::of(&handle(res))
        .comments(l.skips(res))
        .set("enabled", true)
        .set("is_ipv6_enabled", true)
        .set("http_version", tf::string("http2and3"))
        .set("comment", tf::string(format!("{} ({})", res.address, l.env.name)))
        .set("price_class", tf::string(c.price_class.as_str()))
        .set_opt("default_root_object", c.default_root_object.map(|o| l.text(o)).transpose()?)
        .set_if(!alias_names.is_empty(), "aliases", tf::strings(&alias_names));

    let mut default_behavior = None;
    let mut ordered = Vec::new();
    for origin in &c.origin {
        let label = origin.label;
        let mut o = Blk::new("origin", &[]).set("origin_id", tf::string(label));
        let is_bucket = origin.bucket.is_some();
        if let Some(bucket) = origin.bucket {
            let bucket = l.get(bucket)?;
            if bucket.encryption == crate::kinds::bucket::Encryption::Kms {
                // Origin access control reads the objects as CloudFront, which the key must admit.
                kms_for(l, None, Some(KeyUse::CloudFrontOrigins))?;
            }
            o = o
                .set("domain_name", super::bucket::handle(bucket.resource).attr("bucket_regional_domain_name"))
                .set("origin_access_control_id", oac.attr("id"));
        } else if let Some(lb) = origin.load_balancer {
            let lb = l.get(lb)?;
            let lb_domains = require_all(&lb.domains, lb.resource, "domains")?;
            let domain = match lb_domains.first() {
                Some(d) => tf::string(*d),
                None => super::load_balancer::handle(lb.resource).attr("dns_name"),
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
        let policy = cache_policy(l, origin.cache)?;
        let methods: &[&str] = if is_bucket {
            &["GET", "HEAD", "OPTIONS"]
        } else {
            &["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
        };
        let path = origin.path.require(res, "origin.path")?;
        let behavior = |ident: &'static str| {
            let mut b = Blk::new(ident, &[]);
            if ident == "ordered_cache_behavior" {
                b = b.set("path_pattern", tf::string(path));
            }
            b.set("target_origin_id", tf::string(label))
                .set("viewer_protocol_policy", tf::string("redirect-to-https"))
                .set("allowed_methods", tf::strings(methods))
                .set("cached_methods", tf::strings(["GET", "HEAD"]))
                .set("compress", true)
                .set("cache_policy_id", policy.attr("id"))
                .set_if(!is_bucket, "origin_request_policy_id", origin_request.attr("id"))
                .set("response_headers_policy_id", security_headers.attr("id"))
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
    if c.spa_fallback {
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
    let viewer = match (alias_names.is_empty(), &zone) {
        (false, Some(zone)) => {
            let cert = certificate(l, res, FILE, &format!("{id}_cdn"), &alias_names, zone.resource, us_east_1.as_ref());
            Blk::new("viewer_certificate", &[])
                .set("acm_certificate_arn", cert)
                .set("ssl_support_method", tf::string("sni-only"))
                .set("minimum_protocol_version", tf::string(c.min_tls.as_str()))
        }
        _ => Blk::new("viewer_certificate", &[])
            .set("cloudfront_default_certificate", true)
            .set("minimum_protocol_version", tf::string("TLSv1")),
    };
    dist = dist.block(viewer);
    if c.access_logs {
        let bucket = log_bucket(l)?;
        dist = dist.block(
            Blk::new("logging_config", &[])
                .set("bucket", bucket.attr("bucket_domain_name"))
                .set("prefix", tf::string(format!("cloudfront/{name}/")))
                .set("include_cookies", false),
        );
    }
    if c.waf {
        let acl = super::waf::web_acl(
            l,
            res,
            &format!("{id}_cdn"),
            "CLOUDFRONT",
            us_east_1.as_ref(),
            super::waf::CDN_RULE_GROUPS,
        )?;
        dist = dist.set("web_acl_id", acl);
    }
    let dist = dist.set("tags", l.tags(res, &name));
    let dist = l.add(FILE, if c.access_logs { dist.set("depends_on", tf::list(log_bucket_ready())) } else { dist });
    if let (false, Some(zone)) = (alias_names.is_empty(), &zone) {
        // CloudFront's hosted zone ID is the same for every distribution.
        aliases(
            l,
            FILE,
            &id,
            &alias_names,
            zone.resource,
            AliasTarget {
                dns_name: dist.attr("domain_name"),
                zone_id: dist.attr("hosted_zone_id"),
                evaluate_health: false,
                ipv6: true, // is_ipv6_enabled
            },
        );
    }
    Ok(())
}
