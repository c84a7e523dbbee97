databse "orders" {  # ERROR E0101
  engine = "postgres"
}
