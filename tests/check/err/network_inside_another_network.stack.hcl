dns_zone "internal" {
  domain  = "internal.example.com"
  private = true
  network = network.main
}

network "main" {
  cidr = "10.0.0.0/16"
}

network "other" {
  cidr = "10.0.0.0/24"  # ERROR E0413
}
