# no-prelude  # ERROR E0104
environment "dev" {
  profile = "development"
}
