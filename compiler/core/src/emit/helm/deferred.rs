//! Values known only after apply (a database URL, a secret's ARN) never appear in a values file as a
//! guess. The Helm target moves every top-level values key that holds one into the environment's
//! deferred-values manifest (`<env>/helm/deferred.json`): per release, the complete value of each such
//! key, its deferred leaves written as templates of Terraform outputs. At deploy time
//! [`fill`] — behind `stackc fill`, the step the pipeline runs between `terraform apply` and
//! `helmfile apply` — reads `terraform output -json`, checks that every output exists and has the type
//! the stack expects, and writes `<env>/helm/deferred/<release>.yaml`, which helmfile layers over the
//! release's values. Until then helmfile refuses to run (the file is missing), so nothing half-filled
//! is ever deployed.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::values::DEFERRED;

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

/// The manifest of one environment's deferred values.
#[derive(Debug, Deserialize, serde::Serialize)]
pub struct Manifest {
    pub environment: String,
    /// Every Terraform output read, by name, with the type the stack declares for it.
    pub outputs: BTreeMap<String, String>,
    pub releases: Vec<ManifestRelease>,
}

#[derive(Debug, Deserialize, serde::Serialize)]
pub struct ManifestRelease {
    /// `<namespace>/<name>`.
    pub release: String,
    /// The overlay file `fill` writes, relative to `<env>/helm/`.
    pub file: String,
    pub values: Map<String, Value>,
}

/// One filled overlay: its path relative to `<env>/helm/`, and its YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    pub file: String,
    pub contents: String,
}

/// Fills the deferred values of a manifest from `terraform output -json`: every problem (a missing
/// output, a value of another type, unreadable input) is reported, and nothing is returned unless all
/// values are filled.
pub fn fill(manifest: &str, terraform_outputs: &str, header: &str) -> Result<Vec<Overlay>, Vec<String>> {
    let manifest: Manifest =
        serde_json::from_str(manifest).map_err(|e| vec![format!("the deferred-values manifest is not valid: {e}")])?;
    let outputs: Map<String, Value> = match serde_json::from_str(terraform_outputs) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(vec!["the Terraform outputs are not a JSON object (use `terraform output -json`)".into()]),
        Err(e) => return Err(vec![format!("the Terraform outputs are not JSON: {e}")]),
    };
    let mut problems = Vec::new();
    let mut values: BTreeMap<&str, Value> = BTreeMap::new();
    for (name, ty) in &manifest.outputs {
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
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut overlays = Vec::new();
    for r in &manifest.releases {
        let mut filled = Map::new();
        for (k, v) in &r.values {
            match resolve(v, &values) {
                Ok(v) => {
                    filled.insert(k.clone(), v);
                }
                Err(e) => problems.push(format!("{}: {k}: {e}", r.release)),
            }
        }
        match serde_saphyr::to_string_with_options(&Value::Object(filled), super::yaml_options()) {
            Ok(yaml) => overlays.push(Overlay { file: r.file.clone(), contents: format!("{header}{yaml}") }),
            Err(e) => problems.push(format!("{}: cannot write YAML: {e}", r.release)),
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
        "releases": [{
            "release": "prod/api",
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
        let overlays = fill(MANIFEST, outputs, "# h\n").unwrap();
        assert_eq!(overlays.len(), 1);
        assert_eq!(overlays[0].file, "deferred/api.yaml");
        let text = &overlays[0].contents;
        assert!(text.starts_with("# h\n"), "{text}");
        assert!(text.contains("DATABASE_URL: postgres://db:5432/orders?sslmode=require"), "{text}");
        assert!(text.contains("MODE: x"), "{text}");
        assert!(text.contains("- a"), "{text}");
    }

    #[test]
    fn reports_every_missing_or_mistyped_output_and_fills_nothing() {
        let outputs = r#"{"dns_zone_public_name_servers": {"value": "a b", "type": "string"}}"#;
        let problems = fill(MANIFEST, outputs, "").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`database_orders_url` is missing"), "{problems:?}");
        assert!(problems[1].contains("is a string, but the stack expects list(string)"), "{problems:?}");
        assert!(fill(MANIFEST, "[]", "").is_err());
        assert!(fill("{", "{}", "").is_err());
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
