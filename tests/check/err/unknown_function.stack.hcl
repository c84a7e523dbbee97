locals {
  name = uppercase("x")  # ERROR E0412
}

network "main" {
  cidr = "10.0.0.0/16"
  nat  = local.name
}
