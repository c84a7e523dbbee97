input "image" {  # ERROR E0101
  type = image
}
