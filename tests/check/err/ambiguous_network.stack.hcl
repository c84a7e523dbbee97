network "a" {
  cidr = "10.0.0.0/16"
}

network "b" {
  cidr = "10.1.0.0/16"
}

database "orders" {  # ERROR E0415
  engine = "postgres"
}
