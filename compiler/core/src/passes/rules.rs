//! The built-in rules ([`crate::rules`]) over one environment: every finding is kept as data in
//! [`super::EnvResult::findings`] (for `stackc policy` and SARIF); unsuppressed errors and warnings
//! are also P0002 diagnostics at the stack source. Over the whole stack ([`stack`]): suppressions
//! past their `until` (E0419) and suppressions no finding needed (W0418).

use std::collections::{BTreeMap, HashSet};

use foldhash::fast::FixedState;

use stackc_syntax::{Code, Diagnostic, Severity, Span};

use crate::cost::EnvCost;
use crate::domain::Date;
use crate::graph::{EnvGraph, Suppression};
use crate::program::EnvironmentDecl;
use crate::rules::{self, Finding, Level};

pub(crate) fn run(
    env: &EnvGraph,
    views: &[rules::AwsView<'_>],
    decl: &EnvironmentDecl,
    cost: Option<&EnvCost>,
    production: bool,
    stack_span: stackc_syntax::Span,
) -> (Vec<Finding>, Vec<Diagnostic>) {
    let findings = rules::run(env, views, decl, cost, production, stack_span);
    let diags = findings.iter().filter(|f| f.suppressed.is_none()).filter_map(diagnostic).collect();
    (findings, diags)
}

/// The diagnostic of an unsuppressed finding (notes have none).
pub fn diagnostic(f: &Finding) -> Option<Diagnostic> {
    let severity = match f.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Note => return None,
    };
    let rule = f.rule;
    let mut d = Diagnostic::error(Code::P0002, format!("{} {}: {}", rule.id, rule.name, f.message))
        .primary(f.span, format!("{} expects: {}", rule.id, rule.title))
        .help(rule.fix);
    if !f.checkov.is_empty() {
        d.notes.push(format!("checkov reports it as {}", f.checkov.join(", ")));
    }
    let on = match rule.check {
        rules::Check::Resource(..) => "the resource",
        rules::Check::Environment(_) => "the environment",
    };
    d.notes.push(format!(
        "if it is deliberate: `suppress = {{ {} = {{ reason = \"…\", until = \"YYYY-MM-DD\" }} }}` on {on} (docs/rules/{}.md)",
        rule.id, rule.id
    ));
    Some(Diagnostic { severity, ..d })
}

/// A suppression entry as seen over every environment.
struct Entry<'a> {
    address: &'a str,
    /// Its `until` may differ per environment (an expression of `env`): the earliest counts.
    until: Option<Date>,
    used: bool,
}

fn add<'a>(
    entries: &mut BTreeMap<(Span, &'a str), Entry<'a>>,
    key: &'a str,
    address: &'a str,
    s: &Suppression,
    used: bool,
) {
    let e = entries.entry((s.span, key)).or_insert(Entry { address, until: s.until, used: false });
    e.until = match (e.until, s.until) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    e.used |= used;
}

/// How long before its `until` a suppression is reported as expiring (W0419).
const EXPIRY_NOTICE_DAYS: i64 = 14;

/// Suppressions over every environment: expired ones (when `today` is known), ones about to expire,
/// and ones that covered nothing anywhere.
pub(crate) fn stack(
    environments: &[super::EnvResult],
    decls: &[EnvironmentDecl],
    today: Option<Date>,
) -> Vec<Diagnostic> {
    // (address, key) a suppression entry is needed for: a rule that reported on the address, or a
    // checkov check a finding there claims (suppressed or not: the `checkov:skip` it writes is what
    // keeps checkov quiet about it).
    let mut used: HashSet<(&str, &str), FixedState> = HashSet::default();
    for e in environments {
        for f in &e.findings {
            used.insert((f.address.as_str(), f.rule.id));
            for c in &f.checkov {
                used.insert((f.address.as_str(), c));
            }
        }
    }
    // Every checkov check some rule predicts; a suppression of any other is kept for checkov alone.
    let predicted: HashSet<&str, FixedState> = rules::all().flat_map(|r| r.checkov.iter().copied()).collect();
    // One diagnostic per suppression entry (by span and key), whatever the number of environments.
    let mut entries: BTreeMap<(Span, &str), Entry<'_>> = BTreeMap::new();
    let env_addresses: Vec<String> = decls.iter().map(|d| format!("environment.{}", d.name.name)).collect();
    for (decl, address) in decls.iter().zip(&env_addresses) {
        for (key, s) in &decl.suppress {
            add(&mut entries, key.as_str(), address.as_str(), s, used.contains(&(address.as_str(), key.as_str())));
        }
    }
    for e in environments {
        for res in e.graph.resources() {
            for (key, s) in &res.suppress {
                let needed = used.contains(&(res.address.as_str(), key.as_str()));
                add(&mut entries, key.as_str(), res.address.as_str(), s, needed);
            }
        }
    }
    let mut diags = Vec::new();
    for ((span, key), entry) in entries {
        let address = entry.address;
        if let (Some(until), Some(today)) = (entry.until, today) {
            if until < today {
                diags.push(
                    Diagnostic::error(
                        Code::E0419,
                        format!("the suppression of `{key}` on `{address}` expired on {until}"),
                    )
                    .primary(span, format!("held until {until}"))
                    .help("meet the rule now, or renew the suppression with a new reason and date after review"),
                );
                continue;
            }
            let left = until.days_since(today);
            if left < EXPIRY_NOTICE_DAYS {
                let when = if left == 0 { "today".to_owned() } else { format!("in {left} day(s), on {until}") };
                diags.push(
                    Diagnostic::warning(
                        Code::W0419,
                        format!("the suppression of `{key}` on `{address}` expires {when}"),
                    )
                    .primary(span, format!("held until {until}"))
                    .help(
                        "meet the rule before then, or renew the suppression with a new reason and date after review",
                    ),
                );
            }
        }
        if !entry.used && (rules::is_rule_id(key) || predicted.contains(key)) {
            let what = match rules::by_id(key) {
                Some(rule) => format!("rule {key} ({}) reports nothing on `{address}`", rule.name),
                None => format!("no built-in rule reports `{key}` on `{address}`"),
            };
            diags.push(
                Diagnostic::warning(Code::W0418, format!("the suppression of `{key}` suppresses nothing"))
                    .primary(span, what)
                    .help("remove it: a suppression that covers nothing hides the next real finding"),
            );
        }
    }
    diags
}
