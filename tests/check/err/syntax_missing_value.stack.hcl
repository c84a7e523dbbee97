database "orders" {
  engine =  # ERROR E0001
}

cache "sessions" {  # ERROR E0415
  engin = "redis"  # ERROR E0108
}
