//! What AWS would reject in the lowered Terraform, found on the graph before anything is lowered: zone
//! counts and subnet sizes, derived S3 bucket names, replica regions, HTTPS names without a zone for
//! their certificate.
//! Runs in every compilation, so `stackc check` and the editor report these too.

use stackc_syntax::{Code, Diagnostic};

use crate::domain;
use crate::graph::EnvGraph;
use crate::value::Value;

pub fn run(env: &EnvGraph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let zone_letters = domain::zone_names(&env.region);
    // us-west-1 shows each account two of its three zones.
    let usable = if env.region == "us-west-1" { 2 } else { zone_letters.len() };
    for net in env.of_kind("network") {
        let zones = net.attr("zones").as_number().unwrap_or(0.0);
        let bits = net.attr("subnet_bits").as_number().unwrap_or(0.0);
        let span = net.attr_span("zones");
        if zones < 1.0 || zones.fract() != 0.0 || zones > usable as f64 {
            out.push(
                Diagnostic::error(
                    Code::E0701,
                    format!("network `{}` cannot span {} zones in {}", net.name, zones, env.region),
                )
                .primary(span, format!("{} offers {usable} availability zones to a new account", env.region))
                .help(format!("use between 1 and {usable} zones")),
            );
            continue;
        }
        let Value::Cidr(cidr) = net.attr("cidr") else { continue };
        let prefix = f64::from(cidr.prefix()) + bits;
        if bits < 1.0 || bits.fract() != 0.0 || prefix > 28.0 || 2.0 * zones > 2f64.powf(bits) {
            out.push(
                Diagnostic::error(
                    Code::E0701,
                    format!("{} zones need {} subnets, which do not fit in {cidr} with subnet_bits = {bits}", zones, 2.0 * zones),
                )
                .primary(span, "one public and one private subnet per zone")
                .secondary(net.attr_span("subnet_bits"), "each subnet takes this many bits of the VPC prefix")
                .help("AWS subnets are at most /28: raise subnet_bits (within that limit), widen the VPC CIDR, or use fewer zones"),
            );
        }
    }
    // Bucket names are global and at most 63 characters: <stack>-<env>-<name>-<12-digit account>.
    for bucket in env.of_kind("bucket") {
        let len = env.stack.name.len() + env.name.len() + bucket.qualified_name().len() + 2 + 13;
        if len > 63 {
            out.push(
                Diagnostic::error(
                    Code::E0702,
                    format!("the S3 bucket name for `{}` would be {len} characters", bucket.address),
                )
                .primary(bucket.span, "S3 bucket names are at most 63 characters")
                .note(format!(
                    "stackc names it {}-{}-{}-<account id>",
                    env.stack.name,
                    env.name,
                    bucket.qualified_name()
                ))
                .help("shorten the bucket's name (or the stack's or environment's)"),
            );
        }
    }
    // A replica goes to another region AWS has (its provider alias is named after it).
    for bucket in env.of_kind("bucket") {
        let Some(region) = bucket.attr("replica_region").as_str() else { continue };
        if domain::is_known_region(region) {
            continue;
        }
        let help = crate::suggest::did_you_mean(region, domain::regions().iter().copied())
            .unwrap_or_else(|| format!("regions: {}", domain::regions().join(", ")));
        out.push(
            Diagnostic::error(Code::E0118, format!("unknown region `{region}`"))
                .primary(bucket.attr_span("replica_region"), "the replica's region is not an AWS region stackc knows")
                .help(help),
        );
    }
    for (kind, attr) in [("load_balancer", "domains"), ("cdn", "aliases")] {
        for res in env.of_kind(kind) {
            let names = res.attr(attr).as_list().map_or(0, <[Value]>::len);
            if names > 0 && res.attr("zone").is_null() {
                out.push(
                    Diagnostic::error(
                        Code::E0703,
                        format!(
                            "`{}` serves HTTPS for {attr} but has no zone to validate its certificate",
                            res.address
                        ),
                    )
                    .primary(res.attr_span(attr), "ACM validates these names through DNS records")
                    .help("set `zone` to the dns_zone that holds these names"),
                );
            }
        }
    }
    out
}
