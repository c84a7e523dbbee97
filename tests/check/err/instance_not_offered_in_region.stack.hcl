stack "s" {
  region = "sa-east-1"
}

environment "prod" {
  profile = "production"
}

network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "arm" {
    instance = "m7g.large"  # ERROR E0417
  }
}
