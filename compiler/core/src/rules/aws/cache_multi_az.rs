use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC204",
    name: "cache-multi-az",
    title: "a production cache has a replica to fail over to, in another zone",
    category: Category::Reliability,
    severity: Severity::Error,
    scope: Scope::Production,
    checkov: &["CKV2_AWS_50"],
    why: "Without automatic failover, losing the primary node (or its zone) leaves the cache read-only or down until someone promotes a replica; every session, lock or queue kept in it is unavailable meanwhile.",
    fix: "set `nodes = 2` or more and `multi_az = true` (the production profile's defaults)",
    example: "cache \"sessions\" {\n  engine   = \"valkey\"\n  nodes    = 2\n  multi_az = true\n}",
    security_severity: None,
    check: Check::Resource(&["cache"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Cache(c)) = s.aws else { return };
    if c.nodes < 2 {
        // checkov asks for automatic failover, which needs a replica (CKV2_AWS_50).
        out.hit(
            s.at("nodes"),
            format!("`{}` has one node and nothing to fail over to{}", s.res.address, s.origin("nodes")),
        );
    } else if !c.multi_az {
        // Replicas, but all of them may sit in the primary's zone: stackc's own finding.
        let msg = format!("`{}` does not fail over across zones{}", s.res.address, s.origin("multi_az"));
        out.only(s.at("multi_az"), msg, &[]);
    }
}
