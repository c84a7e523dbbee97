stack "s" {
  region = "us-east-1"
}

environment "dev" {
  profil = "development"  # ERROR E0108
}
