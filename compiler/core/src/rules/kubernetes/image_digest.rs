use super::{pod, WORKLOADS};
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC135",
    name: "image-digest",
    title: "production images are pinned by digest",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Production,
    checkov: &["CKV_K8S_43", "CKV_K8S_14"],
    why: "A tag can be pushed again: the same manifest then runs different code on the next pod start, unreviewed. A digest (`@sha256:…`) names exactly the image that was built and scanned. Without a tag or with `latest` (W0402), not even the version is known.",
    fix: "write the image as `repository:tag@sha256:…` (the pipeline prints the digest it pushed); if release tags are immutable in the registry, suppress it with that reason",
    example: "service \"api\" {\n  image = \"ghcr.io/acme/api:1.4.2@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945\"\n}",
    security_severity: Some(4.0),
    check: Check::Resource(WORKLOADS, check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(p) = pod(s.k8s) else { return };
    let Some(image) = p.container.image else { return };
    if image.digest.is_some() {
        return;
    }
    if image.is_pinned() {
        out.only(
            s.at("image"),
            format!("`{}` runs `{image}`, a tag that can be pushed again", s.res.address),
            &["CKV_K8S_43"],
        );
    } else {
        out.hit(s.at("image"), format!("`{}` runs `{image}`, which names no version", s.res.address));
    }
}
