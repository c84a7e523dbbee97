network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine  = "postgres"
  storage = "100GB"  # ERROR E0402
}
