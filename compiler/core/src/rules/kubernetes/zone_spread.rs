use super::pod;
use crate::kinds::serving::Spread;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC214",
    name: "zone-spread",
    title: "a production service spreads its replicas across zones",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &[],
    why: "The scheduler may put every replica in one zone; a zone outage then takes the whole service down although the cluster spans three. A topology spread constraint on the zone keeps them apart.",
    fix: "set `spread = \"zone\"` (the default)",
    example: "service \"api\" {\n  image  = \"ghcr.io/acme/api:1.4.2\"\n  port   = 8080\n  spread = \"zone\"\n}",
    security_severity: None,
    check: Check::Resource(&["service", "static_site"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let Some(serving) = p.serving else { return };
    if serving.spread != Spread::Zone && serving.replicas.max >= 2.0 {
        let msg = format!("`{}` may place all its replicas in one zone", s.res.address);
        out.hit(s.at("spread"), msg);
    }
}
