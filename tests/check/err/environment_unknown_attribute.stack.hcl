stack "s" {
  region = "us-east-1"
}

environment "dev" {  # ERROR E0109
  profil = "development"  # ERROR E0108
}
