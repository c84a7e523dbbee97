group "batch" {
  doc = "How a run-to-completion task is bounded: its deadline and retries."

  attribute "timeout" {
    type    = duration
    default = "10m"
    doc     = "How long one run may take before it is stopped and fails (activeDeadlineSeconds)."
  }
  attribute "retries" {
    type    = number
    default = 2
    doc     = "How many times a failed pod is retried (backoffLimit)."
  }
}
