# What Kubernetes or the ingress controller would refuse or silently break.
network "main" {
  cidr = "10.0.0.0/16"
}

network "edge" {
  cidr = "10.1.0.0/16"
}

cluster "apps" {
  network = network.main
  node_pool "general" {}
}

cluster "batch" {
  network = network.edge
  node_pool "general" {}
}

service "api" {  # ERROR E0705
  cluster = cluster.apps
  image   = "ghcr.io/acme/api:1.0.0"
  ingress {
    host = "api.example.com"
  }
}

# The same host and path as service.api on the same cluster.
service "api-v2" {  # ERROR E0705
  cluster = cluster.apps
  image   = "ghcr.io/acme/api:2.0.0"
  ingress {
    host = "api.example.com"
  }
}

# An ingress routes HTTP; this service speaks gRPC.
service "engine" {
  cluster  = cluster.apps
  image    = "ghcr.io/acme/engine:1.0.0"
  protocol = "grpc"  # ERROR E0422
  ingress {
    host = "engine.example.com"
  }
}

# A node pool the cluster does not have.
service "gpu" {
  cluster   = cluster.apps
  image     = "ghcr.io/acme/gpu:1.0.0"
  node_pool = "gpus"  # ERROR E0422
}

# A NetworkPolicy peer on another cluster.
service "reports" {
  cluster    = cluster.batch
  image      = "ghcr.io/acme/reports:1.0.0"
  allow_from = [service.api]  # ERROR E0422
}

# A cron job with a service's name: one release, one set of objects (reported at the service, which
# comes second by address).
cron_job "api" {
  cluster  = cluster.apps
  image    = "ghcr.io/acme/api:1.0.0"
  schedule = "0 3 * * *"
}

# An External Secrets operator that does not serve external-secrets.io/v1.
addon "external-secrets" {
  cluster    = cluster.apps
  chart      = "external-secrets"
  repository = "https://charts.external-secrets.io"
  version    = "0.10.4"  # ERROR E0706
  namespace  = "external-secrets"
}
