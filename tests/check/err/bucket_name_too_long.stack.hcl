stack "a-rather-long-stack-name" {
  region = "us-east-1"
}

environment "production" {
  profile = "production"
}

bucket "customer-uploads-archive" {  # ERROR E0702
}
