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
    type    = number
    default = profile.cache_nodes
    doc     = "Nodes per shard: one primary plus replicas (num_cache_clusters); two or more enable automatic failover."
  }
  attribute "shards" {
    type    = number
    default = 1
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
    doc     = "How long daily snapshots are kept (snapshot_retention_limit in whole days, 0d–35d; 0d turns snapshots off)."
  }
  attribute "maintenance_window" {
    type    = string
    default = "tue:04:00-tue:05:00"
    doc     = "The weekly UTC window for patches, as \"ddd:hh:mm-ddd:hh:mm\"."
  }
  attribute "eviction" {
    type    = enum("volatile-lru", "allkeys-lru", "volatile-ttl", "noeviction")
    default = "volatile-lru"
    doc     = "What the cache evicts when memory is full (maxmemory-policy in the parameter group); use noeviction for queues and sessions that must not vanish."
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
}
