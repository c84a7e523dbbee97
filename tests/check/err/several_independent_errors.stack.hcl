network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

database "orders" {
  engine  = "postgress"  # ERROR E0409
  storage = "100GB"  # ERROR E0402
}

service "api" {
  image = "ghcr.io/acme/api:1.0.0"
  replica = 2  # ERROR E0108
}

cache "sessions" {
  engine = "redis"
  nodes  = "three"  # ERROR E0401
}
