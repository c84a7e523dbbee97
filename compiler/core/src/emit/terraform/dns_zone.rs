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
            .set("validation_record_fqdns", records.splat("fqdn")),
    );
    validation.attr("certificate_arn")
}

/// A and AAAA alias records for `domains` in `zone`, pointing at `target` (DNS name, zone id).
pub fn aliases(
    l: &mut Lowerer,
    file: &'static str,
    id: &str,
    domains: &[&str],
    zone: &Resource,
    target: (Expression, Expression),
    evaluate_health: bool,
) {
    let zone = handle(zone);
    for record_type in ["A", "AAAA"] {
        l.add(
            file,
            Blk::resource("aws_route53_record", &format!("{id}_{}", record_type.to_lowercase()))
                .set("for_each", tf::call("toset", [tf::strings(domains)]))
                .set("zone_id", zone.attr("zone_id"))
                .set("name", tf::each_value())
                .set("type", tf::string(record_type))
                .block(
                    Blk::new("alias", &[])
                        .set("name", target.0.clone())
                        .set("zone_id", target.1.clone())
                        .set("evaluate_target_health", evaluate_health),
                ),
        );
    }
}
