//! ElastiCache: every node (shards × nodes per shard, primaries and replicas alike) by the hour, at the
//! engine's rate (Valkey is priced lower than Redis OSS), and the AUTH token's Secrets Manager secret.
//! Snapshots: one is free, each further retained daily snapshot stores the cache's data
//! (`cache_data_gb`, per shard) again.

use super::{Pricer, HOURS_PER_MONTH};
use crate::domain::InstanceService;
use crate::kinds::cache::{Cache, Engine};

pub(super) fn price(p: &mut Pricer<'_>, c: &Cache<'_>) {
    let engine = match c.engine {
        Engine::Redis => "redis",
        Engine::Valkey => "valkey",
    };
    let nodes = (c.nodes.max(0) * c.shards.max(0)) as f64;
    let what = format!("{nodes} × {} ({} shard(s) × {} node(s))", c.instance.name, c.shards, c.nodes);
    p.instance(what, InstanceService::ElastiCache, engine, c.instance.name, nodes * HOURS_PER_MONTH)
        .bills("aws_elasticache_replication_group", 1);
    let kept = c.snapshot_retention.days_ceil();
    if kept > 1 {
        let gb = p.usage.get("cache_data_gb") * c.shards.max(0) as f64 * (kept - 1) as f64;
        p.unit(format!("snapshots beyond the free one ({kept} kept)"), "elasticache.backup", gb)
            .assumed("cache_data_gb");
    }
    let calls = p.usage.get("secret_api_calls_thousand");
    p.unit("AUTH token secret", "secretsmanager.secret", 1.0).bills("aws_secretsmanager_secret", 1);
    p.unit("AUTH token secret: API calls", "secretsmanager.api", calls / 10.0).assumed("secret_api_calls_thousand");
}
