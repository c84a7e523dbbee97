network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

service "a" {
  image = "ghcr.io/acme/a:1.0.0"
  env = {  # ERROR E0501
    B = service.b.url
  }
}

service "b" {
  image = "ghcr.io/acme/b:1.0.0"
  env = {
    C = service.c.url
  }
}

service "c" {
  image = "ghcr.io/acme/c:1.0.0"
  env = {
    A = service.a.url
  }
}
