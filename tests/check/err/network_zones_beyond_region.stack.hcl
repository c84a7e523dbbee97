stack "s" {
  region = "us-west-1"
}

environment "prod" {
  profile = "production"
}

network "main" {
  cidr  = "10.0.0.0/16"
  zones = 3  # ERROR E0701
}
