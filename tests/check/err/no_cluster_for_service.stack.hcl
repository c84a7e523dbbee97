service "api" {  # ERROR E0415
  image = "ghcr.io/acme/api:1.0.0"
}
