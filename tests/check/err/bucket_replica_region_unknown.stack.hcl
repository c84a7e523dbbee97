network "main" {
  cidr = "10.0.0.0/16"
}

bucket "backups" {
  versioning     = true
  replica_region = "us-west"  # ERROR E0118
}
