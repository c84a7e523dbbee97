network "main" {
  cidr = "10.0.0.1/16"  # ERROR E0405
}
