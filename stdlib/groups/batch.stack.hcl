group "batch" {
  doc = "How a run-to-completion task is bounded: its deadline and retries."

  attribute "timeout" {
    type    = duration
    default = "10m"
    min     = "1s"
    doc     = "How long one run may take before it is stopped and fails (activeDeadlineSeconds)."
  }
  attribute "retries" {
    type    = integer
    default = 2
    min     = 0
    max     = 100
    doc     = "How many times a failed pod is retried (backoffLimit)."
  }
}
