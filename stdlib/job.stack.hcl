kind "job" {
  doc    = "A run-to-completion task on a cluster (a Kubernetes Job) run on every deploy as a Helm hook, like a database migration before the new version starts."
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
  attribute "image" {
    type = image
    doc  = "The container image, like \"ghcr.io/acme/api:1.4.2\"."
  }
  attribute "command" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's ENTRYPOINT; unset keeps the image's."
  }
  attribute "args" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's CMD, like [\"migrate\", \"up\"]; unset keeps the image's."
  }
  attribute "phase" {
    type    = enum("pre_deploy", "post_deploy")
    default = "pre_deploy"
    doc     = "When the job runs on each deploy: before the services are upgraded (Helm pre-install,pre-upgrade hook; a failure stops the deploy) or after they are ready (post-install,post-upgrade)."
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
  attribute "timeout" {
    type    = duration
    default = "10m"
    doc     = "How long the job may run before it is stopped and fails (activeDeadlineSeconds)."
  }
  attribute "retries" {
    type    = number
    default = 2
    doc     = "How many times a failed pod is retried (backoffLimit)."
  }
  attribute "ttl" {
    type    = duration
    default = "1h"
    doc     = "How long a finished job is kept for inspection before Kubernetes deletes it (ttlSecondsAfterFinished)."
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
