//! database → RDS (PostgreSQL or MySQL) in the network's private subnets, behind a security group that
//! admits only the resources that reference it, with its master password managed by RDS in Secrets
//! Manager, a parameter group forcing TLS, backups, logs and optional read replicas.

use hcl::Expression;

use super::shared::{caller, kms, service_role, truncate};
use super::tf::{self, Blk, Handle, Part};
use super::{count, ident, tf_id, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::database::{Database, Engine, Output};
use crate::kinds::workload::{self, Workload};
use crate::kinds::{Addon, Cluster, View, ViewError, Vm};

/// RDS gp3's largest allocated storage, in GiB (64 TiB).
const MAX_STORAGE_GIB: u64 = 65_536;
const FILE: &str = "data";

/// The RDS instance of a stack database.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_db_instance", tf_id(res))
}

fn replicas(res: &Resource) -> Handle {
    Handle::resource("aws_db_instance", format!("{}_replica", tf_id(res)))
}

pub fn output(d: &Database, output: Output) -> Expression {
    let db = handle(d.resource);
    match output {
        Output::Endpoint => db.attr("endpoint"),
        Output::Address => db.attr("address"),
        Output::ReaderEndpoint if count(d.read_replicas) >= 1 => replicas(d.resource).at(tf::number(0)).attr("address"),
        Output::ReaderEndpoint => db.attr("address"),
        Output::Url => {
            let scheme = match d.engine {
                Engine::Postgres => "postgres",
                Engine::Mysql => "mysql",
            };
            tf::template(vec![
                Part::Text(format!("{scheme}://")),
                Part::Expr(db.attr("endpoint")),
                Part::Text("/".into()),
                Part::Expr(db.attr("db_name")),
            ])
        }
        Output::SecretArn => {
            tf::traverse(db.attr("master_user_secret")).index(tf::number(0)).attr("secret_arn").build().into()
        }
        Output::Arn => db.attr("arn"),
    }
}

/// The security groups of the resources that reference `res`: a VM's own, a cluster's, a workload's
/// cluster's.
pub fn consumer_groups(l: &Lowerer, res: &Resource) -> Result<Vec<(String, Expression)>, ViewError> {
    let mut groups: Vec<(String, Expression)> = Vec::new();
    for dependent in l.env.dependents(&res.address) {
        let cluster = match dependent.kind.name.as_str() {
            Vm::KIND => {
                groups.push((dependent.address.clone(), super::vm::security_group(dependent).attr("id")));
                continue;
            }
            Cluster::KIND => Some(dependent),
            Addon::KIND => Some(l.resource(Addon::view(dependent)?.cluster)?),
            // Services, sites and jobs: the cluster their pods run on.
            _ if dependent.kind.groups.iter().any(|g| g == workload::NAME) => {
                Workload::view(dependent)?.cluster.map(|c| l.resource(c)).transpose()?
            }
            _ => None,
        };
        if let Some(c) = cluster {
            groups.push((c.address.clone(), super::cluster::security_group(c)));
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups.dedup_by(|a, b| a.0 == b.0);
    Ok(groups)
}

/// A security group for `res` with one ingress rule per consumer on `port`; returns the group.
/// `role` tells the kinds' groups apart (`db`, `cache`).
#[allow(clippy::too_many_arguments)]
pub fn guarded_group(
    l: &mut Lowerer,
    file: &'static str,
    res: &Resource,
    id: &str,
    vpc: &Handle,
    port: u16,
    what: &str,
    role: &str,
) -> Result<Handle, ViewError> {
    let name = bridge::security_group_name(l.env, res, role);
    let group = l.add(
        file,
        Blk::resource("aws_security_group", id)
            .set("name", tf::string(name.clone()))
            .set(
                "description",
                tf::string(format!("{what} {}: reachable only from the resources that use it", res.address)),
            )
            .set("vpc_id", vpc.attr("id"))
            .set("tags", l.tags(res, &name)),
    );
    for (address, consumer) in consumer_groups(l, res)? {
        l.add(
            file,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_from_{}", ident(&address)))
                .set("security_group_id", group.attr("id"))
                .set("description", tf::string(format!("from {address}")))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", port)
                .set("to_port", port)
                .set("referenced_security_group_id", consumer),
        );
    }
    Ok(group)
}

pub fn lower(l: &mut Lowerer, d: &Database) -> Result<(), ViewError> {
    let res = d.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let network = l.resource(d.network)?;
    let key = kms(l)?.attr("arn");
    let postgres = d.engine == Engine::Postgres;
    let version = d.version.require(res, "version")?;
    let port = d.port.get();
    let protected = d.deletion_protection;
    let monitoring = d.performance_insights;

    let subnet_group = l.add(
        FILE,
        Blk::resource("aws_db_subnet_group", &id)
            .set("name", tf::string(name.clone()))
            .set("subnet_ids", super::network::subnets(network, "private").splat("id"))
            .set("tags", l.tags(res, &name)),
    );
    let vpc = super::network::vpc(network);
    let group = guarded_group(l, FILE, res, &format!("{id}_db"), &vpc, port, "database", "db")?;

    let major = version.split('.').next().unwrap_or(version);
    let family = if postgres { format!("postgres{major}") } else { format!("mysql{version}") };
    let mut params: Vec<(String, String)> = if postgres {
        vec![("rds.force_ssl".into(), "1".into()), ("log_min_duration_statement".into(), "1000".into())]
    } else {
        vec![("require_secure_transport".into(), "1".into())]
    };
    for (k, v) in &d.parameters {
        let v = v.require(res, "parameters")?;
        params.retain(|(p, _)| p != k);
        params.push(((*k).to_owned(), v.to_owned()));
    }
    params.sort();
    let parameter_group = l.add(
        FILE,
        Blk::resource("aws_db_parameter_group", &id)
            .set("name_prefix", tf::string(format!("{}-", truncate(&name, 200))))
            .set("family", tf::string(family))
            .blocks(params.iter().map(|(k, v)| {
                Blk::new("parameter", &[])
                    .set("name", tf::string(k))
                    .set("value", tf::string(v))
                    .set("apply_method", tf::string("pending-reboot"))
            }))
            .set("tags", l.tags(res, &name))
            .block(Blk::new("lifecycle", &[]).set("create_before_destroy", true)),
    );
    let monitoring_role = if monitoring {
        Some(service_role(
            l,
            FILE,
            res,
            &format!("{id}_monitoring"),
            "monitoring.rds.amazonaws.com",
            &["service-role/AmazonRDSEnhancedMonitoringRole"],
        )?)
    } else {
        None
    };

    // The stdlib bounds storage to RDS's 20 GiB–64 TiB, so the default autoscaling ceiling is twice
    // the storage but never above what RDS accepts.
    let storage = d.storage.gib_ceil();
    let max_storage = match d.max_storage {
        None => (storage * 2).min(MAX_STORAGE_GIB),
        Some(s) => s.gib_ceil(),
    };
    let db_name = match d.database_name {
        Some(n) => n.require(res, "database_name")?.to_owned(),
        None => res.name.replace('-', "_"),
    };
    let logs: &[&str] = if postgres { &["postgresql", "upgrade"] } else { &["error", "slowquery", "audit"] };
    caller(l)?;
    let username = d.username.require(res, "username")?;
    let backup_window = d.backup_window.require(res, "backup_window")?;
    let maintenance_window = d.maintenance_window.require(res, "maintenance_window")?;
    let primary = l.add(
        FILE,
        Blk::of(&handle(res))
            .comments(l.skips(res))
            .set("identifier", tf::string(truncate(&name, 63)))
            .set("engine", tf::string(d.engine.as_str()))
            .set("engine_version", tf::string(version))
            .set("instance_class", tf::string(d.instance.name))
            .set("allocated_storage", storage)
            .set_if(max_storage > storage, "max_allocated_storage", max_storage)
            .set("storage_type", tf::string("gp3"))
            .set("storage_encrypted", true)
            .set("kms_key_id", key.clone())
            .set("db_name", tf::string(db_name))
            .set("username", tf::string(username))
            .set("manage_master_user_password", true)
            .set("master_user_secret_kms_key_id", key.clone())
            .set("port", port)
            .set("db_subnet_group_name", subnet_group.attr("name"))
            .set("vpc_security_group_ids", tf::list([group.attr("id")]))
            .set("parameter_group_name", parameter_group.attr("name"))
            .set("publicly_accessible", false)
            .set("multi_az", d.multi_az)
            .set("iam_database_authentication_enabled", true)
            .set("backup_retention_period", d.backup_retention.days_ceil())
            .set("backup_window", tf::string(backup_window))
            .set("maintenance_window", tf::string(maintenance_window))
            .set("auto_minor_version_upgrade", true)
            .set("allow_major_version_upgrade", false)
            .set("copy_tags_to_snapshot", true)
            .set("enabled_cloudwatch_logs_exports", tf::strings(logs))
            .set("deletion_protection", protected)
            .set("skip_final_snapshot", !protected)
            .set_if(protected, "final_snapshot_identifier", tf::string(format!("{}-final", truncate(&name, 57))))
            .set("performance_insights_enabled", monitoring)
            .set_if(monitoring, "performance_insights_kms_key_id", key.clone())
            .set_if(monitoring, "performance_insights_retention_period", 7)
            .set("monitoring_interval", if monitoring { 60 } else { 0 })
            .set_opt("monitoring_role_arn", monitoring_role.as_ref().map(|r| r.attr("arn")))
            .set("tags", l.tags(res, &name)),
    );

    let replica_count = count(d.read_replicas);
    if replica_count > 0 {
        l.add(
            FILE,
            Blk::of(&replicas(res))
                .comments(l.skips(res))
                .set("count", replica_count)
                .set(
                    "identifier",
                    tf::template(vec![
                        Part::Text(format!("{}-replica-", truncate(&name, 52))),
                        Part::Expr(tf::count_index()),
                    ]),
                )
                .set("replicate_source_db", primary.attr("identifier"))
                .set("instance_class", tf::string(d.instance.name))
                .set("storage_type", tf::string("gp3"))
                .set("storage_encrypted", true)
                .set("kms_key_id", key.clone())
                .set("vpc_security_group_ids", tf::list([group.attr("id")]))
                .set("parameter_group_name", parameter_group.attr("name"))
                .set("publicly_accessible", false)
                .set("multi_az", d.multi_az)
                .set("iam_database_authentication_enabled", true)
                .set("auto_minor_version_upgrade", true)
                .set("copy_tags_to_snapshot", true)
                .set("enabled_cloudwatch_logs_exports", tf::strings(logs))
                .set("deletion_protection", protected)
                .set("skip_final_snapshot", true)
                .set("performance_insights_enabled", monitoring)
                .set_if(monitoring, "performance_insights_kms_key_id", key)
                .set("monitoring_interval", if monitoring { 60 } else { 0 })
                .set_opt("monitoring_role_arn", monitoring_role.as_ref().map(|r| r.attr("arn")))
                .set("tags", l.tags(res, &format!("{name}-replica"))),
        );
    }
    Ok(())
}
