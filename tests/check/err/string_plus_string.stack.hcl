locals {
  name = "a" + "b"  # ERROR E0401
}

network "main" {
  cidr = "10.0.0.0/16"
  nat  = local.name
}
