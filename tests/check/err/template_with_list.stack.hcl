locals {
  zones = ["a", "b"]
  label = "zones: ${local.zones}"  # ERROR E0401
}

network "main" {
  cidr = "10.0.0.0/16"
  nat  = local.label
}
