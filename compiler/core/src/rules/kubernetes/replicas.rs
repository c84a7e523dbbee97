use super::pod;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC213",
    name: "replicas",
    title: "a production service runs at least two replicas, with a disruption budget",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &[],
    why: "One replica is down during every rollout, node drain and node failure. With two or more, stackc also writes a PodDisruptionBudget, so voluntary disruptions (node upgrades, the autoscaler) take one pod at a time.",
    fix: "set `replicas = { min = 2, max = … }` (the production profile's default minimum)",
    example: "service \"api\" {\n  image    = \"ghcr.io/acme/api:1.4.2\"\n  port     = 8080\n  replicas = { min = 2, max = 10 }\n}",
    security_severity: None,
    check: Check::Resource(&["service", "static_site"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let Some(serving) = p.serving else { return };
    if serving.replicas.min < 2.0 {
        let msg = format!("`{}` runs one replica and has no disruption budget{}", s.res.address, s.origin("replicas"));
        out.hit(s.at("replicas"), msg);
    }
}
