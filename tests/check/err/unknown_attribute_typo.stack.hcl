network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

service "api" {
  imgae = "ghcr.io/acme/api:1.0.0"  # ERROR E0108
  port  = 8080
}
