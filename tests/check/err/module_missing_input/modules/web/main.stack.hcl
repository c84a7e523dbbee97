input "image" {
  type = image
}

service "app" {
  image = input.image
}
