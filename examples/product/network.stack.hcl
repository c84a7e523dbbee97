# The VPC, the EKS cluster and the public DNS zone.

network "main" {
  cidr = "10.40.0.0/16"
}

cluster "main" {
  version = "1.33"

  node_pool "general" {
  }

  # Seed: spot instances for non-critical workloads (the Celery workers).
  node_pool "spot" {
    capacity = "spot"
    min      = 0
    max      = env.profile == "production" ? 10 : 3
    labels = {
      workload = "background"
    }
    taints = [
      { key = "workload", value = "background", effect = "NoSchedule" },
    ]
  }
}

dns_zone "public" {
  domain = local.domain

  record "caa" {
    name   = ""
    type   = "CAA"
    values = ["0 issue \"letsencrypt.org\""]
  }
}
