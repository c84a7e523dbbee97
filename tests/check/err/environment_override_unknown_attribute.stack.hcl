stack "s" {
  region = "us-east-1"
}

environment "prod" {
  profile = "production"
  override "network.main" {
    zone = 3  # ERROR E0108
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}
