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
    min     = "30d"
    doc     = "Objects older than this move to Standard-IA (at least 30d, which S3 requires before an IA transition); unset keeps them in Standard."
  }
  attribute "archive_after" {
    type    = duration
    default = null
    doc     = "Age after which objects move to Glacier Instant Retrieval (lifecycle transition); unset never archives."
  }
  attribute "expire_after" {
    type    = duration
    default = null
    min     = "1d"
    doc     = "Age after which objects are deleted (lifecycle expiration); unset keeps them forever."
  }
  attribute "noncurrent_expire_after" {
    type    = duration
    default = "90d"
    min     = "1d"
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

  check "replication-needs-versioning" {
    when    = self.replica_region != null
    assert  = self.versioning
    message = "replicating to ${self.replica_region} needs versioning = true"
    at      = "versioning"
    doc     = "S3 replication: \"Both source and destination buckets must have versioning enabled\"."
  }

  check "archive-after-transition" {
    when    = self.archive_after != null && self.transition_after != null
    assert  = seconds(self.archive_after) > seconds(self.transition_after)
    message = "archive_after (${self.archive_after}) must come after transition_after (${self.transition_after})"
    at      = "archive_after"
    doc     = "S3 lifecycle: objects move down the storage classes, Standard-IA before Glacier Instant Retrieval."
  }

  check "expire-after-transitions" {
    when    = self.expire_after != null
    assert  = alltrue([for t in [self.transition_after, self.archive_after] : t == null || seconds(self.expire_after) > seconds(coalesce(t, "0s"))])
    message = "expire_after (${self.expire_after}) must come after the transitions"
    at      = "expire_after"
    doc     = "S3 lifecycle: the expiration day must be later than every transition day of the rule."
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
