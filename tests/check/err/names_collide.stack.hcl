# AWS names that would collide.
network "main" {
  cidr = "10.0.0.0/16"
}

bucket "logs" {  # ERROR E0704
  access_logs = true
}

queue "jobs" {
  max_receive_count = 3
}

queue "jobs-dlq" {  # ERROR E0704
  max_receive_count = 0
}

# A service and an addon that names the service's service account in the same namespace.
cluster "apps" {
  node_pool "general" {}
}

service "worker" {  # ERROR E0705
  image = "ghcr.io/acme/worker:1.0.0"
}

addon "metrics" {
  chart           = "metrics"
  repository      = "https://charts.example.com"
  version         = "1.0.0"
  namespace       = env.name
  service_account = "worker"
}
