stack "s" {
  region = "us-east"  # ERROR E0118
}

environment "dev" {
  profile = "development"
}
