//! dns_zone → a Route 53 hosted zone and its records; alias records and ACM DNS validation for the
//! load balancers and CDNs that name the zone.

use hcl::Expression;

use super::shared::in_region;
use super::tf::{self, Blk, Handle};
use super::{tf_id, Lowerer};
use crate::graph::Resource;
use crate::kinds::dns_zone::{DnsZone, Output};
use crate::kinds::{require_all, ViewError};

const FILE: &str = "dns";

/// The hosted zone of a stack dns_zone.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_route53_zone", tf_id(res))
}

pub fn output(z: &DnsZone, output: Output) -> Expression {
    let zone = handle(z.resource);
    match output {
        Output::ZoneId => zone.attr("zone_id"),
        Output::NameServers => zone.attr("name_servers"),
        Output::Arn => zone.attr("arn"),
    }
}

pub fn lower(l: &mut Lowerer, z: &DnsZone) -> Result<(), ViewError> {
    let res = z.resource;
    let id = tf_id(res);
    let domain = z.domain.require(res, "domain")?;
    let mut block = Blk::of(&handle(res))
        .comments(l.skips(res))
        .set("name", tf::string(domain))
        .set("comment", tf::string(format!("{} ({}, managed by stackc)", res.address, l.env.name)));
    if let (true, Some(net)) = (z.private, z.network) {
        let net = l.get(net)?;
        block = block.block(Blk::new("vpc", &[]).set("vpc_id", super::network::vpc(net.resource).attr("id")));
    }
    let zone = l.add(FILE, block.set("tags", l.tags(res, domain)));
    if let Some(parent) = z.delegate_from.map(|p| p.require(res, "delegate_from")).transpose()? {
        let parent_zone = l.add(
            FILE,
            Blk::data("aws_route53_zone", &format!("{id}_parent"))
                .set("name", tf::string(parent))
                .set("private_zone", false),
        );
        l.add(
            FILE,
            Blk::of(&delegation(res))
                .set("zone_id", parent_zone.attr("zone_id"))
                .set("name", tf::string(domain))
                .set("type", tf::string("NS"))
                // An hour: an environment's zone may be recreated (with new name servers), and
                // resolvers should not keep the old delegation for days.
                .set("ttl", 3600)
                .set("records", zone.attr("name_servers")),
        );
    }
    for record in &z.record {
        let label = record.label.replace('-', "_");
        let name = record.name.require(res, "record.name")?;
        let fqdn = if name.is_empty() { domain.to_owned() } else { format!("{name}.{domain}") };
        let values = require_all(&record.values, res, "record.values")?;
        l.add(
            FILE,
            Blk::resource("aws_route53_record", &format!("{id}_{label}"))
                .set("zone_id", zone.attr("zone_id"))
                .set("name", tf::string(fqdn))
                .set("type", tf::string(record.r#type.as_str()))
                .set("ttl", record.ttl.seconds())
                .set("records", tf::strings(values)),
        );
    }
    Ok(())
}

/// The NS record that delegates a zone from its parent (`delegate_from`).
fn delegation(zone: &Resource) -> Handle {
    Handle::resource("aws_route53_record", format!("{}_delegation", tf_id(zone)))
}

/// What must exist before records in `zone` are visible to the internet: its delegation, when stackc
/// writes it.
fn delegated(zone: &Resource) -> Vec<Expression> {
    match zone.attr("delegate_from") {
        crate::value::Value::String(_) => vec![delegation(zone).expr()],
        _ => Vec::new(),
    }
}

/// An ACM certificate for `domains`, validated through DNS records in `zone`; returns the expression
/// of the validated certificate's ARN.
pub fn certificate(
    l: &mut Lowerer,
    res: &Resource,
    file: &'static str,
    id: &str,
    domains: &[&str],
    zone: &Resource,
    provider: Option<&Expression>,
) -> Expression {
    let wait_for = delegated(zone);
    let zone = handle(zone);
    let (first, rest) = match domains.split_first() {
        Some((first, rest)) => (*first, rest),
        None => ("", &[][..]),
    };
    let cert = l.add(
        file,
        in_region(Blk::resource("aws_acm_certificate", id), provider)
            .set("domain_name", tf::string(first))
            .set_if(!rest.is_empty(), "subject_alternative_names", tf::strings(rest))
            .set("validation_method", tf::string("DNS"))
            .set("tags", l.tags(res, first))
            .block(Blk::new("lifecycle", &[]).set("create_before_destroy", true)),
    );
    let option = |field: &str| {
        tf::traverse(tf::call("tolist", [cert.attr("domain_validation_options")]))
            .index(tf::count_index())
            .attr(field)
            .build()
            .into()
    };
    let records = l.add(
        file,
        Blk::resource("aws_route53_record", &format!("{id}_validation"))
            .set("count", domains.len())
            .set("zone_id", zone.attr("zone_id"))
            .set("name", option("resource_record_name"))
            .set("type", option("resource_record_type"))
            .set("records", tf::list([option("resource_record_value")]))
            .set("ttl", 300)
            .set("allow_overwrite", true),
    );
    let validation = l.add(
        file,
        in_region(Blk::resource("aws_acm_certificate_validation", id), provider)
            .set("certificate_arn", cert.attr("arn"))
            .set("validation_record_fqdns", records.splat("fqdn"))
            // A zone nobody delegates never validates: fail within the half hour rather than the
            // provider's 75 minutes (docs/terraform.md, "First apply", delegates the zone first).
            .block(Blk::new("timeouts", &[]).set("create", tf::string("30m")))
            .set_if(!wait_for.is_empty(), "depends_on", tf::list(wait_for)),
    );
    validation.attr("certificate_arn")
}

/// What alias records point at.
pub struct AliasTarget {
    pub dns_name: Expression,
    pub zone_id: Expression,
    /// Whether Route 53 answers with the target only while it is healthy.
    pub evaluate_health: bool,
    /// Whether the target answers over IPv6 too (then AAAA records are written beside the A ones).
    pub ipv6: bool,
}

/// Alias records for `domains` in `zone`, pointing at `target`.
pub fn aliases(l: &mut Lowerer, file: &'static str, id: &str, domains: &[&str], zone: &Resource, target: AliasTarget) {
    let zone = handle(zone);
    let types: &[&str] = if target.ipv6 { &["A", "AAAA"] } else { &["A"] };
    for &record_type in types {
        l.add(
            file,
            Blk::resource("aws_route53_record", &format!("{id}_{}", record_type.to_lowercase()))
                .set("for_each", tf::call("toset", [tf::strings(domains)]))
                .set("zone_id", zone.attr("zone_id"))
                .set("name", tf::each_value())
                .set("type", tf::string(record_type))
                .block(
                    Blk::new("alias", &[])
                        .set("name", target.dns_name.clone())
                        .set("zone_id", target.zone_id.clone())
                        .set("evaluate_target_health", target.evaluate_health),
                ),
        );
    }
}
