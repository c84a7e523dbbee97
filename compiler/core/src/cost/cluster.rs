//! EKS: the control plane by the hour, its CloudWatch logs, and each node pool's nodes (the pool's
//! `desired` size, else its `min`: what runs when nothing scales it up) with their gp3 root volumes.
//! Spot pools are priced at the `spot_discount_percent` assumption off on-demand.

use super::{shared::log_group, Pricer, HOURS_PER_MONTH};
use crate::domain::InstanceService;
use crate::emit::terraform::log_retention_days;
use crate::kinds::cluster::{Capacity, Cluster};
use crate::kinds::ViewError;

pub(super) fn price(p: &mut Pricer<'_>, c: &Cluster<'_>) -> Result<(), ViewError> {
    p.unit("control plane", "eks.cluster", HOURS_PER_MONTH).bills("aws_eks_cluster", 1);
    if !c.logs.is_empty() {
        let gb = p.usage.get("cluster_logs_gb");
        log_group(p, "control-plane logs", gb, "cluster_logs_gb", log_retention_days(c.log_retention), None);
    }
    for pool in &c.node_pool {
        let nodes = pool.desired.unwrap_or(pool.min).max(0) as f64;
        let spot = pool.capacity == Capacity::Spot;
        let percent = p.usage.get("spot_discount_percent");
        let capacity = if spot { format!(" (Spot: {percent}% off on-demand)") } else { String::new() };
        let what = format!("node pool {}: {nodes} × {}{capacity}", pool.label, pool.instance.name);
        let discount = percent / 100.0;
        let line = p
            .instance(what, InstanceService::Ec2, "linux", pool.instance.name, nodes * HOURS_PER_MONTH)
            .bills("aws_eks_node_group", 1);
        if spot {
            line.discounted(discount).assumed("spot_discount_percent");
        }
        let disk = pool.disk.gib_ceil() as f64;
        p.unit(format!("node pool {}: {nodes} × {disk} GiB gp3 root volume", pool.label), "ebs.gp3", nodes * disk);
    }
    Ok(())
}
