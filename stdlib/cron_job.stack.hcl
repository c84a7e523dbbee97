kind "cron_job" {
  doc    = "A task run on a schedule on a cluster (a Kubernetes CronJob), like a nightly report or cleanup."
  target = "kubernetes"

  attribute "cluster" {
    type    = ref(cluster)
    default = only(cluster)
    doc     = "The cluster the job runs on; defaults to the stack's only cluster."
  }
  attribute "namespace" {
    type    = string
    default = env.name
    doc     = "The Kubernetes namespace; defaults to the environment's name."
  }
  attribute "schedule" {
    type = string
    doc  = "When to run, as a five-field cron expression in `timezone`, like \"0 3 * * *\" for 03:00 every day."
  }
  attribute "timezone" {
    type    = string
    default = "Etc/UTC"
    doc     = "The IANA time zone the schedule is read in (timeZone)."
  }
  attribute "image" {
    type = image
    doc  = "The container image, like \"ghcr.io/acme/worker:2.0.1\"."
  }
  attribute "command" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's ENTRYPOINT; unset keeps the image's."
  }
  attribute "args" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's CMD; unset keeps the image's."
  }
  attribute "env" {
    type    = map(string)
    default = {}
    doc     = "Environment variables of the container; values may be outputs known after apply."
  }
  attribute "secrets" {
    type    = list(ref(secret))
    default = []
    doc     = "Secrets whose keys become environment variables through an ExternalSecret."
  }
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
  attribute "cpu" {
    type    = cpu
    default = "250m"
    doc     = "CPU requested (resources.requests.cpu)."
  }
  attribute "memory" {
    type    = size
    default = "256Mi"
    doc     = "Memory requested (resources.requests.memory)."
  }
  attribute "memory_limit" {
    type    = size
    default = self.memory
    doc     = "Memory limit (resources.limits.memory); defaults to the request."
  }
  attribute "concurrency" {
    type    = enum("allow", "forbid", "replace")
    default = "forbid"
    doc     = "What happens when a run is due while the previous one still runs (concurrencyPolicy): run both, skip the new one, or replace the old one."
  }
  attribute "timeout" {
    type    = duration
    default = "1h"
    doc     = "How long one run may take before it is stopped and fails (activeDeadlineSeconds)."
  }
  attribute "retries" {
    type    = number
    default = 2
    doc     = "How many times a failed pod of one run is retried (backoffLimit)."
  }
  attribute "starting_deadline" {
    type    = duration
    default = "5m"
    doc     = "How late a missed run may still start, after downtime of the controller (startingDeadlineSeconds)."
  }
  attribute "history" {
    type    = number
    default = 3
    doc     = "How many finished runs of each outcome are kept for inspection (successfulJobsHistoryLimit, failedJobsHistoryLimit)."
  }
  attribute "suspend" {
    type    = bool
    default = false
    doc     = "Whether scheduling is paused (suspend); runs already started continue."
  }
  attribute "run_as_non_root" {
    type    = bool
    default = true
    doc     = "Whether the kubelet refuses to start the container as root (securityContext.runAsNonRoot)."
  }
  attribute "run_as_user" {
    type    = number
    default = 10001
    doc     = "The numeric user ID the container runs as (securityContext.runAsUser)."
  }
  attribute "read_only_root_filesystem" {
    type    = bool
    default = true
    doc     = "Whether the root filesystem is read-only; /tmp stays writable."
  }
}
