# Rules across edge resources: a CDN reaches a load balancer over HTTPS only, a delegated zone is a
# sub-domain of its parent, and a load balancer needs a node pool that serves ingress.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  node_pool "spot" {
    capacity = "spot"
  }
}

dns_zone "dev" {
  domain        = "dev.example.com"
  delegate_from = "example.org"  # ERROR E0422
}

load_balancer "plain" {
  cluster = cluster.apps  # ERROR E0701
}

cdn "edge" {
  origin "app" {
    load_balancer = load_balancer.plain  # ERROR E0422
    path          = "*"
  }
}

bucket "site" {}

cdn "mixed" {
  spa_fallback = true  # ERROR E0422
  origin "site" {
    bucket = bucket.site
    path   = "*"
  }
  origin "api" {
    load_balancer = load_balancer.plain  # ERROR E0422
    path          = "/api/*"
  }
}
