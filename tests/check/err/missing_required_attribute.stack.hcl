network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {  # ERROR E0109
  version = "16"
}
