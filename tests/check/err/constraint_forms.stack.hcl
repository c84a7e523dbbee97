# Strings that must have a form the service accepts.
network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine             = "postgres"
  username           = "1admin"  # ERROR E0421
  maintenance_window = "Tuesday 2am"  # ERROR E0421
}

load_balancer "web" {
  health_check_path = "healthz"  # ERROR E0421
  node_port         = 80  # ERROR E0420
}

cluster "apps" {
  node_pool "general" {
    labels = {  # ERROR E0421
      "bad key!" = "x"
    }
  }
}
