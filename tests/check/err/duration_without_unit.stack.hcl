network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine           = "postgres"
  backup_retention = "30"  # ERROR E0404
}
