use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Level, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC101",
    name: "cluster-public-endpoint",
    title: "the Kubernetes API is not reachable from the internet",
    category: Category::Security,
    severity: Severity::Error,
    scope: Scope::Production,
    checkov: &["CKV_AWS_39", "CKV_AWS_38"],
    why: "A public EKS endpoint lets anyone who can reach it try credentials and probe the API server for vulnerabilities; open to 0.0.0.0/0 that is the whole internet, an error in production. Limited to known ranges it is a note (checkov still reports the public endpoint). With the endpoint private, only the VPC (and peered networks or a VPN) can reach it.",
    fix: "leave `public_access_cidrs` empty (the production profile's default) and deploy from inside the VPC; if CI needs the public endpoint, list its fixed egress ranges instead of 0.0.0.0/0",
    example: "cluster \"main\" {\n  public_access_cidrs = []\n  node_pool \"general\" {}\n}",
    security_severity: Some(5.3),
    check: Check::Resource(&["cluster"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cluster(c)) = s.aws else { return };
    if c.public_access_cidrs.is_empty() {
        return;
    }
    let origin = s.origin("public_access_cidrs");
    if c.public_access_cidrs.iter().any(|c| c.prefix() == 0) {
        let msg = format!("`{}` exposes its API endpoint to the whole internet{origin}", s.res.address);
        out.hit(s.at("public_access_cidrs"), msg);
    } else {
        let msg = format!(
            "`{}` has a public API endpoint (limited to {} range(s)){origin}",
            s.res.address,
            c.public_access_cidrs.len()
        );
        out.at_level(Level::Note, s.at("public_access_cidrs"), msg, &["CKV_AWS_39"]);
    }
}
