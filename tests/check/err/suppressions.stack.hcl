# Suppressions (compiled as of 2026-12-01): a reason is required, `until` must be a real day and
# expires after it, keys are built-in rule IDs or checkov IDs, a suppression that covers nothing is
# a warning, and a rule's finding is an error or warning in production (P0002).

stack "shop" {
  region = "us-east-1"
  tags = {
    owner = "shop-team"
  }
}

environment "dev" {
  profile = "development"
}

environment "prod" {
  profile = "production"
  approval {
    reviewers = 1
  }
  suppress = {
    SC501 = "budgets are set per team in the finance tool"
    SC302 = "prod has an approval" # WARNING W0418
    SC201 = "a database rule, on an environment" # ERROR E0418
  }
}

database "orders" {
  engine  = "postgres"
  version = "16"
  suppress = {
    SC201       = { reason = "single-AZ until the Aurora migration", until = "2026-11-30" } # ERROR E0419
    SC202       = { reason = "restored from the nightly export", until = "2027-02-30" } # ERROR E0418
    SC203       = { reason = "no one reads the metrics", owner = "dba" } # ERROR E0418
    SC999       = "no such rule" # ERROR E0418
    CKV_AWS_157 = "" # ERROR E0418
    NOT_AN_ID   = "a reason" # ERROR E0418
    CKV2_AWS_62 = "no such check on a database" # WARNING W0418
    CKV_AWS_293 = "a reason with = in it" # ERROR E0418
    sc205       = "lower case" # ERROR E0418
    SC501       = "an environment rule, on a database" # ERROR E0418
    CKV_AWS_118 = "a line\rresource \"aws_iam_user\" \"x\" {}" # ERROR E0418
    CKV_AWS_353 = { reason = "Performance Insights is replaced by the APM", until = "2026-12-10" } # WARNING W0419
  }
}

# One note-level finding per environment it is a note in; suppressing it with a date in the future
# is fine, and the production finding stays (the suppression covers SC201 only).
cache "sessions" {
  engine = "valkey"
  suppress = {
    SC105 = { reason = "the AUTH token is rotated with each release", until = "2099-12-31" }
    SC201 = "a database rule, on a cache" # WARNING W0418
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}

cluster "main" {
  node_pool "general" {}
}

secret "stripe" {
  keys = ["api_key"]
  suppress = 42  # ERROR E0418
}

service "api" {
  image  = "ghcr.io/acme/api:1.4.2" # WARNING P0002
  port   = 8080
  health {}
  env = { # ERROR P0002
    STRIPE_API_KEY = "sk_live_51HxQ2eLkdIwHu7ixOtZ"
  }
}
