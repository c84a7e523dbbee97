kind "cron_job" {
  doc     = "A task run on a schedule on a cluster (a Kubernetes CronJob), like a nightly report or cleanup."
  target  = "kubernetes"
  include = ["workload", "container", "access", "pod_security", "batch"]
  defaults = {
    timeout = "1h"
  }

  attribute "schedule" {
    type        = string
    pattern     = "(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every [0-9]+[smh]|[0-9A-Za-z*,/?-]+ [0-9A-Za-z*,/?-]+ [0-9A-Za-z*,/?-]+ [0-9A-Za-z*,/?-]+ [0-9A-Za-z*,/?-]+)"
    pattern_doc = "a five-field cron expression like \"0 3 * * *\" or a descriptor like \"@daily\" (no TZ=: use timezone)"
    doc         = "When to run, as a five-field cron expression in `timezone`, like \"0 3 * * *\" for 03:00 every day."
  }
  attribute "timezone" {
    type        = string
    default     = "Etc/UTC"
    pattern     = "[A-Za-z][A-Za-z0-9._+-]*(/[A-Za-z0-9._+-]+)*"
    pattern_doc = "an IANA time zone like \"Europe/Berlin\" or \"Etc/UTC\""
    doc         = "The IANA time zone the schedule is read in (timeZone)."
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
    type    = integer
    default = 3
    min     = 0
    max     = 100
    doc     = "How many finished runs of each outcome are kept for inspection (successfulJobsHistoryLimit, failedJobsHistoryLimit)."
  }
  attribute "suspend" {
    type    = bool
    default = false
    doc     = "Whether scheduling is paused (suspend); runs already started continue."
  }

  check "timezone-local" {
    assert  = lower(self.timezone) != "local"
    message = "the timezone must be an IANA name; \"Local\" depends on the cluster"
    at      = "timezone"
    doc     = "Kubernetes: CronJob timeZone may not be Local."
  }

  check "starting-deadline" {
    assert   = seconds(self.starting_deadline) >= 10
    message  = "a starting_deadline under 10s may keep the job from ever being scheduled"
    at       = "starting_deadline"
    severity = "warning"
    doc      = "Kubernetes: \"If startingDeadlineSeconds is set to a value less than 10 seconds, the CronJob may not be scheduled\" (the controller checks every 10 seconds)."
  }
}
