# The built-in `development` profile. Every built-in profile defines the same fields with the same types;
# kind defaults read them as `profile.<field>`.

profile "development" {
  doc = "Cheap and disposable: two zones (the fewest EKS, RDS and load balancers accept) with one NAT gateway, Spot nodes, small instances, one replica, no deletion protection, one day of backups, permissive network policies."

  # Availability zones a network spans (number, 1–6).
  zones = 2
  # NAT gateways for private egress: "none", "single" or "per_zone".
  nat = "single"
  # Whether VPC flow logs are written to CloudWatch (bool).
  flow_logs = false
  # How long CloudWatch log groups keep entries (duration).
  log_retention = "7d"
  # Whether S3, load balancer and CDN access logs are kept (bool).
  access_logs = false
  # Whether load balancers and CDNs get an AWS WAF web ACL (bool).
  waf = false
  # Whether databases and caches keep a standby in another zone with automatic failover (bool).
  multi_az = false
  # Whether databases, load balancers, VMs and non-empty buckets refuse deletion (bool).
  deletion_protection = false
  # How long database backups and cache snapshots are kept (duration, at most 35d).
  backup_retention = "1d"
  # Whether S3 buckets keep object versions (bool).
  versioning = false
  # How long a deleted Secrets Manager secret can be restored (duration, 7d–30d).
  secret_recovery_window = "7d"
  # Whether RDS Performance Insights and EC2 one-minute monitoring are on (bool).
  enhanced_monitoring = false
  # EC2 instance type of cluster nodes (instance_type("ec2")); x86 everywhere so one image runs in every environment.
  node_instance = "m6i.large"
  # Fewest nodes per node pool (number).
  node_min = 1
  # Most nodes per node pool (number).
  node_max = 3
  # Root volume of each node (size).
  node_disk = "50Gi"
  # Node purchase option: "on_demand" or "spot" (Spot is reclaimable, about 70% cheaper).
  node_capacity = "spot"
  # Networks that reach the EKS API's public endpoint (list of CIDRs); empty keeps the API private to
  # the VPC (deploys then run from inside it).
  cluster_api_cidrs = ["0.0.0.0/0"]
  # EKS control-plane log types sent to CloudWatch (list of "api", "audit", "authenticator", "controllerManager", "scheduler").
  cluster_logs = ["api", "audit"]
  # RDS instance class (instance_type("rds")).
  database_instance = "db.t4g.medium"
  # Allocated database storage (size, at least 20Gi).
  database_storage = "20Gi"
  # ElastiCache node type (instance_type("elasticache")).
  cache_instance = "cache.t4g.micro"
  # Cache nodes per shard, primary included (number; 2 or more enable failover).
  cache_nodes = 1
  # EC2 instance type of plain VMs such as bastions (instance_type("ec2")).
  vm_instance = "t4g.micro"
  # Fewest pods of a service or site (number).
  min_replicas = 1
  # Most pods the autoscaler may run (number; equal to min_replicas means no autoscaler).
  max_replicas = 1
  # How often liveness and readiness probes run (duration).
  probe_interval = "10s"
  # Inbound pod traffic allowed: "permissive", "namespace" (same namespace and monitoring) or "default_deny" (explicit allows only).
  network_policy = "permissive"
  # Whether ingresses serve HTTPS with a cert-manager certificate (bool).
  tls = false
  # The cert-manager ClusterIssuer ingress certificates come from (string).
  certificate_issuer = "letsencrypt-staging"
  # Whether debugging aids are on: verbose logs, debug endpoints, source maps (bool).
  debug = true
}
