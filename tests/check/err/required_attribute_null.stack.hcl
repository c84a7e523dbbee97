locals {
  keys = null
}

secret "api" {
  keys = local.keys  # ERROR E0109
}
