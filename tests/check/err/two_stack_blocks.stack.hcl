stack "a" {
  region = "us-east-1"
}

stack "b" {  # ERROR E0105
  region = "eu-west-1"
}

environment "dev" {
  profile = "development"
}
