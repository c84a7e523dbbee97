# Warnings: they do not stop a build, but --deny-warnings does.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  node_pool "general" {}
}

service "api" {
  image  = "ghcr.io/acme/api:latest"  # WARNING W0402
  memory = "512"  # WARNING W0401  # WARNING W0422
  memory_limit = "1Gi"
}

queue "jobs" {
  retention             = "14d"
  dead_letter_retention = "7d"  # WARNING W0422
}
