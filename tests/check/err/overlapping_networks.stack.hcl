network "a" {
  cidr = "10.0.0.0/16"
}

network "b" {
  cidr = "10.0.128.0/17"  # ERROR E0413
}
