use crate::emit::terraform::cluster::serves_ingress;
use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC210",
    name: "node-group-load-balancer-health",
    title: "node groups behind a load balancer replace nodes on its health checks",
    category: Category::Reliability,
    severity: Severity::Warning,
    scope: Scope::Advisory,
    checkov: &["CKV2_AWS_15"],
    why: "checkov asks an Auto Scaling group attached to a load balancer to use ELB health checks. The node groups' Auto Scaling groups are owned by EKS, which replaces nodes on EC2 status; Kubernetes checks the pods. Changing that group's health check type is not supported by EKS, so this is a note.",
    fix: "nothing to change in the stack: suppress it with the reason EKS owns the node groups",
    example: "load_balancer \"web\" {\n  suppress = { SC210 = \"EKS owns the node groups' Auto Scaling groups\" }\n}",
    security_severity: None,
    check: Check::Resource(&["load_balancer"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::LoadBalancer(lb)) = s.aws else { return };
    let Some(cluster) = lb.cluster.and_then(|r| r.resolve(s.env).ok()) else { return };
    let pools: Vec<&str> = cluster.node_pool.iter().filter(|p| serves_ingress(p)).map(|p| p.label).collect();
    if !pools.is_empty() {
        let msg = format!(
            "`{}` sends traffic to node pool(s) {} by Auto Scaling attachment",
            s.res.address,
            pools.join(", ")
        );
        out.hit(s.res.span, msg);
    }
}
