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
}

service "gateway" {
  image = "ghcr.io/acme/gateway:1.0.0"
  env = {
    WEB = module.web.ur  # ERROR E0205
  }
}
