use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC109",
    name: "load-balancer-https",
    title: "a load balancer serves HTTPS with a TLS 1.2+ policy",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &["CKV2_AWS_20", "CKV_AWS_2", "CKV_AWS_378", "CKV_AWS_103", "CKV2_AWS_74"],
    why: "A load balancer without `domains` gets no certificate and serves plain HTTP, so everything between client and AWS is readable and changeable in transit. With domains, the HTTPS listener's `ssl_policy` decides the oldest protocol and ciphers it accepts.",
    fix: "set `domains` (and `zone`, so the certificate validates); keep `ssl_policy` at a TLS 1.2 or 1.3 policy such as the default ELBSecurityPolicy-TLS13-1-2-2021-06",
    example: "load_balancer \"web\" {\n  domains = [\"app.example.com\"]\n  zone    = dns_zone.public\n}",
    security_severity: Some(5.0),
    check: Check::Resource(&["load_balancer"], check),
};

/// Policies checkov counts as TLS 1.2 and up (CKV_AWS_103).
const MODERN: [&str; 3] = ["ELBSecurityPolicy-TLS13", "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-FS-1-2"];
/// Policies checkov counts as weak (CKV2_AWS_74).
const WEAK: [&str; 6] = [
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-FS-1-1-2019-08",
];

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::LoadBalancer(lb)) = s.aws else { return };
    if lb.domains.is_empty() {
        let msg = format!("`{}` has no domain, so no certificate: it serves plain HTTP", s.res.address);
        out.only(s.res.span, msg, &["CKV2_AWS_20", "CKV_AWS_2", "CKV_AWS_378", "CKV_AWS_103"]);
        return;
    }
    let policy = lb.ssl_policy.known().unwrap_or_default();
    let mut ids = Vec::new();
    if !MODERN.iter().any(|p| policy.starts_with(p)) {
        ids.push("CKV_AWS_103");
    }
    if WEAK.contains(&policy) {
        ids.push("CKV2_AWS_74");
    }
    // checkov passes every `ELBSecurityPolicy-TLS13-*` policy, but `TLS13-1-0-…` and `TLS13-1-1-…`
    // accept TLS 1.0 and 1.1 too: stackc's own finding then.
    let old = ["TLS13-1-0-", "TLS13-1-1-", "TLS-1-0-", "TLS-1-1-", "FS-1-1-", "FS-2018-", "-2016-08", "-2015-05"];
    if !ids.is_empty() || old.iter().any(|o| policy.contains(o)) {
        out.only(s.at("ssl_policy"), format!("`{}` accepts TLS older than 1.2 (`{policy}`)", s.res.address), &ids);
    }
}
