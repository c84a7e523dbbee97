# Every bound that is declared is allowed: the largest (or smallest) value passes.
network "main" {
  cidr = "10.0.0.0/16"
}

network "tiny" {
  cidr        = "10.1.0.0/24"
  zones       = 2
  subnet_bits = 2
}

database "big" {
  engine           = "postgres"
  version          = "18"
  storage          = "64Ti"
  max_storage      = "64Ti"
  backup_retention = "35d"
  port             = 1150
  username         = "a234567890123456"
  read_replicas    = 15
  network          = network.main
}

database "small" {
  engine           = "mysql"
  version          = "8.4"
  storage          = "20Gi"
  max_storage      = "22Gi"
  backup_retention = "1d"
  port             = 65535
  network          = network.main
}

queue "edges" {
  retention             = "1m"
  dead_letter_retention = "14d"
  visibility_timeout    = "12h"
  delay                 = "15m"
  receive_wait          = "20s"
  max_message_size      = "256Ki"
  max_receive_count     = 1000
}

secret "long" {
  keys            = ["A"]
  generate        = true
  length          = 4096
  recovery_window = "30d"
}

load_balancer "web" {
  node_port    = 32767
  idle_timeout = "4000s"
  network      = network.main
}
