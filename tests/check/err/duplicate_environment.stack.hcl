stack "s" {
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
}

environment "dev" {  # ERROR E0103
  profile = "staging"
}
