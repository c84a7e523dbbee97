kind "cron_job" {
  doc     = "A task run on a schedule on a cluster (a Kubernetes CronJob), like a nightly report or cleanup."
  target  = "kubernetes"
  include = ["workload", "container", "access", "pod_security", "batch"]
  defaults = {
    timeout = "1h"
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
  attribute "concurrency" {
    type    = enum("allow", "forbid", "replace")
    default = "forbid"
    doc     = "What happens when a run is due while the previous one still runs (concurrencyPolicy): run both, skip the new one, or replace the old one."
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
}
