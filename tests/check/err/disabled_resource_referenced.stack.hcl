network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

bucket "assets" {
  enabled = env.profile == "production"
}

service "web" {
  image   = "ghcr.io/acme/web:1.0.0"
  buckets = [bucket.assets]  # ERROR E0305
}
