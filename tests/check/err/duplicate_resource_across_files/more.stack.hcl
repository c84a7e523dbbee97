network "main" {  # ERROR E0103
  cidr = "10.1.0.0/16"
}
