# Added to every fixture that has no `stack` block of its own.
stack "shop" {
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
}

environment "staging" {
  profile = "staging"
}

environment "prod" {
  profile = "production"
}
