stack "s" {  # ERROR E0107
  region = "us-east-1"
}
