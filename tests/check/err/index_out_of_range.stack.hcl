locals {
  zones = [1, 2, 3]
}

network "main" {
  cidr  = "10.0.0.0/16"
  zones = local.zones[5]  # ERROR E0414
}
