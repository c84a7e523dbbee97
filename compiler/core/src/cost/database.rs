//! RDS: instance hours (a Multi-AZ instance runs a standby and is billed twice the single-AZ rate, as
//! AWS prices it), gp3 storage (doubled for Multi-AZ), backup storage beyond the free allowance (free
//! up to the provisioned storage; each retained day beyond the first keeps
//! `database_daily_change_percent` of it more), read replicas (each its own instance and storage,
//! Multi-AZ when the primary is, as the lowering writes them), the master-password secret RDS keeps in
//! Secrets Manager, and the engine logs exported to CloudWatch Logs (`database_logs_gb`, one log group
//! per instance, made by RDS). Performance Insights is written with the free 7-day retention; Enhanced
//! Monitoring's log ingestion is not priced.

use super::{Pricer, HOURS_PER_MONTH};
use crate::domain::InstanceService;
use crate::kinds::database::{Database, Engine};

pub(super) fn price(p: &mut Pricer<'_>, d: &Database<'_>) {
    let engine = match d.engine {
        Engine::Postgres => "postgres",
        Engine::Mysql => "mysql",
    };
    let class = d.instance.name;
    let azs = if d.multi_az { 2.0 } else { 1.0 };
    let what = if d.multi_az { format!("{class} Multi-AZ (primary + standby)") } else { class.to_owned() };
    p.instance(what, InstanceService::Rds, engine, class, azs * HOURS_PER_MONTH).bills("aws_db_instance", 1);
    let storage = d.storage.gib_ceil() as f64;
    let label = if d.multi_az {
        format!("{storage} GiB gp3 storage × 2 (Multi-AZ)")
    } else {
        format!("{storage} GiB gp3 storage")
    };
    p.unit(label, "rds.gp3", azs * storage);
    let days = d.backup_retention.days_ceil() as f64;
    if days > 1.0 {
        let change = p.usage.get("database_daily_change_percent") / 100.0;
        let beyond = storage * change * (days - 1.0);
        p.unit(format!("backup storage beyond the free {storage} GiB ({days} days kept)"), "rds.backup", beyond)
            .assumed("database_daily_change_percent");
    }
    p.unit("master password secret (managed by RDS)", "secretsmanager.secret", 1.0);
    let replicas = d.read_replicas.max(0) as u64;
    let multi = if d.multi_az { " Multi-AZ" } else { "" };
    if replicas > 0 {
        let n = replicas as f64;
        let what = format!("read replicas: {n} × {class}{multi}");
        p.instance(what, InstanceService::Rds, engine, class, azs * n * HOURS_PER_MONTH)
            .bills("aws_db_instance", replicas);
        p.unit(format!("read replicas: {n} × {storage} GiB gp3 storage{multi}"), "rds.gp3", azs * n * storage);
    }
    let gb = p.usage.get("database_logs_gb") * (1 + replicas) as f64;
    p.unit("engine logs exported to CloudWatch Logs: ingestion", "logs.ingest", gb).assumed("database_logs_gb");
}
