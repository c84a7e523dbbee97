# Cost: an environment over its budget (C0001 at the budget, naming the largest contributors), and a
# line the catalog has no price for, reported because the environment has a budget (C0002).
stack "shop" {
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
  budget {  # ERROR C0001
    monthly = 50
  }
}

environment "prod" {
  profile = "production"
  budget {
    monthly  = 100000
    severity = "warning"
  }
  usage {
    nat_data_gb = 500
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}

vm "reports" {
  instance = "m6i.large"
  network  = network.main
}

database "orders" {  # WARNING C0002
  engine   = "postgres"
  instance = "db.r6g.large"
  network  = network.main
}
