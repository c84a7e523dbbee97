network "main" {
  cidr = "10.0.0.0/16"
  cidr = "10.1.0.0/16"  # ERROR E0003
}
