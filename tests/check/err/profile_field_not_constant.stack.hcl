locals {
  z = 2
}

profile "perf" {
  extends = "production"
  zones   = local.z  # ERROR E0115
}
