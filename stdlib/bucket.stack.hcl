kind "bucket" {
  doc    = "An object storage bucket (Amazon S3) with all public access blocked, encryption at rest, TLS-only access and lifecycle rules."
  target = "aws"

  attribute "versioning" {
    type    = bool
    default = profile.versioning
    doc     = "Whether S3 keeps every version of every object (aws_s3_bucket_versioning), so overwrites and deletes can be undone."
  }
  attribute "encryption" {
    type    = enum("s3", "kms")
    default = "s3"
    doc     = "Server-side encryption: S3-managed keys (SSE-S3, AES256) or a stackc-managed KMS key (SSE-KMS, auditable in CloudTrail, billed per request)."
  }
  attribute "transition_after" {
    type    = duration
    default = null
    doc     = "Age after which objects move to the Standard-IA storage class (lifecycle transition, at least 30d); unset keeps everything in Standard."
  }
  attribute "archive_after" {
    type    = duration
    default = null
    doc     = "Age after which objects move to Glacier Instant Retrieval (lifecycle transition); unset never archives."
  }
  attribute "expire_after" {
    type    = duration
    default = null
    doc     = "Age after which objects are deleted (lifecycle expiration); unset keeps them forever."
  }
  attribute "noncurrent_expire_after" {
    type    = duration
    default = "90d"
    doc     = "With versioning, how long replaced or deleted versions are kept before S3 removes them (noncurrent_version_expiration)."
  }
  attribute "replica_region" {
    type    = string
    default = null
    doc     = "An AWS region to replicate every object to (S3 cross-region replication into a versioned bucket there; needs versioning); unset replicates nowhere."
  }
  attribute "cors_origins" {
    type    = list(string)
    default = []
    doc     = "Browser origins allowed to GET and PUT objects directly (a CORS rule), like [\"https://app.example.com\"]."
  }
  attribute "access_logs" {
    type    = bool
    default = profile.access_logs
    doc     = "Whether S3 server access logs are written to the stack's log bucket."
  }
  attribute "force_destroy" {
    type    = bool
    default = !profile.deletion_protection
    doc     = "Whether destroying the bucket also deletes every object in it (force_destroy); otherwise a non-empty bucket cannot be destroyed."
  }

  output "name" {
    type = string
    doc  = "The globally unique bucket name; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The bucket ARN; known after apply."
  }
  output "domain_name" {
    type = string
    doc  = "The regional domain name (bucket.s3.region.amazonaws.com), used as a CloudFront origin; known after apply."
  }
}
