network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

module "web" {
  source = "./modules/web"
  image  = "ghcr.io/acme/web:1.0.0"
  imgae  = "ghcr.io/acme/web:1.0.0"  # ERROR E0202
}
