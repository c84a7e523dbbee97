use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC116",
    name: "cdn-default-root-object",
    title: "a CDN names the object it serves for `/`",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV_AWS_305"],
    why: "Without a default root object, a request for `/` is passed to the origin as is; for an S3 origin that can list the bucket or return an error page that reveals it. When `/` is served by an application origin, that is intended.",
    fix: "set `default_root_object = \"index.html\"` for a bucket origin; for an application origin, suppress it with that reason",
    example: "cdn \"site\" {\n  default_root_object = \"index.html\"\n  origin \"files\" {\n    bucket = bucket.site\n    path   = \"*\"\n  }\n}\n\nbucket \"site\" {}",
    security_severity: Some(2.0),
    check: Check::Resource(&["cdn"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cdn(c)) = s.aws else { return };
    if c.default_root_object.is_none() {
        out.hit(s.res.span, format!("`{}` passes requests for `/` to its origin", s.res.address));
    }
}
