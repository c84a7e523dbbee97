network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine = "postgres"
}

policy "retention" {
  kind    = "database"
  assert  = self.backup_retention  # ERROR E0401
  message = "keep backups"
}
