network "main" {
  cidr = "10.0.0.0/16"
}

load_balancer "web" {
  domains = ["app.example.com"]  # ERROR E0703
}
