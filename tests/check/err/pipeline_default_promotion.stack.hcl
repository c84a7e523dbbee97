# A stack whose environments are not dev, staging and prod, with a pipeline that keeps the default
# promotion order.
stack "docs" {
  region = "us-east-1"
}

environment "qa" {
  profile = "staging"
}

environment "live" {
  profile = "production"
}

pipeline "delivery" {  # ERROR E0710
  repository = "acme/docs"
}
