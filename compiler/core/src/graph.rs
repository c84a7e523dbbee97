//! The typed dependency graph of one environment: the one input of every later pass and emitter
//! (cost, policy, Terraform, Helm, Ansible, GitHub Actions).
//!
//! Resources are sorted by address and carry parsed, typed values; edges come from references,
//! deferred outputs and `depends_on`. Building it reports dependency cycles (every member, with the
//! span of each reference); everything else about the graph is a pass (`passes/`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use stackc_syntax::{Code, Diagnostic, Span};

use crate::domain::Duration;
use crate::schema::KindDef;
use crate::value::Value;

#[derive(Debug, Clone, Default)]
pub struct StackInfo {
    pub name: String,
    /// The stack's region: where the state bucket and the bootstrap root live.
    pub region: String,
    pub state_bucket: String,
    /// IAM principal ARNs with cluster-admin access to the stack's clusters.
    pub admins: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    pub reviewers: u32,
    pub wait: Option<Duration>,
}

/// One resource as evaluated in one environment.
#[derive(Debug, Clone)]
pub struct Resource {
    /// `database.orders`, or `module.web.database.db` inside a module instance.
    pub address: String,
    /// The resource's declaration: its index in `Program::resources`.
    pub decl: crate::program::ResourceIdx,
    pub kind: Arc<KindDef>,
    pub name: String,
    /// Module instance names from the root to the resource's scope.
    pub module_path: Vec<String>,
    /// Every attribute of the kind, by its position in the kind: set, overridden or defaulted
    /// (`Value::Null` when optional and unset). Read by name with [`Resource::attr`], all of them with
    /// [`Resource::attrs`].
    pub attr_values: Vec<Value>,
    /// Nested blocks by block name, in source order.
    pub blocks: litemap::LiteMap<String, Vec<BlockInstance>>,
    /// Explicit `depends_on` entries, with the span of the list.
    pub depends_on: Vec<(String, Span)>,
    /// The resource's name label.
    pub span: Span,
    /// The whole block.
    pub block_span: Span,
    /// Where each attribute's value was written (the name label when it came from the kind default), by
    /// the attribute's position in the kind: no name is stored twice per resource and environment.
    pub attr_spans: Arc<[Span]>,
    /// Rules and checkov checks deliberately not met (the `suppress` meta-attribute), by rule ID
    /// (`SC104`) or checkov ID (`CKV_AWS_144`).
    pub suppress: BTreeMap<String, Suppression>,
    /// Attributes whose value is their kind's default read from a profile field: attribute → field.
    pub profile_defaults: litemap::LiteMap<String, String>,
}

impl Resource {
    pub fn attr(&self, name: &str) -> &Value {
        self.kind.attributes.get_index_of(name).and_then(|i| self.attr_values.get(i)).unwrap_or(&Value::Null)
    }

    /// Every attribute and its value, in name order.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.kind.by_name.iter().filter_map(|&i| {
            let (name, _) = self.kind.attributes.get_index(i)?;
            Some((name.as_str(), self.attr_values.get(i)?))
        })
    }

    pub fn attr_span(&self, name: &str) -> Span {
        self.kind.attributes.get_index_of(name).and_then(|i| self.attr_spans.get(i)).copied().unwrap_or(self.span)
    }

    pub fn blocks(&self, name: &str) -> &[BlockInstance] {
        self.blocks.get(name).map_or(&[], Vec::as_slice)
    }

    /// A name unique in the stack, usable in identifiers: `orders`, or `web-db` inside module `web`.
    pub fn qualified_name(&self) -> String {
        let mut parts = self.module_path.clone();
        parts.push(self.name.clone());
        parts.join("-")
    }
}

/// One entry of a resource's `suppress`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub reason: String,
    /// After this day the suppression is an error (E0419).
    pub until: Option<crate::domain::Date>,
    /// The entry's value, or the whole `suppress` expression when it is not an object literal.
    pub span: Span,
}

impl Resource {
    /// The `checkov:skip` entries of the resource's suppressions: a rule's checkov IDs, or the
    /// checkov ID itself, each with its reason, sorted and unique.
    pub fn checkov_skips(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for (key, s) in &self.suppress {
            for id in crate::rules::checkov_ids(key) {
                if !out.iter().any(|(c, _)| *c == id) {
                    out.push((id, s.reason.as_str()));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

#[derive(Debug, Clone)]
pub struct BlockInstance {
    pub label: Option<String>,
    pub attrs: crate::value::Map,
    /// The block's header.
    pub span: Span,
    /// Where each attribute written in the block was written (defaults are not listed).
    pub attr_spans: litemap::LiteMap<String, Span>,
    /// Attributes whose value is a default read from a profile field: attribute → field.
    pub profile_defaults: litemap::LiteMap<String, String>,
}

impl BlockInstance {
    pub fn attr(&self, name: &str) -> &Value {
        self.attrs.get(name).unwrap_or(&Value::Null)
    }

    /// Where an attribute was written, else the block's header.
    pub fn attr_span(&self, name: &str) -> Span {
        self.attr_spans.get(name).copied().unwrap_or(self.span)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// The dependent's attribute holds a reference or a deferred output of the dependency.
    Reference,
    /// Declared with `depends_on`.
    DependsOn,
}

/// An edge from a resource to what it depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    /// The attribute that holds the reference (`depends_on` for explicit edges).
    pub attribute: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnvGraph {
    pub name: String,
    pub profile: String,
    pub region: String,
    pub profile_fields: crate::value::Map,
    pub stack: StackInfo,
    pub approval: Option<Approval>,
    resources: Vec<Resource>,
    index: crate::schema::FastMap<String, usize>,
    /// Per kind name: its resources' positions, in address order (`of_kind` without a scan).
    by_kind: crate::schema::FastMap<String, Vec<usize>>,
    /// Node `i` is `resources[i]`; an edge points from a dependent to its dependency.
    graph: DiGraph<usize, Edge>,
}

impl EnvGraph {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        name: String,
        profile: String,
        region: String,
        profile_fields: crate::value::Map,
        stack: StackInfo,
        approval: Option<Approval>,
        resources: Vec<Resource>,
        diags: &mut Vec<Diagnostic>,
    ) -> EnvGraph {
        let index: crate::schema::FastMap<String, usize> =
            resources.iter().enumerate().map(|(i, r)| (r.address.clone(), i)).collect();
        let mut graph = DiGraph::with_capacity(resources.len(), resources.len() * 2);
        for i in 0..resources.len() {
            graph.add_node(i);
        }
        for (i, r) in resources.iter().enumerate() {
            // One edge per (dependency, kind, attribute).
            let mut found: Vec<(usize, EdgeKind, &str, Span)> = Vec::new();
            for ((attr, def), (value, &span)) in
                r.kind.attributes.iter().zip(r.attr_values.iter().zip(r.attr_spans.iter()))
            {
                if !def.orders {
                    continue;
                }
                let attr = attr.as_str();
                value.visit_refs(&mut |target| {
                    if let Some(&j) = index.get(target) {
                        found.push((j, EdgeKind::Reference, attr, span));
                    }
                });
            }
            for (bname, instances) in &r.blocks {
                for inst in instances {
                    for value in inst.attrs.values() {
                        value.visit_refs(&mut |target| {
                            if let Some(&j) = index.get(target) {
                                found.push((j, EdgeKind::Reference, bname.as_str(), inst.span));
                            }
                        });
                    }
                }
            }
            for (target, span) in &r.depends_on {
                if let Some(&j) = index.get(target.as_str()) {
                    found.push((j, EdgeKind::DependsOn, "depends_on", *span));
                }
            }
            found.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
            found.dedup_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2));
            for (j, kind, attribute, span) in found {
                graph.add_edge(
                    NodeIndex::new(i),
                    NodeIndex::new(j),
                    Edge { kind, attribute: attribute.to_owned(), span },
                );
            }
        }
        let mut by_kind: crate::schema::FastMap<String, Vec<usize>> = Default::default();
        for (i, r) in resources.iter().enumerate() {
            by_kind.entry(r.kind.name.clone()).or_default().push(i);
        }
        let env = EnvGraph { name, profile, region, profile_fields, stack, approval, resources, index, by_kind, graph };
        env.report_cycles(diags);
        env
    }

    /// Resources sorted by address.
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    pub fn get(&self, address: &str) -> Option<&Resource> {
        self.index.get(address).map(|&i| &self.resources[i])
    }

    /// The resources of a kind, in address order.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.by_kind.get(kind).map_or(&[][..], Vec::as_slice).iter().map(|&i| &self.resources[i])
    }

    /// What `address` depends on, with the edges, sorted by dependency address.
    pub fn dependencies(&self, address: &str) -> Vec<(&Resource, &Edge)> {
        let Some(&i) = self.index.get(address) else { return Vec::new() };
        let mut out: Vec<_> = self
            .graph
            .edges(NodeIndex::new(i))
            .map(|e| (&self.resources[self.graph[e.target()]], e.weight()))
            .collect();
        out.sort_by(|a, b| (a.0.address.as_str(), &a.1.attribute).cmp(&(b.0.address.as_str(), &b.1.attribute)));
        out
    }

    /// What depends on `address`, sorted by dependent address.
    pub fn dependents(&self, address: &str) -> Vec<&Resource> {
        let Some(&i) = self.index.get(address) else { return Vec::new() };
        let mut out: Vec<&Resource> = self
            .graph
            .edges_directed(NodeIndex::new(i), petgraph::Direction::Incoming)
            .map(|e| &self.resources[self.graph[e.source()]])
            .collect();
        out.sort_by(|a, b| a.address.cmp(&b.address));
        out.dedup_by(|a, b| a.address == b.address);
        out
    }

    /// Every resource after all of its dependencies; ties broken by address. `None` if there is a cycle.
    pub fn topological_order(&self) -> Option<Vec<&Resource>> {
        let n = self.resources.len();
        let mut remaining: Vec<usize> = (0..n)
            .map(|i| self.graph.edges(NodeIndex::new(i)).map(|e| e.target()).collect::<BTreeSet<_>>().len())
            .collect();
        let mut ready: BTreeSet<usize> = (0..n).filter(|&i| remaining[i] == 0).collect();
        let mut out = Vec::with_capacity(n);
        while let Some(i) = ready.pop_first() {
            out.push(&self.resources[i]);
            let dependents: BTreeSet<usize> = self
                .graph
                .edges_directed(NodeIndex::new(i), petgraph::Direction::Incoming)
                .map(|e| e.source().index())
                .collect();
            for d in dependents {
                remaining[d] -= 1;
                if remaining[d] == 0 {
                    ready.insert(d);
                }
            }
        }
        (out.len() == n).then_some(out)
    }

    /// All edges as (dependent, dependency, edge), sorted.
    pub fn edges(&self) -> Vec<(&str, &str, &Edge)> {
        let mut out: Vec<_> = self
            .graph
            .edge_references()
            .map(|e| {
                (
                    self.resources[e.source().index()].address.as_str(),
                    self.resources[e.target().index()].address.as_str(),
                    e.weight(),
                )
            })
            .collect();
        out.sort_by(|a, b| (a.0, a.1, &a.2.attribute).cmp(&(b.0, b.1, &b.2.attribute)));
        out
    }

    fn report_cycles(&self, diags: &mut Vec<Diagnostic>) {
        for scc in tarjan_scc(&self.graph) {
            let self_loop = scc.len() == 1 && self.graph.find_edge(scc[0], scc[0]).is_some();
            if scc.len() < 2 && !self_loop {
                continue;
            }
            let members: BTreeSet<usize> = scc.iter().map(|n| n.index()).collect();
            // Walk the cycle from its smallest address so the report is deterministic.
            let start = *members.iter().next().unwrap_or(&0);
            let mut path = vec![start];
            let mut current = start;
            loop {
                let next = self
                    .graph
                    .edges(NodeIndex::new(current))
                    .filter(|e| members.contains(&e.target().index()))
                    .map(|e| e.target().index())
                    .min_by_key(|&t| {
                        if t == start {
                            (0, t)
                        } else if path.contains(&t) {
                            (2, t)
                        } else {
                            (1, t)
                        }
                    });
                match next {
                    Some(t) if t == start || path.contains(&t) => break,
                    Some(t) => {
                        path.push(t);
                        current = t;
                    }
                    None => break,
                }
            }
            let names: Vec<&str> = path
                .iter()
                .map(|&i| self.resources[i].address.as_str())
                .chain([self.resources[start].address.as_str()])
                .collect();
            let groups = path.iter().all(|&i| self.resources[i].kind.name == "host_group");
            let mut d = if groups {
                Diagnostic::error(Code::E0501, "an inventory group is its own descendant")
                    .help("remove one of these `children` entries: Ansible groups nest as a tree, and a group cannot contain itself")
            } else {
                Diagnostic::error(Code::E0501, "dependency cycle")
                    .help("remove one of these references or `depends_on` entries; resources must form a directed acyclic graph")
            }
            .note(format!("cycle: {}", names.join(" → ")));
            for (k, &from) in path.iter().enumerate() {
                let to = path.get(k + 1).copied().unwrap_or(start);
                if let Some(e) = self.graph.find_edge(NodeIndex::new(from), NodeIndex::new(to)) {
                    let w = &self.graph[e];
                    let (a, b) = (&self.resources[from].address, &self.resources[to].address);
                    let msg = if groups {
                        format!("`{a}` contains `{b}` here")
                    } else {
                        format!("`{a}` depends on `{b}` here")
                    };
                    d = if k == 0 { d.primary(w.span, msg) } else { d.secondary(w.span, msg) };
                }
            }
            diags.push(d);
        }
    }
}
