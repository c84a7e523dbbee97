//! The cost pass: prices the environment ([`crate::cost::estimate`]) and checks its budget. Over
//! budget is C0001 at the `budget` block, naming the largest contributors; a line without a price is
//! C0002 at its resource, reported here only when the environment has a budget (which it makes
//! incomplete) — `stackc cost` lists every one.

use stackc_syntax::{Code, Diagnostic};

use crate::cost::{self, usd, EnvCost};
use crate::graph::EnvGraph;
use crate::program::EnvironmentDecl;
use crate::rules::AwsView;

pub(crate) fn run(
    graph: &EnvGraph,
    decl: &EnvironmentDecl,
    views: &[AwsView<'_>],
) -> (Option<EnvCost>, Vec<Diagnostic>) {
    // A view error is an internal error the Terraform lowering reports with its context.
    let Ok(estimate) = cost::estimate_with(graph, &decl.usage, views) else { return (None, Vec::new()) };
    let mut diags = Vec::new();
    if let Some(budget) = &decl.budget {
        let mut seen = std::collections::HashSet::new();
        for (res, item) in estimate.unpriced() {
            let reason = item.no_price.clone().unwrap_or_default();
            if !seen.insert((res.address.as_str(), reason.clone())) {
                continue;
            }
            let mut d = Diagnostic::warning(Code::C0002, format!("no price: {reason}"))
                .help("the estimate counts it as $0; see docs/cost.md for what the catalog covers");
            if let Some(span) = res.span {
                d = d.primary(span, format!("`{}` is priced without it", res.address));
            } else {
                d = d.primary(budget.span, "the environment's shared costs are priced without it");
            }
            diags.push(d);
        }
        if estimate.monthly > budget.monthly {
            let mut top: Vec<_> = estimate.resources.iter().filter(|r| r.monthly > 0.0).collect();
            top.sort_by(|a, b| b.monthly.total_cmp(&a.monthly).then_with(|| a.address.cmp(&b.address)));
            let largest: Vec<String> =
                top.iter().take(3).map(|r| format!("`{}` {}", r.address, usd(r.monthly))).collect();
            let mut d = Diagnostic::error(
                Code::C0001,
                format!(
                    "environment `{}` costs {} a month, over its budget of {}",
                    graph.name,
                    usd(estimate.monthly),
                    usd(budget.monthly)
                ),
            )
            .primary(budget.span, format!("budget {}", usd(budget.monthly)))
            .help(format!(
                "the largest contributors: {}; `stackc cost --env {}` lists every line",
                largest.join(", "),
                graph.name
            ));
            if estimate.unpriced().next().is_some() {
                d.notes.push("lines without a price (C0002) count as $0: the environment may cost more".to_owned());
            }
            diags.push(Diagnostic { severity: budget.severity, ..d });
        }
    }
    (Some(estimate), diags)
}
