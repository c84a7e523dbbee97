# A pipeline that builds and deploys a service that no cluster runs in production.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  node_pool "general" {}
}

service "preview" {
  image   = "ghcr.io/acme/preview:1.0.0"
  enabled = env.profile != "production"
}

pipeline "delivery" {
  repository = "acme/shop"
  services   = [service.preview]  # ERROR E0305
}
