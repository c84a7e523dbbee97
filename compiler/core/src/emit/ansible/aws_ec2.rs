//! The `amazon.aws.aws_ec2` inventory of an environment's VMs: it lists the running instances that
//! carry the environment's tags and `stackc:host`, names each by that tag, puts it in the groups of
//! `stackc:groups` (the same names as the static inventory's groups), and composes its connection and
//! host variables from the other `stackc:` tags. Every tag name comes from [`bridge::tags`], which the
//! Terraform target writes from too.
//!
//! `strict: false`: a VM without a variable's tag (a host variable another VM has, a `stackc:jump`
//! of a VM without a bastion) does not get that variable, instead of failing the inventory.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::bridge::tags;
use crate::graph::EnvGraph;
use crate::kinds::vm::Vm;

/// The plugin's configuration, in the order a person reads it.
#[derive(Serialize)]
pub struct Config {
    plugin: &'static str,
    regions: Vec<String>,
    filters: BTreeMap<String, String>,
    hostnames: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keyed_groups: Vec<KeyedGroup>,
    compose: BTreeMap<String, String>,
    strict: bool,
}

#[derive(Serialize)]
struct KeyedGroup {
    key: String,
    prefix: &'static str,
    separator: &'static str,
}

pub fn config(env: &EnvGraph, vms: &[Vm<'_>]) -> Config {
    let mut filters = BTreeMap::new();
    filters.insert("instance-state-name".into(), "running".into());
    for (key, value) in tags::defaults(env) {
        if [tags::STACK, tags::ENVIRONMENT, tags::MANAGED_BY].contains(&key.as_str()) {
            filters.insert(format!("tag:{key}"), value);
        }
    }
    filters.insert("tag-key".into(), tags::HOST.into());

    let mut compose = BTreeMap::new();
    // The public address only when the instance has one (`assign_public_ip`), else the private one.
    compose.insert("ansible_host".into(), "public_ip_address | default(private_ip_address)".into());
    compose.insert("ansible_user".into(), format!("tags['{}']", tags::USER));
    if vms.iter().any(|v| v.bastion.is_some()) {
        compose.insert("ansible_ssh_common_args".into(), format!("'-o ProxyJump=' ~ tags['{}']", tags::JUMP));
    }
    let keys: BTreeSet<&str> = vms.iter().flat_map(|v| v.vars.iter().map(|(k, _)| *k)).collect();
    for key in keys {
        compose.insert(key.to_owned(), format!("tags['{}']", tags::var(key)));
    }
    // Group names equal the static inventory's: the tag holds them already sanitized, so no prefix.
    let keyed_groups = if vms.iter().any(|v| !v.groups.is_empty()) {
        vec![KeyedGroup { key: format!("tags['{}'].split(',')", tags::GROUPS), prefix: "", separator: "" }]
    } else {
        Vec::new()
    };
    Config {
        plugin: "amazon.aws.aws_ec2",
        regions: vec![env.region.clone()],
        filters,
        hostnames: vec![format!("tag:{}", tags::HOST)],
        keyed_groups,
        compose,
        strict: false,
    }
}
