module "again" {
  source = "../a"  # ERROR E0204
}
