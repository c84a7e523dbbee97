stack "s" {
  region = "us-east-1"
}

environment "prod" {
  profile = "production"
}

network "main" {
  cidr        = "10.0.0.0/24"
  zones       = 3  # ERROR E0701
  subnet_bits = 2
}
