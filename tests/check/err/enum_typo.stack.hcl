network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine = "postgress"  # ERROR E0409
}
