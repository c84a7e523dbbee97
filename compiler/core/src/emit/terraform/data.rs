//! database → RDS; cache → ElastiCache. Both sit in the network's private subnets behind a
//! security group that admits only the resources that reference them.

use super::shared::{caller, kms, service_role, truncate};
use super::{days, gib, num, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "data";

/// The security groups of the resources that reference `res`: a workload's cluster, a VM's own.
pub fn consumer_groups(l: &Lowerer, res: &Resource) -> Vec<(String, String)> {
    let mut groups = Vec::new();
    for dependent in l.env.dependents(&res.address) {
        let group = match dependent.kind.name.as_str() {
            "vm" => Some((dependent.address.clone(), format!("aws_security_group.{}_vm.id", tf_id(dependent)))),
            "cluster" => Some((dependent.address.clone(), cluster_group(dependent))),
            _ => l.referenced(dependent, "cluster").map(|c| (c.address.clone(), cluster_group(c))),
        };
        if let Some(g) = group {
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    groups.sort();
    groups
}

fn cluster_group(cluster: &Resource) -> String {
    format!("aws_eks_cluster.{}.vpc_config[0].cluster_security_group_id", tf_id(cluster))
}

/// A security group for `res` with one ingress rule per consumer on `port`.
fn guarded_group(l: &mut Lowerer, res: &Resource, id: &str, vpc: &str, port: u16, what: &str) {
    let name = l.aws_name(res);
    l.add(
        FILE,
        Blk::resource("aws_security_group", id)
            .set("name", tf::string(name.clone()))
            .set(
                "description",
                tf::string(format!("{what} {}: reachable only from the resources that use it", res.address)),
            )
            .set("vpc_id", tf::expr(&format!("{vpc}.id")))
            .set("tags", l.tags(res, &name)),
    );
    for (address, group) in consumer_groups(l, res) {
        l.add(
            FILE,
            Blk::resource("aws_vpc_security_group_ingress_rule", &format!("{id}_from_{}", super::ident(&address)))
                .set("security_group_id", tf::expr(&format!("aws_security_group.{id}.id")))
                .set("description", tf::string(format!("from {address}")))
                .set("ip_protocol", tf::string("tcp"))
                .set("from_port", port)
                .set("to_port", port)
                .set("referenced_security_group_id", tf::expr(&group)),
        );
    }
}

pub fn database(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let Some(network) = l.referenced(res, "network") else { return };
    let net = tf_id(network);
    let key = kms(l);
    let postgres = res.attr("engine").as_str() != Some("mysql");
    let version = super::text(res.attr("version"));
    let port = match res.attr("port") {
        Value::Port(p) => p.get(),
        _ => 5432,
    };
    let protected = res.attr("deletion_protection").as_bool() == Some(true);
    let monitoring = res.attr("performance_insights").as_bool() == Some(true);

    l.add(
        FILE,
        Blk::resource("aws_db_subnet_group", &id)
            .set("name", tf::string(name.clone()))
            .set("subnet_ids", tf::expr(&format!("aws_subnet.{net}_private[*].id")))
            .set("tags", l.tags(res, &name)),
    );
    guarded_group(l, res, &format!("{id}_db"), &format!("aws_vpc.{net}"), port, "database");

    let major = version.split('.').next().unwrap_or(&version).to_owned();
    let family = if postgres { format!("postgres{major}") } else { format!("mysql{version}") };
    let mut params: Vec<(String, String)> = if postgres {
        vec![("rds.force_ssl".into(), "1".into()), ("log_min_duration_statement".into(), "1000".into())]
    } else {
        vec![("require_secure_transport".into(), "ON".into())]
    };
    if let Value::Map(m) = res.attr("parameters") {
        for (k, v) in m {
            params.retain(|(p, _)| p != k);
            params.push((k.clone(), super::text(v)));
        }
    }
    params.sort();
    l.add(
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
    if monitoring {
        service_role(
            l,
            FILE,
            res,
            &format!("{id}_monitoring"),
            "monitoring.rds.amazonaws.com",
            &["service-role/AmazonRDSEnhancedMonitoringRole"],
        );
    }

    let storage = gib(res.attr("storage")).max(20);
    let max_storage = match res.attr("max_storage") {
        Value::Null => storage * 2,
        v => gib(v),
    };
    let db_name = res.attr("database_name").as_str().map(str::to_owned).unwrap_or_else(|| res.name.replace('-', "_"));
    let logs: &[&str] = if postgres { &["postgresql", "upgrade"] } else { &["error", "slowquery", "audit"] };
    caller(l);
    let primary = Blk::resource("aws_db_instance", &id)
        .comments(l.skips(res))
        .set("identifier", tf::string(truncate(&name, 63)))
        .set("engine", tf::string(if postgres { "postgres" } else { "mysql" }))
        .set("engine_version", tf::string(version.clone()))
        .set("instance_class", tf::string(super::text(res.attr("instance"))))
        .set("allocated_storage", storage)
        .set_if(max_storage > storage, "max_allocated_storage", max_storage)
        .set("storage_type", tf::string("gp3"))
        .set("storage_encrypted", true)
        .set("kms_key_id", key.clone())
        .set("db_name", tf::string(db_name))
        .set("username", tf::string(super::text(res.attr("username"))))
        .set("manage_master_user_password", true)
        .set("master_user_secret_kms_key_id", key.clone())
        .set("port", port)
        .set("db_subnet_group_name", tf::expr(&format!("aws_db_subnet_group.{id}.name")))
        .set("vpc_security_group_ids", tf::expr(&format!("[aws_security_group.{id}_db.id]")))
        .set("parameter_group_name", tf::expr(&format!("aws_db_parameter_group.{id}.name")))
        .set("publicly_accessible", false)
        .set("multi_az", res.attr("multi_az").as_bool() == Some(true))
        .set("iam_database_authentication_enabled", true)
        .set("backup_retention_period", days(res.attr("backup_retention")))
        .set("backup_window", tf::string(super::text(res.attr("backup_window"))))
        .set("maintenance_window", tf::string(super::text(res.attr("maintenance_window"))))
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
        .set_if(monitoring, "monitoring_role_arn", tf::expr(&format!("aws_iam_role.{id}_monitoring.arn")))
        .set("tags", l.tags(res, &name));
    l.add(FILE, primary);

    let replicas = num(res.attr("read_replicas")) as u64;
    if replicas > 0 {
        l.add(
            FILE,
            Blk::resource("aws_db_instance", &format!("{id}_replica"))
                .comments(l.skips(res))
                .set("count", replicas)
                .set("identifier", tf::expr(&format!("\"{}-replica-${{count.index}}\"", truncate(&name, 52))))
                .set("replicate_source_db", tf::expr(&format!("aws_db_instance.{id}.identifier")))
                .set("instance_class", tf::string(super::text(res.attr("instance"))))
                .set("storage_type", tf::string("gp3"))
                .set("storage_encrypted", true)
                .set("kms_key_id", key.clone())
                .set("vpc_security_group_ids", tf::expr(&format!("[aws_security_group.{id}_db.id]")))
                .set("parameter_group_name", tf::expr(&format!("aws_db_parameter_group.{id}.name")))
                .set("publicly_accessible", false)
                .set("multi_az", res.attr("multi_az").as_bool() == Some(true))
                .set("iam_database_authentication_enabled", true)
                .set("auto_minor_version_upgrade", true)
                .set("copy_tags_to_snapshot", true)
                .set("enabled_cloudwatch_logs_exports", tf::strings(logs))
                .set("deletion_protection", protected)
                .set("skip_final_snapshot", true)
                .set("performance_insights_enabled", monitoring)
                .set_if(monitoring, "performance_insights_kms_key_id", key)
                .set("monitoring_interval", if monitoring { 60 } else { 0 })
                .set_if(monitoring, "monitoring_role_arn", tf::expr(&format!("aws_iam_role.{id}_monitoring.arn")))
                .set("tags", l.tags(res, &format!("{name}-replica"))),
        );
    }
}

pub fn cache(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let name = l.aws_name(res);
    let Some(network) = l.referenced(res, "network") else { return };
    let net = tf_id(network);
    let key = kms(l);
    let engine = super::text(res.attr("engine"));
    let version = super::text(res.attr("version"));
    let port = match res.attr("port") {
        Value::Port(p) => p.get(),
        _ => 6379,
    };
    let nodes = num(res.attr("nodes")) as u64;
    let shards = num(res.attr("shards")) as u64;
    let group_id = truncate(&name, 40);

    l.add(
        FILE,
        Blk::resource("aws_elasticache_subnet_group", &id)
            .set("name", tf::string(name.clone()))
            .set("subnet_ids", tf::expr(&format!("aws_subnet.{net}_private[*].id")))
            .set("tags", l.tags(res, &name)),
    );
    guarded_group(l, res, &format!("{id}_cache"), &format!("aws_vpc.{net}"), port, "cache");
    let major = version.split('.').next().unwrap_or(&version).to_owned();
    l.add(
        FILE,
        Blk::resource("aws_elasticache_parameter_group", &id)
            .set("name", tf::string(name.clone()))
            .set("family", tf::string(format!("{engine}{major}")))
            .block(
                Blk::new("parameter", &[])
                    .set("name", tf::string("maxmemory-policy"))
                    .set("value", tf::string(super::text(res.attr("eviction")))),
            )
            .block_if(shards > 1, || {
                Blk::new("parameter", &[]).set("name", tf::string("cluster-enabled")).set("value", tf::string("yes"))
            })
            .set("tags", l.tags(res, &name)),
    );

    // The AUTH token is generated per run by an ephemeral resource and written, once, to both the
    // replication group and a Secrets Manager secret that clients read; it is never in state.
    let secret_name = format!("{}/{}/{}-auth", l.stack(), l.env.name, res.qualified_name());
    l.add(
        FILE,
        Blk::new("ephemeral", &["aws_secretsmanager_random_password", &format!("{id}_auth")])
            .set("password_length", 64)
            .set("exclude_punctuation", true),
    );
    l.add(
        FILE,
        Blk::resource("aws_secretsmanager_secret", &format!("{id}_auth"))
            .comments(l.skips(res))
            .set("name", tf::string(secret_name.clone()))
            .set("description", tf::string(format!("AUTH token of cache {}", res.address)))
            .set("kms_key_id", key.clone())
            .set("recovery_window_in_days", 7)
            .set("tags", l.tags(res, &secret_name)),
    );
    l.add(
        FILE,
        Blk::resource("aws_secretsmanager_secret_version", &format!("{id}_auth"))
            .set("secret_id", tf::expr(&format!("aws_secretsmanager_secret.{id}_auth.id")))
            .set(
                "secret_string_wo",
                tf::expr(&format!("ephemeral.aws_secretsmanager_random_password.{id}_auth.random_password")),
            )
            .set("secret_string_wo_version", 1),
    );
    let failover = nodes >= 2;
    let mut group = Blk::resource("aws_elasticache_replication_group", &id)
        .comment("checkov:skip=CKV_AWS_31:transit encryption is on and the AUTH token is set through the write-only auth_token_wo, which checkov does not recognise")
        .comments(l.skips(res))
        .set("replication_group_id", tf::string(group_id))
        .set("description", tf::string(format!("{} ({})", res.address, l.env.name)))
        .set("engine", tf::string(engine))
        .set("engine_version", tf::string(version))
        .set("node_type", tf::string(super::text(res.attr("instance"))))
        .set("port", port)
        .set("parameter_group_name", tf::expr(&format!("aws_elasticache_parameter_group.{id}.name")))
        .set("subnet_group_name", tf::expr(&format!("aws_elasticache_subnet_group.{id}.name")))
        .set("security_group_ids", tf::expr(&format!("[aws_security_group.{id}_cache.id]")));
    group = if shards > 1 {
        group.set("num_node_groups", shards).set("replicas_per_node_group", nodes.saturating_sub(1))
    } else {
        group.set("num_cache_clusters", nodes)
    };
    group = group
        .set("automatic_failover_enabled", failover)
        .set("multi_az_enabled", failover && res.attr("multi_az").as_bool() == Some(true))
        .set("at_rest_encryption_enabled", true)
        .set("kms_key_id", key)
        .set("transit_encryption_enabled", true)
        .set(
            "auth_token_wo",
            tf::expr(&format!("ephemeral.aws_secretsmanager_random_password.{id}_auth.random_password")),
        )
        .set("auth_token_wo_version", 1)
        .set("snapshot_retention_limit", days(res.attr("snapshot_retention")))
        .set("maintenance_window", tf::string(super::text(res.attr("maintenance_window"))))
        .set("auto_minor_version_upgrade", true)
        .set("apply_immediately", false)
        .set("tags", l.tags(res, &name));
    l.add(FILE, group);
}
