use crate::rules::{Category, Check, EnvSubject, Hits, Rule, Scope};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC302",
    name: "production-approval",
    title: "deploys to production wait for a reviewer's approval",
    category: Category::Delivery,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &[],
    why: "Without an approval, every merge to the default branch reaches production as soon as the earlier environments are healthy, with nobody deciding when. The `approval` block becomes required reviewers (and a wait timer) on the GitHub environment the deploy job runs in.",
    fix: "add `approval { reviewers = 1 }` to the environment (and `wait = \"30m\"` for a soak time)",
    example: "environment \"prod\" {\n  profile = \"production\"\n  approval {\n    reviewers = 1\n    wait      = \"30m\"\n  }\n}",
    security_severity: None,
    check: Check::Environment(check),
};

fn check(s: &EnvSubject<'_>, out: &mut Hits) {
    // Only production is held to it: elsewhere there is nothing to note.
    if !s.production {
        return;
    }
    match &s.env.approval {
        None => out.hit(s.decl.name.span, format!("environment `{}` deploys without an approval", s.env.name)),
        Some(a) if a.reviewers == 0 => {
            let span = s.decl.approval.as_ref().map_or(s.decl.name.span, |a| a.span);
            out.hit(span, format!("environment `{}` requires no reviewer", s.env.name));
        }
        Some(_) => {}
    }
}
