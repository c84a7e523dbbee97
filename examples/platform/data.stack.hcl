# Data tier: the application's PostgreSQL and Redis come with it from the web-service module;
# object storage and secrets are declared here.

# S3 for static assets, served through CloudFront.
bucket "assets" {
  cors_origins     = ["https://www.${local.domain}"]
  transition_after = "90d"

  suppress = {
    CKV_AWS_144 = "assets are rebuilt from the repository by the pipeline; a second-region copy adds nothing"
    CKV_AWS_145 = "public static assets behind CloudFront; SSE-S3 avoids KMS request costs on every edge fetch"
    CKV2_AWS_62 = "nothing reacts to asset uploads; the pipeline invalidates the CDN itself"
  }
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

  suppress = {
    CKV2_AWS_62 = "backups are written by the db-dump job and read only for restores; nothing reacts to new objects"
    CKV_AWS_18  = "the us-west-2 replica has no log bucket in its region; the source bucket's access is logged"
    CKV_AWS_144 = "the us-west-2 replica is itself the replication target"
  }
}

# Application secrets; values are put into Secrets Manager out of band, never into this repository.
secret "app" {
  description = "Third-party API keys of the CTOProjects application"
  keys        = ["STRIPE_API_KEY", "SENDGRID_API_KEY", "SENTRY_DSN"]

  suppress = {
    CKV2_AWS_57 = "third-party API keys are rotated in the vendors' consoles, then put here by hand"
  }
}

# Generated once by Terraform; rotating it means tainting the random_password.
secret "session" {
  description = "Signing key for user sessions"
  keys        = ["SESSION_SECRET"]
  generate    = true
  length      = 64

  suppress = {
    CKV2_AWS_57 = "rotating the session key logs every user out; it is rotated by bumping the secret version in a release"
  }
}
