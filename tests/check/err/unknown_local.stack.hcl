locals {
  cidr = "10.0.0.0/16"
}

network "main" {
  cidr = local.cdir  # ERROR E0304
}
