network "main" {
  cidr  = "10.0.0.0/16"
  zones = profile.zone  # ERROR E0304
}
