//! What would make an environment's Ansible inventory wrong without Ansible saying so, found on the
//! graph: two machines one inventory name (Ansible merges them into one host), two groups one name
//! once written as Ansible group names, a group named like one Ansible or the aws_ec2 plugin makes,
//! two hosts at one address and port (E0707); a host address that is no IP address although it looks
//! like one (E0421); a variable in `vars` that sets what an attribute of the kind sets
//! (`ansible_host` next to `address`: one of them would silently win, E0708); and a variable whose
//! value no inventory can hold — a reference to a resource other than a `secret`, an output only
//! another target knows (E0709).

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use stackc_syntax::{Code, Diagnostic};

use crate::bridge;
use crate::graph::{EnvGraph, Resource};
use crate::schema::Target;
use crate::value::{DeferredPart, Value};

/// Group names Ansible (`all`, `ungrouped`) or the aws_ec2 plugin (`aws_ec2`) define themselves.
const RESERVED_GROUPS: &[&str] = &["all", "ungrouped", "aws_ec2"];

pub fn run(env: &EnvGraph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut host_names: BTreeMap<String, &Resource> = BTreeMap::new();
    let mut endpoints: BTreeMap<(String, String), &Resource> = BTreeMap::new();
    let mut group_names: BTreeMap<String, &Resource> = BTreeMap::new();
    for res in env.resources() {
        match res.kind.name.as_str() {
            "host" | "vm" => {
                let name = bridge::inventory::host(res);
                if let Some(first) = host_names.get(&name) {
                    out.push(collision(res, first, format!("the inventory host name `{name}`")));
                } else {
                    host_names.insert(name, res);
                }
                if res.kind.name == "host" {
                    host(res, &mut endpoints, &mut out);
                }
                connection_vars(res, &mut out);
                values(env, res, &mut out);
            }
            "host_group" => {
                let name = bridge::inventory::group(res);
                if RESERVED_GROUPS.contains(&name.as_str()) {
                    out.push(
                        Diagnostic::error(Code::E0707, format!("`{name}` is a group Ansible defines itself"))
                            .primary(res.span, format!("`{}` would be the inventory group `{name}`", res.address))
                            .help("rename the host_group: `all` holds every host, `ungrouped` the hosts of no other group, `aws_ec2` every VM"),
                    );
                } else if let Some(first) = group_names.get(&name) {
                    out.push(collision(res, first, format!("the inventory group `{name}`")));
                } else {
                    group_names.insert(name, res);
                }
                values(env, res, &mut out);
            }
            _ => {}
        }
    }
    out
}

fn collision(res: &Resource, first: &Resource, what: String) -> Diagnostic {
    Diagnostic::error(Code::E0707, format!("two inventory entries would be {what}"))
        .primary(res.span, format!("`{}` would be {what}", res.address))
        .secondary(first.span, format!("and so would `{}`", first.address))
        .help("rename one of them: Ansible would merge the two into one entry, and its variables with them")
}

/// A host's address is a real IP address when it looks like one, and no other host has it with the
/// same port.
fn host<'a>(res: &'a Resource, endpoints: &mut BTreeMap<(String, String), &'a Resource>, out: &mut Vec<Diagnostic>) {
    let Some(address) = res.attr("address").as_str() else { return };
    let port = res.attr("port").as_number().map(crate::value::format_number).unwrap_or_default();
    let numeric = !address.is_empty() && address.chars().all(|c| c.is_ascii_digit() || c == '.');
    if numeric && address.parse::<Ipv4Addr>().is_err() {
        out.push(
            Diagnostic::error(Code::E0421, format!("`{address}` is not an IPv4 address"))
                .primary(res.attr_span("address"), "four numbers from 0 to 255 separated by dots, or a host name")
                .help("write an IPv4 address like \"192.168.1.20\", an IPv6 address, or a DNS name"),
        );
        return;
    }
    if address.contains(':') && address.parse::<Ipv6Addr>().is_err() {
        out.push(
            Diagnostic::error(Code::E0421, format!("`{address}` is not an IPv6 address"))
                .primary(res.attr_span("address"), "not an IPv6 address")
                .help("write an IPv6 address like \"2001:db8::20\" (without brackets or a port: the port is `port`)"),
        );
        return;
    }
    let key = (address.to_ascii_lowercase(), port.clone());
    if let Some(first) = endpoints.get(&key) {
        out.push(
            Diagnostic::error(Code::E0707, format!("two hosts at {address} port {port}"))
                .primary(res.attr_span("address"), format!("`{}` connects to {address}:{port}", res.address))
                .secondary(first.attr_span("address"), format!("and so does `{}`", first.address))
                .help("one machine is one host: give it several `groups` instead, or correct the address or `port`"),
        );
    } else {
        endpoints.insert(key, res);
    }
}

/// The connection variables a kind's attributes write, with the attribute that writes each.
fn written_by(res: &Resource) -> Vec<(&'static str, &'static str)> {
    let mut vars = vec![("ansible_host", "address"), ("ansible_user", "user")];
    if res.kind.name == "host" {
        vars.push(("ansible_port", "port"));
        vars.push(("ansible_python_interpreter", "python"));
    }
    if !res.attr("bastion").is_null() {
        vars.push(("ansible_ssh_common_args", "bastion"));
    }
    vars
}

/// A variable in `vars` that an attribute of the kind writes too.
fn connection_vars(res: &Resource, out: &mut Vec<Diagnostic>) {
    let Value::Map(vars) = res.attr("vars") else { return };
    for (var, attribute) in written_by(res) {
        if !vars.contains_key(var) {
            continue;
        }
        let attribute =
            if var == "ansible_host" && res.kind.name == "vm" { "subnet` and `assign_public_ip" } else { attribute };
        out.push(
            Diagnostic::error(Code::E0708, format!("`{var}` in `vars` of `{}` is set by `{attribute}`", res.address))
                .primary(res.attr_span("vars"), format!("sets `{var}`"))
                .help(format!(
                    "set `{attribute}` instead, and remove `{var}` from `vars`: the inventory writes `{var}` from it"
                )),
        );
    }
}

/// Every value in `vars` is one an inventory can hold.
fn values(env: &EnvGraph, res: &Resource, out: &mut Vec<Diagnostic>) {
    let Value::Map(vars) = res.attr("vars") else { return };
    for (key, value) in vars {
        if let Some(problem) = unwritable(env, value) {
            out.push(
                Diagnostic::error(Code::E0709, format!("`vars.{key}` of `{}` holds {problem}", res.address))
                    .primary(res.attr_span("vars"), format!("`{key}` holds {problem}"))
                    .help("a variable holds a value, an output of an AWS resource (`database.main.address`, filled at deploy time), or a `secret` (looked up in Secrets Manager when a playbook reads it)"),
            );
        }
    }
}

fn unwritable(env: &EnvGraph, v: &Value) -> Option<String> {
    match v {
        Value::Ref(address) => match env.get(address) {
            Some(r) if r.kind.name == "secret" => None,
            _ => Some(format!("a reference to `{address}`, which is not a secret")),
        },
        Value::Deferred(d) => d.parts.iter().find_map(|p| match p {
            DeferredPart::Output { resource, output } => match env.get(resource) {
                Some(r) if r.kind.target == Target::Aws && r.kind.outputs.contains_key(output) => None,
                _ => Some(format!("`{resource}.{output}`, which no Terraform output carries")),
            },
            DeferredPart::Literal(_) => None,
        }),
        Value::List(items) => items.iter().find_map(|i| unwritable(env, i)),
        Value::Map(m) => m.values().find_map(|i| unwritable(env, i)),
        _ => None,
    }
}
