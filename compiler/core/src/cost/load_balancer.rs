//! An Application Load Balancer: hours, capacity units (`lb_lcu`), a public IPv4 address per zone when
//! internet-facing, its WAF web ACL (with the lowering's rule groups) and the Route 53 health check
//! the lowering adds for a domain not fronted by a CDN (HTTPS: one optional feature).

use super::{shared::web_acl, Pricer, HOURS_PER_MONTH};
use crate::emit::terraform::WAF_LOAD_BALANCER_RULE_GROUPS;
use crate::graph::EnvGraph;
use crate::kinds::load_balancer::LoadBalancer;
use crate::kinds::ViewError;

pub(super) fn price(p: &mut Pricer<'_>, env: &EnvGraph, lb: &LoadBalancer<'_>) -> Result<(), ViewError> {
    p.unit("load balancer", "elb.alb", HOURS_PER_MONTH).bills("aws_lb", 1);
    let lcu = p.usage.get("lb_lcu");
    p.unit("capacity units", "elb.lcu", lcu * HOURS_PER_MONTH).assumed("lb_lcu");
    if !lb.internal {
        let zones = lb.network.resolve(env)?.zones.max(0) as f64;
        p.unit(format!("{zones} public IPv4 address(es), one per zone"), "vpc.public_ipv4", zones * HOURS_PER_MONTH);
    }
    if lb.waf {
        web_acl(p, env, WAF_LOAD_BALANCER_RULE_GROUPS.len(), None)?;
    }
    if !crate::bridge::fronted_by_cdn(env, lb.resource) && lb.zone.is_some() && !lb.domains.is_empty() {
        p.unit("Route 53 health check", "route53.health_check", 1.0).bills("aws_route53_health_check", 1);
        p.unit("Route 53 health check: HTTPS", "route53.health_check_option", 1.0);
    }
    Ok(())
}
