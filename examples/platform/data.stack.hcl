# Data tier: the application's PostgreSQL and Redis come with it from the web-service module;
# object storage and secrets are declared here.

# S3 for static assets, served through CloudFront.
bucket "assets" {
  cors_origins     = ["https://www.${local.domain}"]
  transition_after = "90d"
}

# S3 for backups: versioned everywhere, replicated to a second region in production (seed: S3
# versioning and cross-region replication), kept a year.
bucket "backups" {
  versioning       = true
  encryption       = "kms"
  transition_after = "30d"
  archive_after    = "90d"
  expire_after     = "365d"
  replica_region   = env.profile == "production" ? "us-west-2" : null
}

# Application secrets; values are put into Secrets Manager out of band, never into this repository.
secret "app" {
  description = "Third-party API keys of the CTOProjects application"
  keys        = ["STRIPE_API_KEY", "SENDGRID_API_KEY", "SENTRY_DSN"]
}

# Generated once by Terraform; rotating it means tainting the random_password.
secret "session" {
  description = "Signing key for user sessions"
  keys        = ["SESSION_SECRET"]
  generate    = true
  length      = 64
}
