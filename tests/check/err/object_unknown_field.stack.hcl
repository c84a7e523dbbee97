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
  image    = "ghcr.io/acme/api:1.0.0"
  replicas = { min = 2, maxx = 4 }  # ERROR E0401
}
