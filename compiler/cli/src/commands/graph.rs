//! `stackc graph DIR`: the dependency graph of each environment as DOT, Mermaid or JSON.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;
use stackc_core::graph::EdgeKind;
use stackc_core::EnvGraph;

use crate::render::{self, Format as DiagFormat};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The stack directory
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only this environment (default: all)
    #[arg(long)]
    env: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
}

pub fn run(args: &Args) -> u8 {
    let compilation = match super::compile(&args.dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if compilation.has_errors() {
        render::print_diagnostics(compilation, DiagFormat::Human);
        return 1;
    }
    let envs: Vec<&EnvGraph> = match &args.env {
        Some(name) => match compilation.environment(name) {
            Some(e) => vec![&e.graph],
            None => {
                let all: Vec<&str> = compilation.graphs().map(|e| e.name.as_str()).collect();
                eprintln!("error: no environment `{name}`; the stack has: {}", all.join(", "));
                return 2;
            }
        },
        None => compilation.graphs().collect(),
    };
    let out = match args.format {
        GraphFormat::Dot => dot(&envs),
        GraphFormat::Mermaid => mermaid(&envs),
        GraphFormat::Json => json(&envs),
    };
    super::print_stdout(&out)
}

fn dot_id(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// DOT: one cluster per environment; node ids are prefixed by the environment.
pub fn dot(envs: &[&EnvGraph]) -> String {
    let mut out = String::from("digraph stack {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for env in envs {
        let _ = writeln!(
            out,
            "  subgraph {} {{\n    label={};",
            dot_id(&format!("cluster_{}", env.name)),
            dot_id(&format!("{} ({})", env.name, env.profile))
        );
        for r in env.resources() {
            let _ =
                writeln!(out, "    {} [label={}];", dot_id(&format!("{}/{}", env.name, r.address)), dot_id(&r.address));
        }
        for (from, to, edge) in env.edges() {
            let style = if edge.kind == EdgeKind::DependsOn { ", style=dashed" } else { "" };
            let _ = writeln!(
                out,
                "    {} -> {} [label={}{style}];",
                dot_id(&format!("{}/{from}", env.name)),
                dot_id(&format!("{}/{to}", env.name)),
                dot_id(&edge.attribute)
            );
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

fn mermaid_id(env: &str, address: &str) -> String {
    format!("{env}_{address}").chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// Mermaid flowchart: one subgraph per environment.
pub fn mermaid(envs: &[&EnvGraph]) -> String {
    let mut out = String::from("flowchart LR\n");
    for env in envs {
        let _ = writeln!(out, "  subgraph {}[\"{} ({})\"]", mermaid_id(&env.name, "env"), env.name, env.profile);
        for r in env.resources() {
            let _ = writeln!(out, "    {}[\"{}\"]", mermaid_id(&env.name, &r.address), r.address);
        }
        for (from, to, edge) in env.edges() {
            let arrow = if edge.kind == EdgeKind::DependsOn { "-.->" } else { "-->" };
            let _ = writeln!(
                out,
                "    {} {arrow}|{}| {}",
                mermaid_id(&env.name, from),
                edge.attribute,
                mermaid_id(&env.name, to)
            );
        }
        out.push_str("  end\n");
    }
    out
}

#[derive(Serialize)]
struct JsonEnv<'a> {
    environment: &'a str,
    profile: &'a str,
    region: &'a str,
    resources: Vec<JsonResource<'a>>,
}

#[derive(Serialize)]
struct JsonResource<'a> {
    address: &'a str,
    kind: &'a str,
    name: &'a str,
    depends_on: Vec<JsonEdge<'a>>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    address: &'a str,
    via: &'a str,
    explicit: bool,
}

pub fn json(envs: &[&EnvGraph]) -> String {
    let out: Vec<JsonEnv> = envs
        .iter()
        .map(|env| JsonEnv {
            environment: &env.name,
            profile: &env.profile,
            region: &env.region,
            resources: env
                .resources()
                .iter()
                .map(|r| JsonResource {
                    address: &r.address,
                    kind: &r.kind.name,
                    name: &r.name,
                    depends_on: env
                        .dependencies(&r.address)
                        .into_iter()
                        .map(|(d, e)| JsonEdge {
                            address: &d.address,
                            via: &e.attribute,
                            explicit: e.kind == EdgeKind::DependsOn,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
