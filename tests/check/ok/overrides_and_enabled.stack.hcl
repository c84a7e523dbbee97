stack "shop" {
  region = "us-east-1"
  tags = {
    team = "platform"
  }
  state {
    bucket = "shop-tfstate"
  }
  admins = ["arn:aws:iam::123456789012:role/PlatformAdmin"]
}

environment "dev" {
  profile = "development"
}

environment "prod" {
  profile = "production"
  region  = "eu-west-1"
  approval {
    reviewers = 2
    wait      = "30m"
  }
  override "database.orders" {
    instance = "db.r6g.xlarge"
    storage  = "200Gi"
  }
  override "cluster.apps" {
    node_pool "general" {
      instance = "m6i.xlarge"
      min      = 3
      max      = 12
    }
    node_pool "batch" {
      instance = "c6i.large"
      capacity = "spot"
    }
  }
  override "bucket.archive" {
    enabled = true
  }
}

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

bucket "archive" {
  enabled = false
}
