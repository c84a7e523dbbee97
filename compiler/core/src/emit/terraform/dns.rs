//! dns_zone → a Route 53 hosted zone and its records; alias records and ACM DNS validation for
//! load balancers and CDNs that name the zone.

use hcl::Expression;

use super::{seconds, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "dns";

pub fn zone(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let domain = super::text(res.attr("domain"));
    let private = res.attr("private").as_bool() == Some(true);
    let network = l.referenced(res, "network");
    let mut zone = Blk::resource("aws_route53_zone", &id)
        .comments(l.skips(res))
        .set("name", tf::string(domain.clone()))
        .set("comment", tf::string(format!("{} ({}, managed by stackc)", res.address, l.env.name)));
    if let (true, Some(net)) = (private, network) {
        zone = zone.block(Blk::new("vpc", &[]).set("vpc_id", tf::expr(&format!("aws_vpc.{}.id", tf_id(net)))));
    }
    l.add(FILE, zone.set("tags", l.tags(res, &domain)));
    for record in res.blocks("record") {
        let label = record.label.clone().unwrap_or_default().replace('-', "_");
        let name = super::text(record.attr("name"));
        let fqdn = if name.is_empty() { domain.clone() } else { format!("{name}.{domain}") };
        let values: Vec<String> = match record.attr("values") {
            Value::List(items) => items.iter().map(super::text).collect(),
            _ => Vec::new(),
        };
        l.add(
            FILE,
            Blk::resource("aws_route53_record", &format!("{id}_{label}"))
                .set("zone_id", tf::expr(&format!("aws_route53_zone.{id}.zone_id")))
                .set("name", tf::string(fqdn))
                .set("type", tf::string(super::text(record.attr("type"))))
                .set("ttl", seconds(record.attr("ttl")))
                .set("records", tf::strings(&values)),
        );
    }
}

/// An ACM certificate for `domains`, validated through DNS records in `zone`; returns the
/// expression of the validated certificate's ARN.
pub fn certificate(
    l: &mut Lowerer,
    res: &Resource,
    file: &'static str,
    id: &str,
    domains: &[String],
    zone: &Resource,
    provider: Option<Expression>,
) -> Expression {
    let zid = tf_id(zone);
    let with = |b: Blk| match &provider {
        Some(p) => b.set("provider", p.clone()),
        None => b,
    };
    l.add(
        file,
        with(Blk::resource("aws_acm_certificate", id))
            .set("domain_name", tf::string(domains[0].clone()))
            .set_if(domains.len() > 1, "subject_alternative_names", tf::strings(&domains[1..]))
            .set("validation_method", tf::string("DNS"))
            .set("tags", l.tags(res, &domains[0]))
            .block(Blk::new("lifecycle", &[]).set("create_before_destroy", true)),
    );
    l.add(
        file,
        Blk::resource("aws_route53_record", &format!("{id}_validation"))
            .set("count", domains.len())
            .set("zone_id", tf::expr(&format!("aws_route53_zone.{zid}.zone_id")))
            .set(
                "name",
                tf::expr(&format!(
                    "tolist(aws_acm_certificate.{id}.domain_validation_options)[count.index].resource_record_name"
                )),
            )
            .set(
                "type",
                tf::expr(&format!(
                    "tolist(aws_acm_certificate.{id}.domain_validation_options)[count.index].resource_record_type"
                )),
            )
            .set(
                "records",
                tf::expr(&format!(
                    "[tolist(aws_acm_certificate.{id}.domain_validation_options)[count.index].resource_record_value]"
                )),
            )
            .set("ttl", 300)
            .set("allow_overwrite", true),
    );
    l.add(
        file,
        with(Blk::resource("aws_acm_certificate_validation", id))
            .set("certificate_arn", tf::expr(&format!("aws_acm_certificate.{id}.arn")))
            .set("validation_record_fqdns", tf::expr(&format!("aws_route53_record.{id}_validation[*].fqdn"))),
    );
    tf::expr(&format!("aws_acm_certificate_validation.{id}.certificate_arn"))
}

/// A and AAAA alias records for `domains` in `zone`, pointing at `target` (dns name, zone id).
pub fn aliases(
    l: &mut Lowerer,
    file: &'static str,
    id: &str,
    domains: &[String],
    zone: &Resource,
    target: (&str, &str),
    evaluate_health: bool,
) {
    let zid = tf_id(zone);
    for record_type in ["A", "AAAA"] {
        l.add(
            file,
            Blk::resource("aws_route53_record", &format!("{id}_{}", record_type.to_lowercase()))
                .set("for_each", tf::call("toset", [tf::strings(domains)]))
                .set("zone_id", tf::expr(&format!("aws_route53_zone.{zid}.zone_id")))
                .set("name", tf::expr("each.value"))
                .set("type", tf::string(record_type))
                .block(
                    Blk::new("alias", &[])
                        .set("name", tf::expr(target.0))
                        .set("zone_id", tf::expr(target.1))
                        .set("evaluate_target_health", evaluate_health),
                ),
        );
    }
}
