use crate::rules::{Category, Check, EnvSubject, Hits, Rule, Scope};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC601",
    name: "owner-tag",
    title: "every resource is tagged with its owner",
    category: Category::Tagging,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &[],
    why: "stackc tags every AWS resource with the stack's `tags` (plus its name and stack address). Without an `owner` tag (or `team`, `maintainer`, `contact`), the bill, a security finding or an unexpected resource in the account cannot be routed to the people who can act on it.",
    fix: "add `owner = \"<team>\"` to the stack's `tags`",
    example: "stack \"shop\" {\n  region = \"us-east-1\"\n  tags = {\n    owner       = \"shop-team\"\n    cost-center = \"engineering\"\n  }\n}",
    security_severity: None,
    check: Check::Environment(check),
};

/// Tag keys that name who owns a resource.
const OWNER_KEYS: [&str; 6] = ["owner", "team", "maintainer", "owner-team", "owner_team", "contact"];

fn check(s: &EnvSubject<'_>, out: &mut Hits) {
    let tags = &s.env.stack.tags;
    if !tags.keys().any(|k| OWNER_KEYS.contains(&k.to_ascii_lowercase().as_str())) {
        out.hit(s.stack_span, format!("stack `{}` tags its resources with no owner", s.env.stack.name));
    }
}
