# An environment override that writes nested blocks replaces them all.
stack "shop" {
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
}

environment "prod" {
  profile = "production"
  override "cluster.apps" {
    node_pool "batch" {  # WARNING W0403
      max = 10
    }
    node_pool "extra" {
      max = 4
    }
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  node_pool "general" {
    max = 4
  }
  node_pool "batch" {
    capacity = "spot"
    labels   = { workload = "batch" }
  }
}
