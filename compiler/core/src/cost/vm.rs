//! An EC2 VM: instance hours, its gp3 root volume, a public IPv4 address when it has one, and
//! detailed (one-minute) monitoring's seven EC2 metrics when on.

use super::{Pricer, HOURS_PER_MONTH};
use crate::domain::InstanceService;
use crate::kinds::vm::Vm;

pub(super) fn price(p: &mut Pricer<'_>, v: &Vm<'_>) {
    let name = v.instance.name;
    p.instance(name, InstanceService::Ec2, "linux", name, HOURS_PER_MONTH).bills("aws_instance", 1);
    let disk = v.disk.gib_ceil() as f64;
    p.unit(format!("{disk} GiB gp3 root volume"), "ebs.gp3", disk);
    if v.assign_public_ip {
        p.unit("public IPv4 address", "vpc.public_ipv4", HOURS_PER_MONTH);
    }
    if v.detailed_monitoring {
        p.unit("detailed monitoring: 7 metrics", "cloudwatch.metric", 7.0);
    }
}
