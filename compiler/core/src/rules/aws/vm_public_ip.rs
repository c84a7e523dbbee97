use crate::kinds::AwsKind;
use crate::rules::{Category, Check, Hits, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC103",
    name: "vm-public-address",
    title: "a VM has no public IP address",
    category: Category::Security,
    severity: Severity::Warning,
    scope: Scope::Everywhere,
    checkov: &["CKV_AWS_88"],
    why: "A public address makes the instance reachable from the internet on every port its security group opens, and one rule added later opens it to the world. Private instances are reached through a bastion or SSM Session Manager.",
    fix: "set `assign_public_ip = false` and reach the VM through a `bastion`; keep a public address only on the bastion itself, with `ssh_cidrs` limited to known ranges",
    example: "vm \"reports\" {\n  subnet           = \"private\"\n  assign_public_ip = false\n}",
    security_severity: Some(5.0),
    check: Check::Resource(&["vm"], check),
};

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Some(AwsKind::Vm(v)) = s.aws else { return };
    if v.assign_public_ip {
        out.hit(s.at("assign_public_ip"), format!("`{}` gets a public IP address", s.res.address));
    }
}
