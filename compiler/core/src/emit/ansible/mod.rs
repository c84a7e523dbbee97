//! Ansible: each environment's inventory, written so it never drifts from the stack.
//!
//! - `<env>/ansible/inventory.yml` (the YAML inventory format): every `host_group` with its `vars` and
//!   `children`, every `host` with its connection variables and `vars`, and the variables stackc
//!   derives for all machines (`stackc_stack`, `stackc_environment`, `stackc_region`).
//! - `<env>/ansible/aws_ec2.yml` when the environment has VMs: an `amazon.aws.aws_ec2` inventory that
//!   finds them by the tags the Terraform target writes (names from [`bridge::tags`]) and puts them in
//!   the same groups.
//! - Values known only after apply (a VM bastion's address, a database endpoint in `vars`) are never
//!   guessed: the static inventory has an `undef()` naming the fill step in their place, and the
//!   deferred-values manifest (`<env>/ansible/deferred.json`) gives `stackc fill` what to write into
//!   `<env>/ansible/deferred/inventory.yml`, the inventory layered last.
//! - A variable holding a stack `secret` is a Secrets Manager lookup, never the value.
//!
//! An environment with neither hosts nor VMs gets no inventory.

mod aws_ec2;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value as Json};
use stackc_syntax::Diagnostic;

use super::deferred::{self, Part, Str};
use super::{header, Artifact, Emitter};
use crate::bridge;
use crate::graph::{EnvGraph, Resource};
use crate::kinds::host::Host;
use crate::kinds::host_group::HostGroup;
use crate::kinds::vm::Vm;
use crate::kinds::{HostsKind, Text, View, ViewError};
use crate::schema::Target;
use crate::value::{DeferredPart, Value};
use crate::Compilation;

/// The Ansible target.
pub struct Ansible;

impl Emitter for Ansible {
    fn name(&self) -> &'static str {
        "ansible"
    }

    fn realises(&self) -> Target {
        Target::Hosts
    }

    fn kinds(&self) -> &'static [&'static str] {
        HostsKind::KINDS
    }

    fn emit_stack(&self, _c: &Compilation) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        Ok(Vec::new())
    }

    fn emit_env(&self, env: &EnvGraph) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        lower(env)
    }
}

/// The file of the static inventory, relative to `<env>/ansible/`.
pub const INVENTORY: &str = "inventory.yml";
/// The file of the VMs' dynamic inventory; the plugin accepts only names ending in `aws_ec2.yml`.
pub const AWS_EC2: &str = "aws_ec2.yml";
/// The overlay `stackc fill` writes, relative to `<env>/ansible/`.
pub const DEFERRED: &str = "deferred/inventory.yml";

/// The Ansible artifacts of one environment; empty when it has no hosts and no VMs.
pub fn lower(env: &EnvGraph) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut hosts = Vec::new();
    let mut groups = Vec::new();
    let mut vms = Vec::new();
    for res in env.resources() {
        let viewed = match res.kind.name.as_str() {
            "host" => Host::view(res).map(|h| hosts.push(h)),
            "host_group" => HostGroup::view(res).map(|g| groups.push(g)),
            "vm" => Vm::view(res).map(|v| vms.push(v)),
            _ => Ok(()),
        };
        if let Err(e) = viewed {
            errors.push(e.diagnostic(Some(res)));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if hosts.is_empty() && vms.is_empty() {
        return Ok(Vec::new());
    }
    let mut l = Lowering { env, outputs: BTreeMap::new(), later_hosts: Map::new(), later_groups: Map::new() };
    let files = l.files(&hosts, &groups, &vms).map_err(|(e, res)| vec![e.diagnostic(res)])?;
    Ok(files)
}

struct Lowering<'a> {
    env: &'a EnvGraph,
    /// Terraform outputs the deferred values read, with their types.
    outputs: BTreeMap<String, String>,
    /// Deferred host variables, by inventory host name.
    later_hosts: Map<String, Json>,
    /// Deferred group variables, by inventory group name.
    later_groups: Map<String, Json>,
}

type Failed<'r> = (ViewError, Option<&'r Resource>);

impl<'a> Lowering<'a> {
    fn files<'r>(
        &mut self,
        hosts: &[Host<'r>],
        groups: &[HostGroup<'r>],
        vms: &[Vm<'r>],
    ) -> Result<Vec<Artifact>, Failed<'r>>
    where
        'a: 'r,
    {
        let env = self.env;
        let mut members: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut all_hosts = Map::new();
        for h in hosts {
            let name = bridge::inventory::host(h.resource);
            let vars = self.host_vars(h).map_err(|e| (e, Some(h.resource)))?;
            all_hosts.insert(name.clone(), Json::Object(vars));
            for g in &h.groups {
                let group = g.resolve(env).map_err(|e| (e, Some(h.resource)))?;
                members.entry(bridge::inventory::group(group.resource)).or_default().insert(name.clone());
            }
        }
        let mut children = Map::new();
        for g in groups {
            let name = bridge::inventory::group(g.resource);
            let mut entry = Map::new();
            if let Some(m) = members.get(&name) {
                entry.insert("hosts".into(), Json::Object(m.iter().map(|h| (h.clone(), Json::Null)).collect()));
            }
            let mut kids = Map::new();
            for c in &g.children {
                let child = c.resolve(env).map_err(|e| (e, Some(g.resource)))?;
                kids.insert(bridge::inventory::group(child.resource), Json::Null);
            }
            if !kids.is_empty() {
                entry.insert("children".into(), Json::Object(kids));
            }
            let vars = self.vars(g.resource, &g.vars, &name, false).map_err(|e| (e, Some(g.resource)))?;
            if !vars.is_empty() {
                entry.insert("vars".into(), Json::Object(vars));
            }
            children.insert(name, Json::Object(entry));
        }
        let mut all = Map::new();
        if !children.is_empty() {
            all.insert("children".into(), Json::Object(children));
        }
        if !all_hosts.is_empty() {
            all.insert("hosts".into(), Json::Object(all_hosts));
        }
        all.insert(
            "vars".into(),
            json!({
                "stackc_stack": env.stack.name,
                "stackc_environment": env.name,
                "stackc_region": env.region,
            }),
        );
        let inventory = json!({ "all": all });
        let dir = format!("{}/ansible", env.name);
        let text = yaml(&inventory).map_err(|e| (e, None))?;
        let deferred = !(self.later_hosts.is_empty() && self.later_groups.is_empty());
        let use_line = format!(
            "# Use: ansible-playbook -i {INVENTORY}{}{} PLAYBOOK (from this directory).\n",
            if vms.is_empty() { String::new() } else { format!(" -i {AWS_EC2}") },
            if deferred { format!(" -i {DEFERRED}") } else { String::new() },
        );
        let mut files =
            vec![Artifact { path: format!("{dir}/{INVENTORY}"), contents: format!("{}{use_line}{text}", header(env)) }];
        if !vms.is_empty() {
            let text = yaml(&aws_ec2::config(env, vms)).map_err(|e| (e, None))?;
            files.push(Artifact { path: format!("{dir}/{AWS_EC2}"), contents: format!("{}{text}", header(env)) });
        }
        if deferred {
            let mut tree = Map::new();
            if !self.later_groups.is_empty() {
                tree.insert("children".into(), Json::Object(std::mem::take(&mut self.later_groups)));
            }
            if !self.later_hosts.is_empty() {
                tree.insert("hosts".into(), Json::Object(std::mem::take(&mut self.later_hosts)));
            }
            let manifest = deferred::Manifest {
                environment: env.name.clone(),
                outputs: std::mem::take(&mut self.outputs),
                overlays: vec![deferred::ManifestOverlay {
                    name: "inventory".into(),
                    file: DEFERRED.into(),
                    values: Map::from_iter([("all".to_owned(), Json::Object(tree))]),
                }],
            };
            let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
            files.push(Artifact { path: format!("{dir}/deferred.json"), contents: json + "\n" });
            files.push(Artifact {
                path: format!("{dir}/.gitignore"),
                contents: "# Written by `stackc fill` before each deploy; never committed.\n/deferred/\n".into(),
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// A host's variables: its connection settings, then its `vars` (which the inventory pass keeps from
    /// setting a connection variable, E0708).
    fn host_vars(&mut self, h: &Host<'_>) -> Result<Map<String, Json>, ViewError> {
        let env = self.env;
        let name = bridge::inventory::host(h.resource);
        let mut vars = Map::new();
        vars.insert("ansible_host".into(), self.string(h.address, &name, "ansible_host", true)?);
        vars.insert("ansible_port".into(), json!(h.port.get()));
        if let Some(user) = h.user {
            vars.insert("ansible_user".into(), self.string(user, &name, "ansible_user", true)?);
        }
        vars.insert(
            "ansible_python_interpreter".into(),
            self.string(h.python, &name, "ansible_python_interpreter", true)?,
        );
        if let Some(b) = h.bastion {
            let bastion = b.resolve(env)?;
            let mut parts = vec![Part::Text("-o ProxyJump=".into())];
            parts.extend(self.parts(bastion.user)?);
            parts.push(Part::Text("@".into()));
            let output = bridge::inventory::bastion_output(bastion.resource);
            parts.push(
                deferred::terraform_part(env, &bastion.resource.address, output, &mut self.outputs).ok_or_else(
                    || ViewError {
                        address: bastion.resource.address.clone(),
                        path: output.into(),
                        expected: "a Terraform output",
                        found: "an output no target writes",
                    },
                )?,
            );
            let value = self.place(Str::from_parts(parts), &name, "ansible_ssh_common_args", true);
            vars.insert("ansible_ssh_common_args".into(), value);
        }
        vars.extend(self.vars(h.resource, &h.vars, &name, true)?);
        Ok(vars)
    }

    /// `vars` of a host (`host` true) or a group, each deferred one moved to the overlay.
    fn vars(
        &mut self,
        res: &Resource,
        vars: &[(&str, &Value)],
        owner: &str,
        host: bool,
    ) -> Result<Map<String, Json>, ViewError> {
        let env = self.env;
        let mut out = Map::new();
        for (key, value) in vars {
            let mut outputs = std::mem::take(&mut self.outputs);
            let json = deferred::to_json(
                value,
                &mut |d| {
                    let mut parts = Vec::new();
                    for p in &d.parts {
                        parts.push(match p {
                            DeferredPart::Literal(s) => Part::Text(s.clone()),
                            DeferredPart::Output { resource, output } => {
                                deferred::terraform_part(env, resource, output, &mut outputs)
                                    .ok_or_else(|| unwritable(res, key, "an output no target writes"))?
                            }
                        });
                    }
                    Ok(Str::from_parts(parts))
                },
                &mut |address| match env.get(address) {
                    Some(secret) if secret.kind.name == "secret" => {
                        Ok(Json::String(bridge::inventory::secret_lookup(env, secret)))
                    }
                    _ => Err(unwritable(res, key, "a reference to a resource")),
                },
            );
            self.outputs = outputs;
            let json = json?;
            if deferred::holds_deferred(&json) {
                self.defer(owner, key, json, host);
                out.insert((*key).to_owned(), undef(self.env, owner, key));
            } else {
                out.insert((*key).to_owned(), json);
            }
        }
        Ok(out)
    }

    /// A string variable: known, or moved to the overlay.
    fn string(&mut self, t: Text<'_>, owner: &str, key: &str, host: bool) -> Result<Json, ViewError> {
        let s = Str::from_parts(self.parts(t)?);
        Ok(self.place(s, owner, key, host))
    }

    fn place(&mut self, s: Str, owner: &str, key: &str, host: bool) -> Json {
        match s {
            Str::Known(s) => Json::String(s),
            later => {
                self.defer(owner, key, serde_json::to_value(later).unwrap_or(Json::Null), host);
                undef(self.env, owner, key)
            }
        }
    }

    fn parts(&mut self, t: Text<'_>) -> Result<Vec<Part>, ViewError> {
        match t {
            Text::Known(s) => Ok(vec![Part::Text(s.to_owned())]),
            Text::Deferred(d) => {
                let mut parts = Vec::new();
                for p in &d.parts {
                    parts.push(match p {
                        DeferredPart::Literal(s) => Part::Text(s.clone()),
                        DeferredPart::Output { resource, output } => {
                            deferred::terraform_part(self.env, resource, output, &mut self.outputs).ok_or_else(
                                || ViewError {
                                    address: resource.clone(),
                                    path: output.clone(),
                                    expected: "a Terraform output",
                                    found: "an output no target writes",
                                },
                            )?
                        }
                    });
                }
                Ok(parts)
            }
        }
    }

    fn defer(&mut self, owner: &str, key: &str, value: Json, host: bool) {
        if host {
            let entry = self.later_hosts.entry(owner.to_owned()).or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(m) = entry {
                m.insert(key.to_owned(), value);
            }
        } else {
            let entry = self.later_groups.entry(owner.to_owned()).or_insert_with(|| json!({ "vars": {} }));
            if let Some(Json::Object(m)) = entry.get_mut("vars") {
                m.insert(key.to_owned(), value);
            }
        }
    }
}

/// What the static inventory holds in place of a value known only after apply: a Jinja undefined
/// whose message names the fill step, so a playbook that runs without the overlay fails on first use.
fn undef(env: &EnvGraph, owner: &str, key: &str) -> Json {
    Json::String(format!(
        "{{{{ undef(hint='`{key}` of `{owner}` is known after apply: run `stackc fill OUT --env {}` and add `-i {DEFERRED}`') }}}}",
        env.name
    ))
}

/// A variable whose value an inventory cannot hold; the inventory pass reports it (E0709) first.
fn unwritable(res: &Resource, key: &str, found: &'static str) -> ViewError {
    ViewError { address: res.address.clone(), path: format!("vars.{key}"), expected: "an inventory value", found }
}

fn yaml(v: &impl serde::Serialize) -> Result<String, ViewError> {
    serde_saphyr::to_string_with_options(v, super::yaml_options()).map_err(|e| ViewError {
        address: String::new(),
        path: "ansible inventory".into(),
        expected: "an inventory YAML can represent",
        found: Box::leak(e.to_string().into_boxed_str()),
    })
}
