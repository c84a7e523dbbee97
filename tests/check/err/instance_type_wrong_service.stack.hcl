network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine   = "postgres"
  instance = "m6i.large"  # ERROR E0408
}
