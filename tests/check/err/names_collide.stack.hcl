# AWS names that would collide.
network "main" {
  cidr = "10.0.0.0/16"
}

bucket "logs" {  # ERROR E0704
  access_logs = true
}

queue "jobs" {
  max_receive_count = 3
}

queue "jobs-dlq" {  # ERROR E0704
  max_receive_count = 0
}
