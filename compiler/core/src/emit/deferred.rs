//! Values known only after apply (a database URL, a secret's ARN, a VM's address) never appear in a
//! generated file as a guess. A target that needs one writes what it knows now and records the rest in
//! its deferred-values manifest (`<env>/<target>/deferred.json`, see [`MANIFESTS`]): overlays whose
//! deferred leaves are templates of Terraform outputs. At deploy time [`fill`] — behind `stackc fill`,
//! the step the pipeline runs between `terraform apply` and the tools that read the overlays
//! (`helmfile apply`, `ansible-playbook`) — reads `terraform output -json`, checks that every output
//! of every manifest exists and has the type the stack expects, and returns every overlay filled, or
//! none. Until then the overlays are missing, so nothing half-filled is ever deployed.
//!
//! The Helm target layers an overlay per release over its values (helmfile); the Ansible target one
//! inventory over the environment's inventory.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::bridge;
use crate::graph::EnvGraph;
use crate::schema::Target;

/// The manifests a build may write, relative to the environment's directory, in the order `fill`
/// reads them.
pub const MANIFESTS: &[&str] = &["helm/deferred.json", "ansible/deferred.json"];

/// The key a deferred value serializes under: `{"$deferred": [parts]}`.
pub const DEFERRED: &str = "$deferred";

/// A string value: known when compiling, or a template of outputs known after apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Str {
    Known(String),
    /// Literal text and Terraform outputs (by output name and declared type), concatenated.
    Deferred(Vec<Part>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Output { name: String, ty: String },
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::Known(s.to_owned())
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::Known(s)
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Str::Known(v) => s.serialize_str(v),
            Str::Deferred(parts) => {
                let parts: Vec<BTreeMap<&str, &str>> = parts
                    .iter()
                    .map(|p| match p {
                        Part::Text(t) => BTreeMap::from([("text", t.as_str())]),
                        Part::Output { name, ty } => BTreeMap::from([("output", name.as_str()), ("type", ty.as_str())]),
                    })
                    .collect();
                let mut map = BTreeMap::new();
                map.insert(DEFERRED, parts);
                map.serialize(s)
            }
        }
    }
}

impl Str {
    pub fn is_deferred(&self) -> bool {
        matches!(self, Str::Deferred(_))
    }

    /// A template whose parts are already resolved to Terraform output names.
    pub fn from_parts(parts: Vec<Part>) -> Str {
        if parts.iter().all(|p| matches!(p, Part::Text(_))) {
            let text = parts
                .into_iter()
                .map(|p| match p {
                    Part::Text(t) => t,
                    Part::Output { .. } => String::new(),
                })
                .collect();
            return Str::Known(text);
        }
        Str::Deferred(parts)
    }
}

/// A Terraform output of an AWS resource of the environment, as a part of a deferred value, recorded
/// with its declared type in `outputs`; `None` when `address` is not an AWS resource with that output.
pub fn terraform_part(
    env: &EnvGraph,
    address: &str,
    output: &str,
    outputs: &mut BTreeMap<String, String>,
) -> Option<Part> {
    let res = env.get(address)?;
    if res.kind.target != Target::Aws {
        return None;
    }
    let def = res.kind.outputs.get(output)?;
    let name = bridge::terraform_output(address, output);
    let ty = def.ty.to_string();
    outputs.insert(name.clone(), ty.clone());
    Some(Part::Output { name, ty })
}

/// The header of a filled overlay.
pub fn header(environment: &str) -> String {
    format!(
        "# Written by `stackc fill` from this environment's Terraform outputs ({environment}).\n# Do not edit or commit: it is rewritten before every deploy.\n"
    )
}

/// A stack value (an add-on's `values`, a host's `vars`) as JSON: numbers that are whole as integers,
/// deferred strings through `deferred` (as templates of outputs), references through `reference`.
pub fn to_json<E>(
    v: &crate::value::Value,
    deferred: &mut impl FnMut(&crate::value::Deferred) -> Result<Str, E>,
    reference: &mut impl FnMut(&str) -> Result<Value, E>,
) -> Result<Value, E> {
    use crate::value::Value as V;
    Ok(match v {
        V::Null => Value::Null,
        V::Bool(b) => Value::Bool(*b),
        V::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Value::from(*n as i64),
        V::Number(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
        V::String(s) => Value::String(s.clone()),
        V::List(items) => {
            Value::Array(items.iter().map(|i| to_json(i, deferred, reference)).collect::<Result<_, _>>()?)
        }
        V::Map(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                out.insert(k.clone(), to_json(v, deferred, reference)?);
            }
            Value::Object(out)
        }
        V::Deferred(d) => serde_json::to_value(deferred(d)?).unwrap_or(Value::Null),
        V::Ref(address) => reference(address)?,
        other => Value::String(other.to_string().trim_matches('"').to_owned()),
    })
}

/// Whether a values tree holds a deferred leaf.
pub fn holds_deferred(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.contains_key(DEFERRED) || m.values().any(holds_deferred),
        Value::Array(items) => items.iter().any(holds_deferred),
        _ => false,
    }
}

/// Splits a release's values into what is known now and the top-level keys that hold deferred leaves.
pub fn split(values: Value) -> (Value, Map<String, Value>) {
    let Value::Object(map) = values else { return (values, Map::new()) };
    let mut known = Map::new();
    let mut deferred = Map::new();
    for (k, v) in map {
        if holds_deferred(&v) {
            deferred.insert(k, v);
        } else {
            known.insert(k, v);
        }
    }
    (Value::Object(known), deferred)
}

/// Every Terraform output a deferred tree reads, with its declared type.
pub fn outputs(v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(parts)) = m.get(DEFERRED) {
                for p in parts {
                    if let (Some(Value::String(name)), Some(Value::String(ty))) = (p.get("output"), p.get("type")) {
                        out.insert(name.clone(), ty.clone());
                    }
                }
            } else {
                m.values().for_each(|v| outputs(v, out));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| outputs(v, out)),
        _ => {}
    }
}

/// The deferred-values manifest of one target in one environment.
#[derive(Debug, Deserialize, Serialize)]
pub struct Manifest {
    pub environment: String,
    /// Every Terraform output read, by name, with the type the stack expects.
    pub outputs: BTreeMap<String, String>,
    pub overlays: Vec<ManifestOverlay>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct ManifestOverlay {
    /// What it is layered over, for messages: a release (`<namespace>/<name>`), the inventory.
    pub name: String,
    /// The file `fill` writes, relative to the manifest's directory.
    pub file: String,
    /// The overlay's tree: deferred leaves are `{"$deferred": [parts]}`.
    pub values: Map<String, Value>,
}

/// One filled overlay: its path relative to the environment's directory (`helm/deferred/api.yaml`),
/// and its YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    pub file: String,
    pub contents: String,
}

/// Fills the deferred values of an environment's manifests — `(path, JSON)` pairs, the path relative to
/// the environment's directory (one of [`MANIFESTS`]) — from `terraform output -json`: every problem (a
/// missing output, a value of another type, unreadable input) is reported, and nothing is returned
/// unless every value of every manifest is filled.
pub fn fill(manifests: &[(&str, &str)], terraform_outputs: &str, header: &str) -> Result<Vec<Overlay>, Vec<String>> {
    let outputs: Map<String, Value> = match serde_json::from_str(terraform_outputs) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(vec!["the Terraform outputs are not a JSON object (use `terraform output -json`)".into()]),
        Err(e) => return Err(vec![format!("the Terraform outputs are not JSON: {e}")]),
    };
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for (path, text) in manifests {
        match serde_json::from_str::<Manifest>(text) {
            Ok(m) => parsed.push((*path, m)),
            Err(e) => problems.push(format!("{path}: the deferred-values manifest is not valid: {e}")),
        }
    }
    let mut values: BTreeMap<&str, Value> = BTreeMap::new();
    let mut checked: BTreeSet<&str> = BTreeSet::new();
    for (_, manifest) in &parsed {
        for (name, ty) in &manifest.outputs {
            if !checked.insert(name) {
                continue;
            }
            let Some(entry) = outputs.get(name) else {
                problems.push(format!(
                    "Terraform output `{name}` is missing: apply the {} environment's Terraform first (and rebuild if it changed)",
                    manifest.environment
                ));
                continue;
            };
            // `terraform output -json` wraps each value: {"value": …, "type": …, "sensitive": …}.
            let value = entry.get("value").cloned().unwrap_or(Value::Null);
            if !has_type(&value, ty) {
                problems.push(format!("Terraform output `{name}` is {}, but the stack expects {ty}", describe(&value)));
                continue;
            }
            values.insert(name, value);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut overlays = Vec::new();
    for (path, manifest) in &parsed {
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for o in &manifest.overlays {
            let mut filled = Map::new();
            for (k, v) in &o.values {
                match resolve(v, &values) {
                    Ok(v) => {
                        filled.insert(k.clone(), v);
                    }
                    Err(e) => problems.push(format!("{}: {k}: {e}", o.name)),
                }
            }
            let file = if dir.is_empty() { o.file.clone() } else { format!("{dir}/{}", o.file) };
            match serde_saphyr::to_string_with_options(&Value::Object(filled), super::yaml_options()) {
                Ok(yaml) => overlays.push(Overlay { file, contents: format!("{header}{yaml}") }),
                Err(e) => problems.push(format!("{}: cannot write YAML: {e}", o.name)),
            }
        }
    }
    if problems.is_empty() {
        Ok(overlays)
    } else {
        Err(problems)
    }
}

fn has_type(v: &Value, ty: &str) -> bool {
    match ty {
        "string" => v.is_string(),
        "number" | "integer" | "port" => v.is_number(),
        "bool" => v.is_boolean(),
        t if t.starts_with("list(") => {
            let inner = &t[5..t.len().saturating_sub(1)];
            v.as_array().is_some_and(|items| items.iter().all(|i| has_type(i, inner)))
        }
        t if t.starts_with("map(") => {
            let inner = &t[4..t.len().saturating_sub(1)];
            v.as_object().is_some_and(|m| m.values().all(|i| has_type(i, inner)))
        }
        _ => true,
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A deferred tree with its templates replaced by their values.
fn resolve(v: &Value, outputs: &BTreeMap<&str, Value>) -> Result<Value, String> {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(parts)) = m.get(DEFERRED) {
                // A template of exactly one output is that output's value, whatever its type.
                if let [part] = parts.as_slice() {
                    if let Some(Value::String(name)) = part.get("output") {
                        return outputs.get(name.as_str()).cloned().ok_or_else(|| format!("no output `{name}`"));
                    }
                }
                let mut text = String::new();
                for p in parts {
                    if let Some(Value::String(t)) = p.get("text") {
                        text.push_str(t);
                    } else if let Some(Value::String(name)) = p.get("output") {
                        match outputs.get(name.as_str()) {
                            Some(Value::String(s)) => text.push_str(s),
                            Some(Value::Number(n)) => text.push_str(&n.to_string()),
                            Some(Value::Bool(b)) => text.push_str(&b.to_string()),
                            Some(other) => {
                                return Err(format!(
                                    "output `{name}` is {} and cannot be part of a string",
                                    describe(other)
                                ))
                            }
                            None => return Err(format!("no output `{name}`")),
                        }
                    }
                }
                return Ok(Value::String(text));
            }
            let mut out = Map::new();
            for (k, v) in m {
                out.insert(k.clone(), resolve(v, outputs)?);
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => {
            items.iter().map(|i| resolve(i, outputs)).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }
        other => Ok(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"{
        "environment": "prod",
        "outputs": {"database_orders_url": "string", "dns_zone_public_name_servers": "list(string)"},
        "overlays": [{
            "name": "prod/api",
            "file": "deferred/api.yaml",
            "values": {
                "env": {"DATABASE_URL": {"$deferred": [{"output": "database_orders_url", "type": "string"}, {"text": "?sslmode=require"}]}, "MODE": "x"},
                "ns": {"$deferred": [{"output": "dns_zone_public_name_servers", "type": "list(string)"}]}
            }
        }]
    }"#;

    #[test]
    fn fills_templates_and_whole_values() {
        let outputs = r#"{"database_orders_url": {"value": "postgres://db:5432/orders", "type": "string", "sensitive": false},
                          "dns_zone_public_name_servers": {"value": ["a", "b"], "type": ["list", "string"]}}"#;
        let overlays = fill(&[("helm/deferred.json", MANIFEST)], outputs, "# h\n").unwrap();
        assert_eq!(overlays.len(), 1);
        assert_eq!(overlays[0].file, "helm/deferred/api.yaml");
        let text = &overlays[0].contents;
        assert!(text.starts_with("# h\n"), "{text}");
        assert!(text.contains("DATABASE_URL: postgres://db:5432/orders?sslmode=require"), "{text}");
        assert!(text.contains("MODE: x"), "{text}");
        assert!(text.contains("- a"), "{text}");
    }

    #[test]
    fn reports_every_missing_or_mistyped_output_and_fills_nothing() {
        let outputs = r#"{"dns_zone_public_name_servers": {"value": "a b", "type": "string"}}"#;
        let problems = fill(&[("helm/deferred.json", MANIFEST)], outputs, "").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`database_orders_url` is missing"), "{problems:?}");
        assert!(problems[1].contains("is a string, but the stack expects list(string)"), "{problems:?}");
        assert!(fill(&[("helm/deferred.json", MANIFEST)], "[]", "").is_err());
        assert!(fill(&[("helm/deferred.json", "{")], "{}", "").is_err());
    }

    #[test]
    fn fills_every_manifest_of_the_environment_or_none() {
        let inventory = r#"{
            "environment": "prod",
            "outputs": {"database_orders_url": "string", "vm_bastion_public_ip": "string"},
            "overlays": [{
                "name": "inventory",
                "file": "deferred/inventory.yml",
                "values": {"all": {"hosts": {"lab-1": {"ssh": {"$deferred": [{"text": "-o ProxyJump=u@"}, {"output": "vm_bastion_public_ip", "type": "string"}]}}}}}
            }]
        }"#;
        let manifests = [("helm/deferred.json", MANIFEST), ("ansible/deferred.json", inventory)];
        let all = r#"{"database_orders_url": {"value": "postgres://db:5432/orders"},
                      "dns_zone_public_name_servers": {"value": ["a"]}, "vm_bastion_public_ip": {"value": "203.0.113.7"}}"#;
        let overlays = fill(&manifests, all, "").unwrap();
        let files: Vec<&str> = overlays.iter().map(|o| o.file.as_str()).collect();
        assert_eq!(files, ["helm/deferred/api.yaml", "ansible/deferred/inventory.yml"]);
        assert!(overlays[1].contents.contains("ssh: -o ProxyJump=u@203.0.113.7"), "{}", overlays[1].contents);
        // An output both manifests read is reported once; nothing is filled.
        let problems = fill(&manifests, r#"{"dns_zone_public_name_servers": {"value": ["a"]}}"#, "").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`vm_bastion_public_ip` is missing")), "{problems:?}");
    }

    #[test]
    fn splits_top_level_keys_that_hold_deferred_leaves() {
        let v: Value = serde_json::from_str(
            r#"{"a": 1, "env": {"X": "1", "Y": {"$deferred": []}}, "l": [{"k": {"$deferred": []}}]}"#,
        )
        .unwrap();
        let (known, deferred) = split(v);
        assert_eq!(known, serde_json::json!({"a": 1}));
        assert_eq!(deferred.keys().collect::<Vec<_>>(), ["env", "l"]);
    }
}
