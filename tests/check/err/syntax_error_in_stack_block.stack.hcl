# no-prelude: a `stack` block dropped for a syntax error is reported once, not again as missing (E0104).
stack "shop" {
  region = "us-east-1  # ERROR E0001
}

environment "dev" {
  profile = "development"
}
