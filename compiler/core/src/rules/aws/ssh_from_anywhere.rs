use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC404",
    name: "ssh-from-anywhere",
    title: "SSH is not open to the whole internet",
    category: Category::Network,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV_AWS_24"],
    why: "Port 22 open to 0.0.0.0/0 is scanned within minutes of the instance starting; every SSH vulnerability and weak key is then exposed to the world.",
    fix: "list the office or VPN ranges in `ssh_cidrs`, or leave it empty and reach the VM through a `bastion` or SSM Session Manager",
    example: "vm \"bastion\" {\n  ssh_cidrs = [\"203.0.113.0/24\"]\n}",
    security_severity: Some(7.5),
    check: Check::Resource(&["vm"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Vm(v)) = s.aws else { return };
    if v.ssh_cidrs.iter().any(|c| c.prefix() == 0) {
        out.hit(s.at("ssh_cidrs"), format!("`{}` accepts SSH from 0.0.0.0/0", s.res.address));
    }
}
