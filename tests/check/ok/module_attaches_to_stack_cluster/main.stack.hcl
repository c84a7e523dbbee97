# The module declares no cluster or network: only(cluster) and only(network) find the stack's.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

module "orders" {
  source = "./modules/api"
  image  = "ghcr.io/acme/orders:1.0.0"
}

service "gateway" {
  image = "ghcr.io/acme/gateway:1.0.0"
  port  = 8080
  env = {
    ORDERS_URL = module.orders.url
  }
}
