use super::pod;
use crate::kinds::serving::NetworkPolicy;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC403",
    name: "default-deny",
    title: "a production service admits traffic only from whom it names",
    category: Category::Network,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &[],
    why: "A permissive NetworkPolicy lets any pod in the cluster reach the service: one compromised workload can then talk to every other. `default_deny` admits only the ingress controller, monitoring and the services listed in `allow_from`.",
    fix: "set `network_policy = \"default_deny\"` (the production profile's default) and list callers in `allow_from`",
    example: "service \"orders\" {\n  image          = \"ghcr.io/acme/orders:2.3.0\"\n  port           = 8080\n  network_policy = \"default_deny\"\n  allow_from     = [service.api]\n}",
    security_severity: Some(4.0),
    check: Check::Resource(&["service", "static_site"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let Some(serving) = p.serving else { return };
    let origin = s.origin("network_policy");
    let msg = match serving.network_policy {
        NetworkPolicy::Permissive => {
            format!("`{}` admits traffic from every pod in the cluster{origin}", s.res.address)
        }
        NetworkPolicy::Namespace => {
            format!("`{}` admits traffic from every pod in its namespace{origin}", s.res.address)
        }
        NetworkPolicy::DefaultDeny => return,
    };
    out.hit(s.at("network_policy"), msg);
}
