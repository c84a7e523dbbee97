use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC104",
    name: "web-application-firewall",
    title: "a production CDN or internet-facing load balancer sits behind AWS WAF",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_AWS_68", "CKV2_AWS_47", "CKV2_AWS_28"],
    why: "AWS WAF with the managed rule groups stackc writes (common exploits, known bad inputs including Log4Shell, IP reputation) blocks the bulk of automated attacks before they reach the application, and rate-limits floods.",
    fix: "set `waf = true` (the production profile's default)",
    example: "cdn \"edge\" {\n  aliases = [\"www.example.com\"]\n  zone    = dns_zone.public\n  waf     = true\n  origin \"site\" {\n    bucket = bucket.site\n    path   = \"*\"\n  }\n}\n\nbucket \"site\" {\n  encryption = \"kms\"\n}",
    security_severity: Some(5.0),
    check: Check::Resource(&["cdn", "load_balancer"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    match s.aws {
        Some(AwsKind::Cdn(c)) if !c.waf => {
            let msg = format!("`{}` has no web ACL{}", s.res.address, s.origin("waf"));
            out.only(s.at("waf"), msg, &["CKV_AWS_68", "CKV2_AWS_47"]);
        }
        Some(AwsKind::LoadBalancer(lb)) if !lb.waf && !lb.internal => {
            let msg = format!("internet-facing `{}` has no web ACL{}", s.res.address, s.origin("waf"));
            out.only(s.at("waf"), msg, &["CKV2_AWS_28"]);
        }
        _ => {}
    }
}
