//! The cost estimate as text: a table for terminals, Markdown for pull-request comments, and JSON of a
//! stable schema (`stackc-cost/1`) for tools. Pure functions of the estimates, so the CLI, `plan` and
//! the editor print the same thing.

use serde::Serialize;

use super::{thousands, usd, EnvCost, LineItem};

/// The JSON document: `{"schema": "stackc-cost/1", "currency": "USD", "environments": [...]}`.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    currency: &'static str,
    hours_per_month: f64,
    environments: &'a [&'a EnvCost],
}

pub fn json(envs: &[&EnvCost]) -> String {
    let doc = Document {
        schema: "stackc-cost/1",
        currency: "USD",
        hours_per_month: super::HOURS_PER_MONTH,
        environments: envs,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// `1,460` or `0.5`: a quantity as people read it.
fn quantity(q: f64) -> String {
    if q.fract() == 0.0 && q.abs() < 1e15 {
        thousands(q as i64)
    } else {
        let s = format!("{q:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn rate(item: &LineItem) -> String {
    match item.usd_per_unit {
        Some(p) => {
            let s = format!("{p:.6}");
            format!("${}", s.trim_end_matches('0').trim_end_matches('.'))
        }
        None => "no price".to_owned(),
    }
}

/// `$1,234.50`, or `at least $1,234.50` when lines have no price.
fn total(env: &EnvCost) -> String {
    match env.unpriced_lines {
        0 => usd(env.monthly),
        n => format!("at least {} ({n} line{} not priced)", usd(env.monthly), if n == 1 { "" } else { "s" }),
    }
}

/// `730 hour` or `100 × 10k requests`: a count of a unit that is itself a quantity gets a `×`.
fn amount(item: &LineItem) -> String {
    let scaled = item.unit.starts_with(|c: char| c.is_ascii_digit())
        || item.unit.starts_with("thousand ")
        || item.unit.starts_with("million ");
    format!("{}{}{}", quantity(item.quantity), if scaled { " × " } else { " " }, item.unit)
}

fn assumption(item: &LineItem) -> String {
    item.assumption.map(|a| format!(" [{a}]")).unwrap_or_default()
}

/// The terminal table: per environment, each resource with its lines, then the total.
pub fn table(envs: &[&EnvCost]) -> String {
    let mut out = String::new();
    for (i, env) in envs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{} ({}): {} a month\n", env.environment, env.region, total(env)));
        let mut rows: Vec<[String; 3]> = Vec::new();
        for res in &env.resources {
            rows.push([format!("{} ({})", res.address, res.kind), String::new(), usd(res.monthly)]);
            for item in &res.items {
                rows.push([
                    format!("  {}{}", item.what, assumption(item)),
                    format!("{} × {}", amount(item), rate(item)),
                    if item.usd_per_unit.is_some() { usd(item.monthly) } else { "—".to_owned() },
                ]);
            }
        }
        let w0 = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
        let w1 = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
        let w2 = rows.iter().map(|r| r[2].chars().count()).max().unwrap_or(0);
        for [a, b, c] in &rows {
            let line = format!("  {a:<w0$}  {b:<w1$}  {c:>w2$}");
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let total = format!("  {:<w0$}  {:<w1$}  {:>w2$}", "total", "", usd(env.monthly));
        out.push_str(&total);
        out.push('\n');
        notes(env, &mut out, "  ");
    }
    out
}

/// Assumptions that were overridden, and lines without a price.
fn notes(env: &EnvCost, out: &mut String, indent: &str) {
    let overridden: Vec<String> = env
        .usage
        .iter()
        .filter(|u| u.overridden)
        .map(|u| format!("{} = {} ({})", u.key, quantity(u.value), u.unit))
        .collect();
    if !overridden.is_empty() {
        out.push_str(&format!("{indent}usage set by the environment: {}\n", overridden.join(", ")));
    }
    let mut unpriced: Vec<String> = Vec::new();
    for (r, i) in env.unpriced() {
        let line = format!("{}: {}", r.address, i.no_price.as_deref().unwrap_or("no price"));
        if !unpriced.contains(&line) {
            unpriced.push(line);
        }
    }
    if !unpriced.is_empty() {
        out.push_str(&format!("{indent}not priced (counted as $0, the total is a lower bound):\n"));
        for u in unpriced {
            out.push_str(&format!("{indent}  {u}\n"));
        }
    }
}

fn md(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Markdown for a pull-request comment: a summary table, then each environment's lines.
pub fn markdown(envs: &[&EnvCost]) -> String {
    let mut out = String::from("| Environment | Region | Monthly |\n|---|---|---:|\n");
    for env in envs {
        out.push_str(&format!("| {} | {} | {} |\n", env.environment, env.region, total(env)));
    }
    for env in envs {
        out.push_str(&format!("\n### {} — {} a month\n\n", env.environment, total(env)));
        out.push_str("| Resource | Line item | Quantity | Rate | Monthly |\n|---|---|---:|---:|---:|\n");
        for res in &env.resources {
            out.push_str(&format!("| **{}** ({}) | | | | **{}** |\n", md(&res.address), res.kind, usd(res.monthly)));
            for item in &res.items {
                out.push_str(&format!(
                    "| | {}{} | {} | {} | {} |\n",
                    md(&item.what),
                    assumption(item),
                    amount(item),
                    rate(item),
                    if item.usd_per_unit.is_some() { usd(item.monthly) } else { "—".to_owned() }
                ));
            }
        }
        out.push_str(&format!("| **total** | | | | **{}** |\n", usd(env.monthly)));
        let mut n = String::new();
        notes(env, &mut n, "");
        if !n.is_empty() {
            out.push('\n');
            for line in n.lines() {
                out.push_str(&format!("> {}\n", line.trim_start()));
            }
        }
    }
    out
}
