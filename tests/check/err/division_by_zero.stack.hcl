network "main" {
  cidr  = "10.0.0.0/16"
  zones = 6 / (profile.zones - profile.zones)  # ERROR E0414
}
