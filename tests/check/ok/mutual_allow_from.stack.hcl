# Two services that allow each other and one reads the other's URL: `allow_from` is a relation,
# not a deploy dependency, so this is not a cycle.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

service "frontend" {
  image      = "ghcr.io/acme/frontend:1.0.0"
  port       = 3000
  allow_from = [service.backend]
  env = {
    API_URL = service.backend.url
  }
}

service "backend" {
  image      = "ghcr.io/acme/backend:1.0.0"
  port       = 8080
  allow_from = [service.frontend]
}
