//! The policy report: every finding of the built-in rules and every failed stack policy, merged
//! over environments (one entry per place, naming the environments), as text, JSON
//! (`stackc-policy/1`) or SARIF 2.1.0 for GitHub code scanning. Pure: the CLI prints what these
//! return.

use std::collections::BTreeMap;

use serde_json::{json, Value as Json};
use stackc_syntax::{Severity, SourceMap, Span};

use super::{Level, Rule};
use crate::Compilation;

/// What reported a finding.
#[derive(Debug, Clone, Copy)]
pub enum Source<'c> {
    Rule(&'static Rule),
    /// A `policy` block of the stack, by name.
    Policy(&'c str),
}

impl Source<'_> {
    /// The SARIF rule ID: `SC201`, or `policy/<name>`.
    pub fn id(&self) -> String {
        match self {
            Source::Rule(r) => r.id.to_owned(),
            Source::Policy(name) => format!("policy/{name}"),
        }
    }
}

/// One finding, over every environment it occurs in.
#[derive(Debug, Clone)]
pub struct Entry<'c> {
    pub source: Source<'c>,
    pub address: String,
    pub span: Span,
    pub message: String,
    pub checkov: Vec<&'static str>,
    pub level: Level,
    pub suppressed: Option<String>,
    /// Where it occurs, in declaration order.
    pub environments: Vec<String>,
}

/// What makes two findings in different environments one: rule, address, place, message, level and
/// suppression reason.
type MergeKey = (String, String, Span, String, Level, Option<String>);

/// Every finding of `c` in the environments named (all when empty), merged over environments:
/// entries with the same rule, place, message, level and suppression are one.
pub fn entries<'c>(c: &'c Compilation, only: &[String]) -> Vec<Entry<'c>> {
    let mut out: Vec<Entry<'c>> = Vec::new();
    let mut index: BTreeMap<MergeKey, usize> = BTreeMap::new();
    let mut add = |e: Entry<'c>, env: &str| {
        let key = (e.source.id(), e.address.clone(), e.span, e.message.clone(), e.level, e.suppressed.clone());
        match index.get(&key) {
            Some(&i) => out[i].environments.push(env.to_owned()),
            None => {
                index.insert(key, out.len());
                out.push(Entry { environments: vec![env.to_owned()], ..e });
            }
        }
    };
    for env in &c.environments {
        let name = env.graph.name.as_str();
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        for f in &env.findings {
            let e = Entry {
                source: Source::Rule(f.rule),
                address: f.address.clone(),
                span: f.span,
                message: f.message.clone(),
                checkov: f.checkov.clone(),
                level: f.level,
                suppressed: f.suppressed.clone(),
                environments: Vec::new(),
            };
            add(e, name);
        }
        for o in env.policies.iter().filter(|o| !o.passed) {
            let span = o.resource.as_deref().and_then(|a| c.program.resource(a)).map_or(o.span, |r| r.name.span);
            let e = Entry {
                source: Source::Policy(&o.policy),
                address: o.resource.clone().unwrap_or_else(|| format!("environment.{name}")),
                span,
                message: o.message.clone(),
                checkov: Vec::new(),
                level: match o.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                },
                suppressed: None,
                environments: Vec::new(),
            };
            add(e, name);
        }
    }
    out.sort_by_key(|e| (e.level, e.span, e.source.id()));
    out
}

/// How many unsuppressed errors, warnings and notes, and how many suppressed findings.
pub fn counts(entries: &[Entry<'_>]) -> (usize, usize, usize, usize) {
    let open = |l: Level| entries.iter().filter(|e| e.suppressed.is_none() && e.level == l).count();
    let suppressed = entries.iter().filter(|e| e.suppressed.is_some()).count();
    (open(Level::Error), open(Level::Warning), open(Level::Note), suppressed)
}

fn place(sources: &SourceMap, span: Span) -> (String, u32, u32) {
    match sources.get(span.file) {
        Some(f) => {
            let (l, c) = f.line_col(span.start);
            (f.path.clone(), l + 1, c + 1)
        }
        None => (String::new(), 0, 0),
    }
}

fn rule_name(source: &Source<'_>) -> String {
    match source {
        Source::Rule(r) => format!("{} {}", r.id, r.name),
        Source::Policy(name) => format!("policy {name}"),
    }
}

fn environments(e: &Entry<'_>, all: usize) -> String {
    if e.environments.len() == all {
        String::new()
    } else {
        format!(" [{}]", e.environments.join(", "))
    }
}

/// The report for people: one line per finding, grouped by level, suppressed ones last.
pub fn human(entries: &[Entry<'_>], sources: &SourceMap, env_count: usize) -> String {
    let mut out = String::new();
    // (title, level of the unsuppressed findings listed; `None`: the suppressed ones).
    let groups = [
        ("errors", Some(Level::Error)),
        ("warnings", Some(Level::Warning)),
        ("notes", Some(Level::Note)),
        ("suppressed", None),
    ];
    for (title, level) in groups {
        let items: Vec<&Entry<'_>> = entries
            .iter()
            .filter(|e| match level {
                Some(l) => e.suppressed.is_none() && e.level == l,
                None => e.suppressed.is_some(),
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("{title} ({}):\n", items.len()));
        for e in items {
            let (path, line, col) = place(sources, e.span);
            out.push_str(&format!("  {path}:{line}:{col}  {}{}\n", rule_name(&e.source), environments(e, env_count)));
            out.push_str(&format!("      {}\n", e.message));
            if !e.checkov.is_empty() {
                out.push_str(&format!("      checkov: {}\n", e.checkov.join(", ")));
            }
            if let Some(reason) = &e.suppressed {
                out.push_str(&format!("      suppressed: {reason}\n"));
            }
        }
        out.push('\n');
    }
    let (errors, warnings, notes, suppressed) = counts(entries);
    out.push_str(&format!("{errors} error(s), {warnings} warning(s), {notes} note(s), {suppressed} suppressed\n"));
    out
}

/// `stackc-policy/1`: every finding with its rule, place, environments and checkov IDs.
pub fn json(entries: &[Entry<'_>], sources: &SourceMap) -> String {
    let findings: Vec<Json> = entries
        .iter()
        .map(|e| {
            let (path, line, column) = place(sources, e.span);
            json!({
                "rule": e.source.id(),
                "name": match e.source { Source::Rule(r) => r.name, Source::Policy(n) => n },
                "level": e.level.as_str(),
                "address": e.address,
                "message": e.message,
                "file": path,
                "line": line,
                "column": column,
                "environments": e.environments,
                "checkov": e.checkov,
                "suppressed": e.suppressed,
            })
        })
        .collect();
    let (errors, warnings, notes, suppressed) = counts(entries);
    let report = json!({
        "schema": "stackc-policy/1",
        "findings": findings,
        "summary": { "errors": errors, "warnings": warnings, "notes": notes, "suppressed": suppressed },
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// SARIF 2.1.0 as GitHub code scanning reads it: the rules that reported (with descriptions, help
/// and `security-severity`), results at the stack source relative to the repository root, and a
/// `primaryLocationLineHash` (the partial fingerprint GitHub combines with the file and rule) from
/// the rule, the resource address, the environments and the claimed checkov checks — not the line, so
/// an alert follows its resource when lines move.
///
/// Code scanning opens an alert for every result it is given (it does not read `suppressions`, and
/// ranks security alerts by `security-severity`, not `level`), so only unsuppressed errors and
/// warnings are written unless `all`, which adds notes and suppressed findings (with their
/// justification) for tools that read them.
pub fn sarif(entries: &[Entry<'_>], sources: &SourceMap, version: &str, all: bool) -> String {
    let entries: Vec<&Entry<'_>> =
        entries.iter().filter(|e| all || (e.suppressed.is_none() && e.level != Level::Note)).collect();
    let mut rule_ids: Vec<String> = Vec::new();
    let mut rules: Vec<Json> = Vec::new();
    for e in &entries {
        let id = e.source.id();
        if rule_ids.contains(&id) {
            continue;
        }
        rule_ids.push(id.clone());
        rules.push(match e.source {
            Source::Rule(r) => sarif_rule(r),
            Source::Policy(name) => json!({
                "id": id,
                "name": name,
                "shortDescription": { "text": format!("stack policy `{name}`") },
                "fullDescription": { "text": format!("The stack's own policy `{name}`, declared in a `policy` block.") },
                "help": { "text": "See the policy block in the stack source; docs/diagnostics/P0001.md.", "markdown": "See the `policy` block in the stack source ([P0001](docs/diagnostics/P0001.md))." },
                "defaultConfiguration": { "level": e.level.as_str() },
                "properties": { "tags": ["policy"] },
            }),
        });
    }
    // Identical inputs (rare: one rule twice on one resource with the same claims) get an ordinal.
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    let results: Vec<Json> = entries
        .iter()
        .map(|e| {
            let id = e.source.id();
            let key = format!("{id}\u{0}{}\u{0}{}\u{0}{}", e.address, e.environments.join(","), e.checkov.join(","));
            let base = fnv1a(&key);
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            let fingerprint = if *n == 1 { base } else { fnv1a(&format!("{key}\u{0}{n}")) };
            let mut result = json!({
                "ruleId": id,
                "ruleIndex": rule_ids.iter().position(|r| *r == id).unwrap_or(0),
                "level": e.level.as_str(),
                "message": { "text": e.message },
                "locations": [location(sources, e.span, &e.address)],
                "partialFingerprints": { "primaryLocationLineHash": format!("{fingerprint:016x}") },
                "properties": { "environments": e.environments, "checkov": e.checkov },
            });
            if let Some(reason) = &e.suppressed {
                result["suppressions"] = json!([{ "kind": "inSource", "justification": reason }]);
            }
            result
        })
        .collect();
    log(version, rules, results, Vec::new())
}

/// A SARIF log for a compilation that stopped before the policy report: no results, the errors as
/// tool execution notifications, and `executionSuccessful: false` — still a valid file to upload.
pub fn sarif_failed(diags: &[stackc_syntax::Diagnostic], sources: &SourceMap, version: &str) -> String {
    let notifications = diags
        .iter()
        .map(|d| {
            let mut n = json!({
                "level": if d.is_error() { "error" } else { "warning" },
                "message": { "text": format!("{} {}", d.code.as_str(), d.message) },
                "descriptor": { "id": d.code.as_str() },
            });
            if let Some(span) = d.span() {
                n["locations"] = json!([location(sources, span, "")]);
            }
            n
        })
        .collect();
    log(version, Vec::new(), Vec::new(), notifications)
}

fn log(version: &str, rules: Vec<Json>, results: Vec<Json>, notifications: Vec<Json>) -> String {
    let ok = notifications.is_empty();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "stackc",
                "semanticVersion": version,
                "informationUri": "https://github.com/stackc/stackc",
                "rules": rules,
            }},
            "invocations": [{ "executionSuccessful": ok, "toolExecutionNotifications": notifications }],
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn sarif_rule(r: &Rule) -> Json {
    let checkov = if r.checkov.is_empty() { String::new() } else { format!("\n\ncheckov: {}", r.checkov.join(", ")) };
    let markdown = format!(
        "{}\n\n**Fix:** {}\n\n```hcl\n{}\n```{checkov}\n\nSuppress with `suppress = {{ {} = {{ reason = \"…\", until = \"YYYY-MM-DD\" }} }}` on the resource.",
        r.why, r.fix, r.example, r.id
    );
    let mut tags: Vec<&str> = vec![r.category.as_str()];
    tags.extend(r.checkov.iter().copied());
    let mut properties = json!({ "tags": tags, "precision": "high" });
    if let Some(s) = r.security_severity {
        properties["security-severity"] = json!(format!("{s:.1}"));
    }
    json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": r.why },
        "help": { "text": format!("{} Fix: {}", r.why, r.fix), "markdown": markdown },
        "helpUri": format!("https://github.com/stackc/stackc/blob/main/docs/rules/{}.md", r.id),
        "defaultConfiguration": { "level": r.level(true).as_str() },
        "properties": properties,
    })
}

fn location(sources: &SourceMap, span: Span, address: &str) -> Json {
    let mut loc = json!({});
    if let Some(file) = sources.get(span.file) {
        let (sl, sc) = utf16_position(file, span.start);
        let (el, ec) = utf16_position(file, span.end.max(span.start));
        loc["physicalLocation"] = json!({
            "artifactLocation": { "uri": file.path, "uriBaseId": "%SRCROOT%" },
            "region": { "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec },
        });
    }
    if !address.is_empty() {
        loc["logicalLocations"] = json!([{ "fullyQualifiedName": address, "kind": "resource" }]);
    }
    loc
}

/// One-based line and column in UTF-16 code units (SARIF's default column kind).
fn utf16_position(file: &stackc_syntax::SourceFile, offset: u32) -> (u32, u32) {
    let (line, byte_col) = file.line_col(offset);
    let line_start = offset.saturating_sub(byte_col) as usize;
    let text = file.text.get(line_start..offset as usize).unwrap_or_default();
    (line + 1, text.encode_utf16().count() as u32 + 1)
}

/// FNV-1a, 64 bits: a stable fingerprint that does not depend on the Rust version.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
