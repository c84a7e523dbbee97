# A failing `error` policy is an error at the resource (exit 1), a failing `warning` policy a warning;
# each names the environments it fails in.
network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" { # ERROR P0001
  engine   = "postgres"
  multi_az = false
}

database "reports" { # WARNING P0001
  engine  = "postgres"
  storage = "200Gi"
}

policy "prod-databases-are-multi-az" {
  kind    = "database"
  when    = env.profile == "production"
  assert  = self.multi_az
  message = "${self.engine} databases in production must be Multi-AZ"
}

policy "small-databases" {
  kind     = "database"
  assert   = self.storage <= "100Gi"
  message  = "databases above 100Gi need a capacity review"
  severity = "warning"
}

policy "few-networks" {
  assert  = length([network.main]) == 1
  message = "this stack has one network"
}
