service "app" {
  image = "ghcr.io/acme/web:1.0.0"
}

output "url" {
  value = service.app.url
}
