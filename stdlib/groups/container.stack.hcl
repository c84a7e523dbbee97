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
    type            = map(string)
    default         = {}
    deferred        = true
    key_pattern     = "[-._a-zA-Z][-._a-zA-Z0-9]*"
    key_pattern_doc = "an environment variable name (letters, digits, `_`, `-`, `.`, not starting with a digit)"
    doc             = "Environment variables of the container; values may be outputs known after apply (a database URL), which reach the pod through a ConfigMap rendered at deploy time."
  }
  attribute "secrets" {
    type    = list(ref(secret))
    default = []
    doc     = "Secrets whose keys become environment variables, synced from Secrets Manager by an ExternalSecret into a Kubernetes Secret (envFrom)."
  }
  attribute "cpu" {
    type    = cpu
    default = "250m"
    min     = "1m"
    doc     = "CPU requested per pod (resources.requests.cpu), like \"250m\" for a quarter core; the scheduler reserves it and the autoscaler measures against it, so it is above zero."
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

  check "cpu-limit" {
    when    = self.cpu_limit != null
    assert  = self.cpu_limit >= self.cpu
    message = "cpu_limit (${self.cpu_limit}) is below the request cpu (${self.cpu})"
    at      = "cpu_limit"
    doc     = "Kubernetes: a container's limit must be greater than or equal to its request."
  }

  check "memory-limit" {
    assert  = self.memory_limit >= self.memory
    message = "memory_limit (${self.memory_limit}) is below the request memory (${self.memory})"
    at      = "memory_limit"
    doc     = "Kubernetes: a container's limit must be greater than or equal to its request."
  }

  check "memory-plausible" {
    assert   = bytes(self.memory) >= bytes("4Mi")
    message  = "${self.memory} of memory is too little for any process; did you mean Mi or Gi?"
    at       = "memory"
    severity = "warning"
    doc      = "Container runtimes refuse memory limits of a few MiB (runc: at least 6 MiB)."
  }
}
