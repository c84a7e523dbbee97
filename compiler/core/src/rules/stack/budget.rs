use crate::rules::{Category, Check, EnvSubject, Hits, Rule, Scope};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC501",
    name: "production-budget",
    title: "a production environment has a monthly budget",
    category: Category::Cost,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &[],
    why: "With a `budget`, every change that would take the environment's estimated monthly cost over it is an error (C0001) in the pull request that makes it, naming the largest contributors, instead of a surprise on the next invoice.",
    fix: "add `budget { monthly = … }` to the environment, a little above what `stackc cost --env <name>` estimates",
    example: "environment \"prod\" {\n  profile = \"production\"\n  budget {\n    monthly = 4000\n  }\n}",
    security_severity: None,
    check: Check::Environment(check),
};

fn check(s: &EnvSubject<'_>, out: &mut Hits) {
    // Only production is held to it: elsewhere there is nothing to note.
    if !s.production {
        return;
    }
    if s.decl.budget.is_none() {
        let cost = s.cost.map_or(String::new(), |c| format!(" (estimated {} a month)", crate::cost::usd(c.monthly)));
        out.hit(s.decl.name.span, format!("environment `{}` has no budget{cost}", s.env.name));
    }
}
