module "web" {
  source = "../../../../etc"  # ERROR E0201
}
