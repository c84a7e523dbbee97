kind "job" {
  doc     = "A run-to-completion task on a cluster (a Kubernetes Job) run on every deploy as a Helm hook, like a database migration before the new version starts."
  target  = "kubernetes"
  include = ["workload", "container", "access", "pod_security", "batch"]

  attribute "phase" {
    type    = enum("pre_deploy", "post_deploy")
    default = "pre_deploy"
    doc     = "When the job runs on each deploy: before the services are upgraded (Helm pre-install,pre-upgrade hook; a failure stops the deploy) or after they are ready (post-install,post-upgrade)."
  }
  attribute "ttl" {
    type    = duration
    default = "1h"
    max     = "30d"
    doc     = "How long a finished job is kept for inspection before Kubernetes deletes it (ttlSecondsAfterFinished)."
  }
}
