locals {
  a = local.b  # ERROR E0502
  b = local.a
}

network "main" {
  cidr = local.a
}
