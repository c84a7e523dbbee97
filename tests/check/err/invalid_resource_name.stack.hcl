network "Main_Net" {  # ERROR E0106
  cidr = "10.0.0.0/16"
}
