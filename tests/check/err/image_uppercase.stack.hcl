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
  image = "ghcr.io/Acme/API:1.0"  # ERROR E0407
}
