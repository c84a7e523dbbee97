network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine = "postgres"
}

policy "prod-databases-are-multi-az" {
  kind     = "database"
  when     = env.profile == "production"
  assert   = self.multi_az && self.deletion_protection
  message  = "${self.engine} databases in production must be Multi-AZ and protected"
  severity = "error"
}

policy "few-zones-outside-prod" {
  when     = env.profile != "production"
  assert   = network.main.zones <= 3
  message  = "non-production networks use at most three zones"
  severity = "warning"
}
