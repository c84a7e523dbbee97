//! What AWS would reject in the lowered Terraform, found on the graph before anything is lowered: zone
//! counts and subnet sizes, derived S3 bucket names, replica regions, HTTPS names without a zone for
//! their certificate.
//! Runs in every compilation, so `stackc check` and the editor report these too.

use stackc_syntax::{Code, Diagnostic};

use crate::domain;
use std::collections::BTreeMap;

use crate::graph::{EnvGraph, Resource};
use crate::value::Value;

/// AWS subnets are between /16 and /28; the smallest is the limit here.
const SMALLEST_SUBNET: u32 = 28;

/// One public and one private subnet per zone, each `subnet_bits` longer than the VPC prefix: the
/// finding points at the attribute to change and says the value that works.
fn subnets_do_not_fit(net: &Resource, prefix: u8, cidr: &domain::Cidr, zones: u32, bits: u32) -> Option<Diagnostic> {
    let prefix = u32::from(prefix);
    let subnets = 2 * zones;
    // The fewest bits that make room for every subnet, and the most that keep them /28 or larger.
    let needed = subnets.next_power_of_two().trailing_zeros();
    let most = SMALLEST_SUBNET.saturating_sub(prefix);
    let enough = bits >= needed && bits <= 31 && 1u64 << bits >= u64::from(subnets);
    let large_enough = prefix + bits <= SMALLEST_SUBNET;
    if enough && large_enough {
        return None;
    }
    let zones_span = net.attr_span("zones");
    let bits_span = net.attr_span("subnet_bits");
    let d = if needed > most {
        // No subnet_bits works: the VPC is too small for this many zones.
        let fit = (1u32 << most) / 2;
        let widest = SMALLEST_SUBNET - needed;
        Diagnostic::error(Code::E0701, format!("{zones} zones need {subnets} subnets, which do not fit in {cidr}"))
            .primary(net.attr_span("cidr"), format!("a /{prefix} holds at most {} subnets of /28", 1u32 << most))
            .secondary(zones_span, "one public and one private subnet per zone")
            .help(format!(
                "widen the VPC to a /{widest} or larger (AWS subnets are at most /28){}",
                if fit >= 1 {
                    format!(", or use at most {fit} zone{}", if fit == 1 { "" } else { "s" })
                } else {
                    String::new()
                }
            ))
    } else if !enough {
        Diagnostic::error(
            Code::E0701,
            format!("{zones} zones need {subnets} subnets; subnet_bits = {bits} makes {}", 1u64 << bits.min(31)),
        )
        .primary(bits_span, format!("{bits} bits split {cidr} into {} subnets", 1u64 << bits.min(31)))
        .secondary(zones_span, "one public and one private subnet per zone")
        .help(format!(
            "set `subnet_bits = {needed}` ({} subnets of /{}){}",
            1u32 << needed,
            prefix + needed,
            if needed < most { format!("; values up to {most} also fit") } else { String::new() }
        ))
    } else {
        Diagnostic::error(Code::E0701, format!("subnets of /{} are smaller than AWS allows", prefix + bits))
            .primary(
                bits_span,
                format!("{cidr} plus {bits} bits makes /{} subnets; AWS subnets are at most /28", prefix + bits),
            )
            .help(format!("set `subnet_bits` between {needed} and {most}"))
    };
    Some(d)
}

pub fn run(env: &EnvGraph) -> Vec<Diagnostic> {
    let mut out = collisions(env);
    let usable = domain::usable_zones(&env.region);
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
        if !(1.0..=31.0).contains(&bits) || bits.fract() != 0.0 {
            continue; // outside subnet_bits' declared range, reported as E0420
        }
        if let Some(d) = subnets_do_not_fit(net, cidr.prefix(), cidr, zones as u32, bits as u32) {
            out.push(d);
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
    // A load balancer in front of a cluster needs nodes to send traffic to.
    for lb in env.of_kind("load_balancer") {
        let Value::Ref(cluster) = lb.attr("cluster") else { continue };
        let Some(cluster) = env.get(cluster) else { continue };
        let pools = cluster.blocks("node_pool");
        let serving = pools.iter().any(|p| match p.attr("ingress") {
            Value::Bool(b) => *b,
            _ => {
                p.attr("taints").as_list().is_none_or(<[Value]>::is_empty)
                    && p.attr("capacity").as_str() == Some("on_demand")
            }
        });
        if !pools.is_empty() && !serving {
            out.push(
                Diagnostic::error(
                    Code::E0701,
                    format!("`{}` has no node pool of `{}` to send traffic to", lb.address, cluster.address),
                )
                .primary(lb.attr_span("cluster"), "its target group takes the pools that serve ingress")
                .secondary(cluster.span, "every pool here is tainted, Spot, or has `ingress = false`")
                .help("set `ingress = true` on the node pool the ingress controller runs on"),
            );
        }
    }
    out
}

/// AWS names stackc derives must be unique where AWS needs them unique (E0704): in each namespace, no
/// two resources of the environment may get the same name, and none may take the name of stackc's own
/// access-log bucket. Names come from [`bridge`], which the Terraform target uses too.
fn collisions<'a>(env: &'a EnvGraph) -> Vec<Diagnostic> {
    use crate::bridge::{self, Namespace};
    let mut out = Vec::new();
    let mut taken: BTreeMap<(Namespace, String), (&'a Resource, String)> = BTreeMap::new();
    let logs_on = env.resources().iter().any(|r| {
        matches!(r.kind.name.as_str(), "bucket" | "cdn" | "load_balancer")
            && r.attr("access_logs").as_bool() == Some(true)
    });
    // Names are shown with the environment as a placeholder, so one collision is one report for all
    // environments it occurs in.
    let shown = |name: &str| {
        name.replacen(&format!("{}-{}-", env.stack.name, env.name), &format!("{}-<environment>-", env.stack.name), 1)
    };
    let mut claim =
        |ns: Namespace, name: String, res: &'a Resource, what: String, out: &mut Vec<Diagnostic>| match taken
            .get(&(ns, name.clone()))
        {
            Some((first, first_what)) if first.address != res.address || *first_what != what => {
                out.push(
                    Diagnostic::error(Code::E0704, format!("two {}s would be named `{}`", ns.describe(), shown(&name)))
                        .primary(res.span, format!("{what} of `{}`", res.address))
                        .secondary(first.span, format!("{first_what} of `{}`", first.address))
                        .help("rename one of the resources"),
                );
            }
            Some(_) => {}
            None => {
                taken.insert((ns, name), (res, what));
            }
        };
    // Resources of one kind named alike through module instances (`a-b` and `b` in module `a`) get the
    // same name everywhere.
    for res in env.resources() {
        let ns = match res.kind.name.as_str() {
            "bucket" => Namespace::S3Bucket,
            "queue" => Namespace::SqsQueue,
            "topic" => Namespace::SnsTopic,
            "database" => Namespace::RdsInstance,
            "cluster" => Namespace::EksCluster,
            "secret" => Namespace::SecretsManager,
            _ => continue,
        };
        match ns {
            Namespace::S3Bucket => {
                claim(ns, bridge::bucket_name(env, res), res, "the bucket".into(), &mut out);
                if let Some(region) = res.attr("replica_region").as_str() {
                    claim(
                        ns,
                        bridge::replica_bucket_name(env, res, region),
                        res,
                        format!("the replica in {region}"),
                        &mut out,
                    );
                }
            }
            Namespace::SqsQueue => {
                claim(ns, bridge::physical_name(env, res), res, "the queue".into(), &mut out);
                if res.attr("max_receive_count").as_number().is_some_and(|n| n > 0.0) {
                    claim(ns, bridge::dead_letter_queue_name(env, res), res, "the dead-letter queue".into(), &mut out);
                }
            }
            Namespace::RdsInstance => {
                claim(ns, bridge::physical_name(env, res), res, "the instance".into(), &mut out);
                let replicas = res.attr("read_replicas").as_number().unwrap_or(0.0).max(0.0) as u64;
                for i in 0..replicas {
                    let name = format!("{}-replica-{i}", bridge::physical_name(env, res));
                    claim(ns, name, res, format!("read replica {i}"), &mut out);
                }
            }
            Namespace::SecretsManager => {
                claim(ns, bridge::secret_name(env, res), res, "the secret".into(), &mut out);
            }
            Namespace::SnsTopic | Namespace::EksCluster => {
                claim(ns, bridge::physical_name(env, res), res, format!("the {}", res.kind.name), &mut out);
            }
        }
    }
    if logs_on {
        let logs = bridge::log_bucket_name(env);
        for bucket in env.of_kind("bucket").filter(|b| bridge::bucket_name(env, b) == logs) {
            out.push(
                Diagnostic::error(
                    Code::E0704,
                    format!("bucket `{}` would take the name of the access-log bucket", bucket.address),
                )
                .primary(
                    bucket.span,
                    format!("its S3 name would be `{}-<account>`, the environment's access-log bucket", shown(&logs)),
                )
                .help("rename the bucket; stackc keeps S3, load balancer and CDN access logs in that one"),
            );
        }
    }
    out
}
