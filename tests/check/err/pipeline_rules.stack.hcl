# What the GitHub workflows could not do.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  node_pool "general" {}
}

service "api" {
  image = "registry.gitlab.com/acme/api:1.0.0"  # ERROR E0710
}

static_site "web" {
  image      = "ghcr.io/acme/web:1.0.0"  # ERROR E0710
  build_args = { API_URL = "https://${env.name}.example.com" }
}

pipeline "delivery" {
  repository   = "acme/shop"
  services     = [service.api]
  static_sites = [static_site.web]
  promotion    = ["dev", "stagging", "dev"]  # ERROR E0710
  branches     = ["main", "release/ 1", "!"]  # ERROR E0710
  directory    = "../infra"  # ERROR E0710
  contexts = {  # ERROR E0710
    api    = "services/api"
    worker = "services/worker"
  }
}
