stack "s" {
  region = "us-east-1"
}

environment "prod" {
  profile = "prod"  # ERROR E0112
}
