locals {
  x = self.cidr  # ERROR E0306
}

network "main" {
  cidr = "10.0.0.0/16"
  nat  = local.x
}
