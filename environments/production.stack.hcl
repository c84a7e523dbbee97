# The built-in `production` profile. Every built-in profile defines the same fields with the same types;
# kind defaults read them as `profile.<field>`.

profile "production" {
  doc = "Highly available and protected: three zones, NAT per zone, Multi-AZ databases and caches, deletion protection, 30-day backups, at least two replicas autoscaled up to ten, flow and access logs, WAF, default-deny network policies."

  # Availability zones a network spans (number, 1–6).
  zones = 3
  # NAT gateways for private egress: "none", "single" or "per_zone".
  nat = "per_zone"
  # Whether VPC flow logs are written to CloudWatch (bool).
  flow_logs = true
  # How long CloudWatch log groups keep entries (duration).
  log_retention = "365d"
  # Whether S3, load balancer and CDN access logs are kept (bool).
  access_logs = true
  # Whether load balancers and CDNs get an AWS WAF web ACL (bool).
  waf = true
  # Whether databases and caches keep a standby in another zone with automatic failover (bool).
  multi_az = true
  # Whether databases, load balancers, VMs and non-empty buckets refuse deletion (bool).
  deletion_protection = true
  # How long database backups and cache snapshots are kept (duration, at most 35d).
  backup_retention = "30d"
  # Whether S3 buckets keep object versions (bool).
  versioning = true
  # How long a deleted Secrets Manager secret can be restored (duration, 7d–30d).
  secret_recovery_window = "30d"
  # Whether RDS Performance Insights and EC2 one-minute monitoring are on (bool).
  enhanced_monitoring = true
  # EC2 instance type of cluster nodes (instance_type("ec2")); x86 everywhere so one image runs in every environment.
  node_instance = "m6i.xlarge"
  # Fewest nodes per node pool (number).
  node_min = 3
  # Most nodes per node pool (number).
  node_max = 12
  # Root volume of each node (size).
  node_disk = "100Gi"
  # Node purchase option: "on_demand" or "spot" (Spot is reclaimable, about 70% cheaper).
  node_capacity = "on_demand"
  # Networks that reach the EKS API's public endpoint (list of CIDRs); empty keeps the API private to
  # the VPC (deploys then run from inside it).
  cluster_api_cidrs = []
  # EKS control-plane log types sent to CloudWatch (list of "api", "audit", "authenticator", "controllerManager", "scheduler").
  cluster_logs = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  # RDS instance class (instance_type("rds")).
  database_instance = "db.r6g.xlarge"
  # Allocated database storage (size, at least 20Gi).
  database_storage = "100Gi"
  # ElastiCache node type (instance_type("elasticache")).
  cache_instance = "cache.r6g.large"
  # Cache nodes per shard, primary included (number; 2 or more enable failover).
  cache_nodes = 3
  # EC2 instance type of plain VMs such as bastions (instance_type("ec2")).
  vm_instance = "t4g.small"
  # Fewest pods of a service or site (number).
  min_replicas = 2
  # Most pods the autoscaler may run (number; equal to min_replicas means no autoscaler).
  max_replicas = 10
  # How often liveness and readiness probes run (duration).
  probe_interval = "30s"
  # Inbound pod traffic allowed: "permissive", "namespace" (same namespace and monitoring) or "default_deny" (explicit allows only).
  network_policy = "default_deny"
  # Whether ingresses serve HTTPS with a cert-manager certificate (bool).
  tls = true
  # The cert-manager ClusterIssuer ingress certificates come from (string).
  certificate_issuer = "letsencrypt-production"
  # Whether debugging aids are on: verbose logs, debug endpoints, source maps (bool).
  debug = false
}
