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
  engine = "postgres"
}

service "api" {
  image = "ghcr.io/acme/api:1.0.0"
  env = {
    DATABASE_URL = database.orders.uri  # ERROR E0303
  }
}
