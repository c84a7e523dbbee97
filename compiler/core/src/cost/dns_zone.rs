//! A Route 53 hosted zone: the zone by the month and its standard queries (`dns_queries_million`).

use super::Pricer;
use crate::kinds::dns_zone::DnsZone;

pub(super) fn price(p: &mut Pricer<'_>, _z: &DnsZone<'_>) {
    p.unit("hosted zone", "route53.zone", 1.0).bills("aws_route53_zone", 1);
    let queries = p.usage.get("dns_queries_million");
    p.unit("queries", "route53.queries", queries).assumed("dns_queries_million");
}
