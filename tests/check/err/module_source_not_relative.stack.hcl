module "web" {
  source = "modules/web"  # ERROR E0201
}
