use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC108",
    name: "cdn-modern-tls",
    title: "a CDN serves its own domain with a modern TLS policy",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &["CKV_AWS_174", "CKV2_AWS_42"],
    why: "A distribution without `aliases` is served on `*.cloudfront.net` with CloudFront's default certificate, whose minimum protocol is TLS 1.0; with aliases stackc issues an ACM certificate and applies `min_tls` (TLS 1.2 by default).",
    fix: "set `aliases` to the site's domain names (with `zone` so the certificate validates)",
    example: "cdn \"edge\" {\n  aliases = [\"www.example.com\"]\n  zone    = dns_zone.public\n  origin \"site\" {\n    bucket = bucket.site\n    path   = \"*\"\n  }\n}\n\nbucket \"site\" {}",
    security_severity: Some(4.0),
    check: Check::Resource(&["cdn"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cdn(c)) = s.aws else { return };
    if c.aliases.is_empty() {
        out.hit(
            s.res.span,
            format!("`{}` is served with CloudFront's default certificate (TLS 1.0 and up)", s.res.address),
        );
    }
}
