network "main" {
  cidr = env.profile == "production" ? "10.0.0.0/16" : "10.1.0.0/16"
  flow_logs = env.stage == "prod"  # ERROR E0304
}
