network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

module "web" {  # ERROR E0203
  source = "./modules/web"
}
