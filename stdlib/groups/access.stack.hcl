group "access" {
  doc = "The AWS resources a workload's pods use: each grants exactly that access through the workload's IAM role for its service account."

  attribute "databases" {
    type    = list(ref(database))
    default = []
    doc     = "Databases whose master credentials (the RDS-managed Secrets Manager secret) are synced by an ExternalSecret into <NAME>_DB_USER and <NAME>_DB_PASSWORD, NAME being the database's name upper-cased with dashes as underscores; the database's security group admits the pods."
  }
  attribute "buckets" {
    type    = list(ref(bucket))
    default = []
    doc     = "S3 buckets the pods may read and write, through an IAM role for the service account (IRSA)."
  }
  attribute "queues" {
    type    = list(ref(queue))
    default = []
    doc     = "SQS queues the pods may send to and receive from, through the service account's IAM role."
  }
  attribute "topics" {
    type    = list(ref(topic))
    default = []
    doc     = "SNS topics the pods may publish to, through the service account's IAM role."
  }
}
