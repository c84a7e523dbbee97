network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine     = "postgres"
  depends_on = ["network.main"]  # ERROR E0503
}
