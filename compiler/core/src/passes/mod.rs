//! Passes: functions over one environment's evaluated graph that report diagnostics and, where they
//! compute something, return it as data. They run after evaluation, before any target, in every
//! compilation (so `stackc check`, `build` and the editor see the same findings).
//!
//! - `cidr`: overlapping address spaces and subnets outside their network;
//! - `aws`: what AWS would reject in the lowered Terraform (zones, derived names, certificates);
//! - `kubernetes`: what the Helm releases would collide on (release and service-account names per
//!   namespace, ingress host and path per cluster);
//! - `inventory`: what would make an Ansible inventory wrong without Ansible saying so (names that
//!   merge, addresses, variables an attribute sets, values no inventory holds);
//! - `pipeline` (over all environments, [`stack`]): promotion order, contexts, branch patterns,
//!   registries, one build per image tag;
//! - `cost`: what the environment costs a month ([`crate::cost`]), its budget, missing prices;
//! - `checks`: the rules kinds declare (`check` blocks of the stdlib), per resource and block;
//! - `rules`: the built-in rules ([`crate::rules`]), findings kept in [`EnvResult`]; over the stack,
//!   suppressions that expired or suppress nothing;
//! - `policy`: the stack's own `policy` blocks, with their outcomes kept in [`EnvResult`].
//!
//! A new pass is a file here with a `run` function, called from [`run`] in the order it needs.

mod aws;
mod checks;
mod cidr;
mod cost;
mod inventory;
mod kubernetes;
mod pipeline;
mod policy;
pub mod rules;

use stackc_syntax::Diagnostic;

pub use policy::PolicyOutcome;

use crate::eval::Evaluator;
use crate::graph::EnvGraph;
use crate::program::EnvironmentDecl;

/// Everything compiled for one environment: its graph and what the passes computed over it.
#[derive(Debug)]
pub struct EnvResult {
    pub graph: EnvGraph,
    /// Every outcome of the stack's policies in this environment, passed or not.
    pub policies: Vec<PolicyOutcome>,
    /// What the environment costs a month (`None` when a view failed: an internal error the
    /// lowering reports).
    pub cost: Option<crate::cost::EnvCost>,
    /// Every finding of the built-in rules, suppressed or not, notes included.
    pub findings: Vec<crate::rules::Finding>,
}

/// The passes over every environment at once: what only the whole stack shows (a pipeline's
/// promotion order, one image built for several environments).
pub(crate) fn stack(
    environments: &[EnvResult],
    decls: &[EnvironmentDecl],
    today: Option<crate::domain::Date>,
) -> Vec<Diagnostic> {
    let graphs: Vec<&EnvGraph> = environments.iter().map(|e| &e.graph).collect();
    let mut diags = pipeline::run(&graphs);
    diags.extend(rules::stack(environments, decls, today));
    diags
}

/// Runs every pass over one environment's graph. `evaluator` is the environment's own, so policies
/// read the values already computed.
pub(crate) fn run(
    graph: std::sync::Arc<EnvGraph>,
    decl: &EnvironmentDecl,
    evaluator: &mut Evaluator<'_>,
) -> (EnvResult, Vec<Diagnostic>) {
    let production = evaluator.program.profiles.get(&graph.profile).is_some_and(|p| p.base == "production");
    let stack_span = evaluator.program.stack.as_ref().map_or(decl.span, |s| s.name.span);
    // The passes that read only the graph run beside the kinds' checks, which need the evaluator:
    // three environments on two cores otherwise leave one idle while the last one finishes.
    let (mut diags, checked, (cost, cost_diags), (findings, rule_diags)) = std::thread::scope(|scope| {
        let graph_only = scope.spawn(|| {
            let mut diags = cidr::run(&graph);
            diags.extend(aws::run(&graph));
            diags.extend(kubernetes::run(&graph));
            diags.extend(inventory::run(&graph));
            // Each resource's AWS view, built once for the cost models and the rules.
            let views: Vec<crate::rules::AwsView<'_>> =
                graph.resources().iter().map(crate::kinds::AwsKind::view).collect();
            let cost = cost::run(&graph, decl, &views);
            let rules = rules::run(&graph, &views, decl, cost.0.as_ref(), production, stack_span);
            (diags, cost, rules)
        });
        let checked = checks::run(evaluator, &graph);
        let (diags, cost, rules) = graph_only.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (diags, checked, cost, rules)
    });
    // In the order the passes are listed, whichever finished first.
    diags.extend(checked);
    diags.extend(cost_diags);
    diags.extend(rule_diags);
    let (policies, policy_diags) = policy::run(evaluator, &graph, cost.as_ref());
    diags.extend(policy_diags);
    // The evaluator read values from the graph; with its handle gone, the graph is this result's.
    evaluator.release();
    let graph = std::sync::Arc::try_unwrap(graph).unwrap_or_else(|shared| (*shared).clone());
    (EnvResult { graph, policies, cost, findings }, diags)
}
