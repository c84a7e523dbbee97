//! A network: its NAT gateways (by the hour, each with a public IPv4 address, plus the data they
//! process), interface VPC endpoints (per endpoint per zone by the hour, plus data; gateway endpoints
//! are free) and flow logs in CloudWatch Logs. How many gateways and which endpoints come from the
//! functions the lowering uses.

use super::{shared::log_group, Pricer, HOURS_PER_MONTH};
use crate::emit::terraform::log_retention_days;
use crate::kinds::network::Network;

pub(super) fn price(p: &mut Pricer<'_>, n: &Network<'_>) {
    let gateways = n.nat_gateways();
    if gateways > 0 {
        let g = gateways as f64;
        p.unit(format!("{g} NAT gateway(s)"), "vpc.nat_gateway", g * HOURS_PER_MONTH)
            .bills("aws_nat_gateway", gateways);
        p.unit(format!("{g} NAT gateway public IPv4 address(es)"), "vpc.public_ipv4", g * HOURS_PER_MONTH)
            .bills("aws_eip", gateways);
        let gb = p.usage.get("nat_data_gb");
        p.unit("NAT data processed", "vpc.nat_data", gb).assumed("nat_data_gb");
    }
    let endpoints = n.interface_endpoints();
    if !endpoints.is_empty() {
        let count = endpoints.len() as u64;
        let zones = n.zones.max(0) as f64;
        p.unit(
            format!(
                "{count} interface endpoint(s) ({}) × {zones} zone(s)",
                endpoints.iter().map(|(_, service)| *service).collect::<Vec<_>>().join(", ")
            ),
            "vpc.interface_endpoint",
            count as f64 * zones * HOURS_PER_MONTH,
        )
        .bills("aws_vpc_endpoint", count);
        let gb = p.usage.get("endpoint_data_gb");
        p.unit("interface endpoint data processed", "vpc.endpoint_data", gb).assumed("endpoint_data_gb");
    }
    if n.flow_logs {
        let gb = p.usage.get("flow_logs_gb");
        log_group(p, "flow logs", gb, "flow_logs_gb", log_retention_days(n.flow_logs_retention), None);
    }
}
