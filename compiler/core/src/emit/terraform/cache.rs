//! cache → an ElastiCache replication group (Redis OSS or Valkey) in the network's private subnets,
//! behind a security group that admits only the resources that reference it, encrypted at rest and in
//! transit, with an AUTH token that never enters the Terraform state.

use hcl::Expression;

use super::database::guarded_group;
use super::shared::{kms, truncate};
use super::tf::{self, Blk, Handle, Part};
use super::{count, tf_id, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::cache::{Cache, Output};
use crate::kinds::ViewError;

const FILE: &str = "data";

/// The replication group of a stack cache.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_elasticache_replication_group", tf_id(res))
}

pub fn output(c: &Cache, output: Output) -> Expression {
    let group = handle(c.resource);
    let host_port = |scheme: &str| {
        tf::template(vec![
            Part::Text(scheme.to_owned()),
            Part::Expr(group.attr("primary_endpoint_address")),
            Part::Text(":".into()),
            Part::Expr(group.attr("port")),
        ])
    };
    match output {
        Output::Endpoint => host_port(""),
        Output::Address => group.attr("primary_endpoint_address"),
        Output::ReaderEndpoint => group.attr("reader_endpoint_address"),
        Output::Url => host_port("rediss://"),
        Output::Arn => group.attr("arn"),
    }
}

pub fn lower(l: &mut Lowerer, c: &Cache) -> Result<(), ViewError> {
    let res = c.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    let network = l.get(c.network)?;
    let key = kms(l)?.attr("arn");
    let engine = c.engine.as_str();
    let version = c.version.require(res, "version")?;
    let port = c.port.get();
    let nodes = count(c.nodes);
    let shards = count(c.shards);
    let group_id = truncate(&name, 40);

    let subnet_group = l.add(
        FILE,
        Blk::resource("aws_elasticache_subnet_group", &id)
            .set("name", tf::string(name.clone()))
            .set("subnet_ids", super::network::subnets(network.resource, "private").splat("id"))
            .set("tags", l.tags(res, &name)),
    );
    let vpc = super::network::vpc(network.resource);
    let group = guarded_group(l, FILE, res, &format!("{id}_cache"), &vpc, port, "cache", "cache")?;
    let parameter_group = l.add(
        FILE,
        Blk::resource("aws_elasticache_parameter_group", &id)
            .set("name", tf::string(name.clone()))
            .set("family", tf::string(parameter_group_family(engine, version)))
            .block(
                Blk::new("parameter", &[])
                    .set("name", tf::string("maxmemory-policy"))
                    .set("value", tf::string(c.eviction.as_str())),
            )
            .block_if(shards > 1, || {
                Blk::new("parameter", &[]).set("name", tf::string("cluster-enabled")).set("value", tf::string("yes"))
            })
            .set("tags", l.tags(res, &name)),
    );

    // The AUTH token is generated per run by an ephemeral resource and written, once, to both the
    // replication group and a Secrets Manager secret that clients read; it is never in state.
    let secret_name = bridge::cache_auth_secret_name(l.env, res);
    let password = l.add(
        FILE,
        Blk::ephemeral("aws_secretsmanager_random_password", &format!("{id}_auth"))
            .set("password_length", 64)
            .set("exclude_punctuation", true),
    );
    let secret = l.add(
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
            .set("secret_id", secret.attr("id"))
            .set("secret_string_wo", password.attr("random_password"))
            .set("secret_string_wo_version", 1),
    );
    let failover = nodes >= 2;
    let maintenance_window = c.maintenance_window.require(res, "maintenance_window")?;
    let mut block = Blk::of(&handle(res))
        .comment("checkov:skip=CKV_AWS_31:transit encryption is on and the AUTH token is set through the write-only auth_token_wo, which checkov does not recognise")
        .comments(l.skips(res))
        .set("replication_group_id", tf::string(group_id))
        .set("description", tf::string(format!("{} ({})", res.address, l.env.name)))
        .set("engine", tf::string(engine))
        .set("engine_version", tf::string(version))
        .set("node_type", tf::string(c.instance.name))
        .set("port", port)
        .set("parameter_group_name", parameter_group.attr("name"))
        .set("subnet_group_name", subnet_group.attr("name"))
        .set("security_group_ids", tf::list([group.attr("id")]));
    block = if shards > 1 {
        block.set("num_node_groups", shards).set("replicas_per_node_group", nodes.saturating_sub(1))
    } else {
        block.set("num_cache_clusters", nodes)
    };
    block = block
        .set("automatic_failover_enabled", failover)
        .set("multi_az_enabled", failover && c.multi_az)
        .set("at_rest_encryption_enabled", true)
        .set("kms_key_id", key)
        .set("transit_encryption_enabled", true)
        .set("auth_token_wo", password.attr("random_password"))
        .set("auth_token_wo_version", 1)
        .set("snapshot_retention_limit", c.snapshot_retention.days_ceil())
        .set("maintenance_window", tf::string(maintenance_window))
        .set("auto_minor_version_upgrade", true)
        .set("apply_immediately", false)
        .set("tags", l.tags(res, &name));
    l.add(FILE, block);
    Ok(())
}

/// The parameter group family for an engine version: ElastiCache names Redis OSS 6 `redis6.x` and
/// every later major by the major alone (`redis7`, `valkey7`, `valkey8`).
fn parameter_group_family(engine: &str, version: &str) -> String {
    let major = version.split('.').next().unwrap_or(version);
    if engine == "redis" && major == "6" {
        "redis6.x".to_owned()
    } else {
        format!("{engine}{major}")
    }
}

#[cfg(test)]
mod tests {
    use super::parameter_group_family;

    #[test]
    fn parameter_group_families_follow_elasticache_names() {
        assert_eq!(parameter_group_family("redis", "6.2"), "redis6.x");
        assert_eq!(parameter_group_family("redis", "7.1"), "redis7");
        assert_eq!(parameter_group_family("valkey", "8.0"), "valkey8");
        assert_eq!(parameter_group_family("valkey", "7.2"), "valkey7");
    }
}
