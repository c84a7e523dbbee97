use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC117",
    name: "dns-dnssec",
    title: "a public zone is signed with DNSSEC",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV2_AWS_38"],
    why: "DNSSEC lets resolvers reject forged answers for the zone. Signing needs a KMS key in us-east-1 and a DS record at the registrar, a manual step stackc cannot take, so it does not sign zones yet and every public zone gets this note.",
    fix: "nothing to change in the stack: suppress it naming where the DS record is tracked",
    example: "dns_zone \"public\" {\n  domain   = \"example.com\"\n  suppress = { SC117 = \"DS record pending at the registrar; tracked in the runbook\" }\n}",
    security_severity: Some(3.0),
    check: Check::Resource(&["dns_zone"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::DnsZone(z)) = s.aws else { return };
    if !z.private {
        out.hit(s.res.span, format!("`{}` is not signed with DNSSEC", s.res.address));
    }
}
