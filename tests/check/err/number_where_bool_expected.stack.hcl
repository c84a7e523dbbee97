network "main" {
  cidr      = "10.0.0.0/16"
  flow_logs = 1  # ERROR E0401
}
