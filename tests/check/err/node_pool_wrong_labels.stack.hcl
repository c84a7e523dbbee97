network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool {  # ERROR E0102
    instance = "m6i.large"
  }
}
