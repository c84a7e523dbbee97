group "container" {
  doc = "The container a workload runs: its image, command, environment and compute resources."

  attribute "image" {
    type = image
    doc  = "The container image, like \"ghcr.io/acme/api:1.4.2\"; pin a tag or digest, never latest."
  }
  attribute "command" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's ENTRYPOINT (container command); unset keeps the image's."
  }
  attribute "args" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's CMD (container args), like [\"migrate\", \"up\"]; unset keeps the image's."
  }
  attribute "env" {
    type    = map(string)
    default = {}
    doc     = "Environment variables of the container; values may be outputs known after apply (a database URL), which reach the pod through a ConfigMap rendered at deploy time."
  }
  attribute "secrets" {
    type    = list(ref(secret))
    default = []
    doc     = "Secrets whose keys become environment variables, synced from Secrets Manager by an ExternalSecret into a Kubernetes Secret (envFrom)."
  }
  attribute "cpu" {
    type    = cpu
    default = "250m"
    doc     = "CPU requested per pod (resources.requests.cpu), like \"250m\" for a quarter core; the scheduler reserves it."
  }
  attribute "cpu_limit" {
    type    = cpu
    default = null
    doc     = "CPU limit per pod (resources.limits.cpu); unset sets no limit, which avoids CFS throttling of bursty processes."
  }
  attribute "memory" {
    type    = size
    default = "256Mi"
    doc     = "Memory requested per pod (resources.requests.memory), like \"512Mi\"."
  }
  attribute "memory_limit" {
    type    = size
    default = self.memory
    doc     = "Memory limit per pod (resources.limits.memory); a pod above it is OOM-killed."
  }
}
