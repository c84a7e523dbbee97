kind "cache" {
  doc    = "A managed in-memory cache (an Amazon ElastiCache replication group running Redis OSS or Valkey) in the private subnets of a network, encrypted at rest and in transit."
  target = "aws"

  attribute "engine" {
    type    = enum("redis", "valkey")
    default = "redis"
    doc     = "The cache engine; Valkey is the open-source Redis fork, protocol-compatible and cheaper on ElastiCache."
  }
  attribute "version" {
    type    = string
    default = self.engine == "redis" ? "7.1" : "8.0"
    doc     = "The engine version (engine_version), like \"7.1\" for Redis OSS or \"8.0\" for Valkey."
  }
  attribute "instance" {
    type    = instance_type("elasticache")
    default = profile.cache_instance
    doc     = "The ElastiCache node type, like \"cache.r6g.large\" (node_type)."
  }
  attribute "nodes" {
    type    = integer
    default = profile.cache_nodes
    min     = 1
    max     = 6
    doc     = "Nodes per shard: one primary plus up to five replicas (num_cache_clusters, 1–6); two or more enable automatic failover."
  }
  attribute "shards" {
    type    = integer
    default = 1
    min     = 1
    max     = 500
    doc     = "Shards (num_node_groups); more than one turns on cluster mode, which clients must support."
  }
  attribute "multi_az" {
    type    = bool
    default = profile.multi_az
    doc     = "Whether replicas are placed in other zones than the primary and promoted automatically (multi_az_enabled; needs nodes ≥ 2)."
  }
  attribute "network" {
    type    = ref(network)
    default = only(network)
    doc     = "The network whose private subnets form the cache subnet group; defaults to the stack's only network."
  }
  attribute "port" {
    type    = port
    default = 6379
    doc     = "The TCP port the cache listens on; the security group admits it only from resources that reference this cache."
  }
  attribute "snapshot_retention" {
    type    = duration
    default = profile.backup_retention
    max     = "35d"
    doc     = "How long daily snapshots are kept (snapshot_retention_limit in whole days, 0d–35d; 0d turns snapshots off)."
  }
  attribute "maintenance_window" {
    type        = string
    default     = "tue:04:00-tue:05:00"
    pattern     = "(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]"
    pattern_doc = "a weekly UTC window like \"tue:04:00-tue:05:00\""
    doc         = "The weekly UTC window for patches, as \"ddd:hh:mm-ddd:hh:mm\"."
  }
  attribute "eviction" {
    type    = enum("volatile-lru", "allkeys-lru", "volatile-ttl", "noeviction")
    default = "volatile-lru"
    doc     = "What the cache evicts when memory is full (maxmemory-policy in the parameter group); use noeviction for queues and sessions that must not vanish."
  }

  check "redis-version" {
    when    = self.engine == "redis"
    assert  = contains(["6.2", "7.0", "7.1"], self.version)
    message = "write the Redis OSS version as 6.2, 7.0 or 7.1, not ${self.version}"
    at      = "version"
    doc     = "ElastiCache: Redis OSS 6.2, 7.0 and 7.1 (engine_version major.minor; the parameter group families are redis6.x and redis7)."
  }

  check "valkey-version" {
    when    = self.engine == "valkey"
    assert  = contains(["7.2", "8.0", "8.1", "8.2"], self.version)
    message = "write the Valkey version as 7.2, 8.0, 8.1 or 8.2, not ${self.version}"
    at      = "version"
    doc     = "ElastiCache: Valkey 7.2 and 8.x (engine_version major.minor; families valkey7 and valkey8)."
  }

  check "multi-az-needs-replicas" {
    when    = self.multi_az
    assert  = self.nodes >= 2
    message = "multi_az needs a replica to fail over to: set nodes to 2 or more, or multi_az = false"
    at      = "multi_az"
    doc     = "ElastiCache: Multi-AZ requires automatic failover, which needs at least one replica."
  }

  check "cluster-mode-replicas" {
    when    = self.shards > 1
    assert  = self.nodes >= 2
    message = "cluster mode (shards > 1) needs automatic failover: set nodes to 2 or more"
    at      = "shards"
    doc     = "ElastiCache: automatic failover must be enabled for Redis with cluster mode enabled."
  }

  check "multi-az-zones" {
    when    = self.multi_az
    assert  = self.network.zones >= 2
    message = "multi_az places replicas in another zone; the network spans ${self.network.zones}"
    at      = "network"
    doc     = "ElastiCache Multi-AZ needs subnets in at least two zones."
  }

  output "endpoint" {
    type = string
    doc  = "The primary (or configuration, in cluster mode) endpoint as host:port; known after apply."
  }
  output "address" {
    type = string
    doc  = "The primary endpoint host name; known after apply."
  }
  output "reader_endpoint" {
    type = string
    doc  = "The reader endpoint host name, balanced over replicas; known after apply."
  }
  output "url" {
    type = string
    doc  = "A TLS connection URL without credentials, like rediss://host:6379; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The replication group ARN; known after apply."
  }
  output "auth_secret_arn" {
    type = string
    doc  = "The ARN of the Secrets Manager secret holding the AUTH token clients send (`<stack>/<environment>/<name>/auth`); known after apply."
  }
}
