group "workload" {
  doc = "Where a workload's pods run: the cluster and the Kubernetes namespace."

  attribute "cluster" {
    type    = ref(cluster)
    default = only(cluster)
    doc     = "The cluster the pods run on; defaults to the stack's only cluster."
  }
  attribute "namespace" {
    type        = string
    default     = env.name
    pattern     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a Kubernetes namespace name (lowercase letters, digits and `-`)"
    max_length  = 63
    doc         = "The Kubernetes namespace of the workload's objects; defaults to the environment's name."
  }
}
