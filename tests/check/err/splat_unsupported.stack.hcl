locals {
  names = ["a", "b"]
  upper = local.names[*].x  # ERROR E0002
}
