input "image" {
  type = image
  doc  = "The container image."
}

database "db" {
  engine = "postgres"
}

service "app" {
  image = input.image
  port  = 8080
  env = {
    DATABASE_URL = database.db.url
  }
}

output "url" {
  value = service.app.url
}
