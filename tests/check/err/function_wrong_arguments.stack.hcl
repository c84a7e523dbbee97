locals {
  parts = ["a", "b"]
  name  = join(local.parts)  # ERROR E0411
}

network "main" {
  cidr = "10.0.0.0/16"
  nat  = local.name
}
