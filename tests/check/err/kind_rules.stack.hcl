# Rules that relate attributes of a kind (check blocks of the stdlib).
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  node_pool "general" {
    min = 5  # ERROR E0422
    max = 2
  }
}

service "api" {
  image    = "ghcr.io/acme/api:1.0.0"
  replicas = { min = 4, max = 2 }  # ERROR E0422
  memory   = "256Mi"
  memory_limit = "128Mi"  # ERROR E0422
}

static_site "docs" {
  mode = "bucket"  # ERROR E0422
}

database "orders" {
  engine      = "mysql"
  version     = "8.0.39"  # ERROR E0422
}
