network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {  # ERROR E0111
  version = "1.35"
}
