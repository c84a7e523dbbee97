# Values AWS rejects at apply time, each caught at the value: sizes, durations, counts, CIDR prefixes.
network "main" {
  cidr = "10.0.0.0/8"  # ERROR E0420
}

database "orders" {
  engine           = "postgres"
  storage          = "5Gi"  # ERROR E0420
  backup_retention = "60d"  # ERROR E0420
  port             = 80  # ERROR E0420
}

queue "jobs" {  # WARNING W0422
  retention         = "30d"  # ERROR E0420
  max_receive_count = 2000  # ERROR E0420
}

secret "api" {
  keys            = []  # ERROR E0420
  recovery_window = "3d"  # ERROR E0420
}
