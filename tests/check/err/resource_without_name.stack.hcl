network {  # ERROR E0102
  cidr = "10.0.0.0/16"
}
