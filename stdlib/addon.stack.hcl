kind "addon" {
  doc    = "A third-party Helm chart installed on a cluster (a helmfile release), like ingress-nginx, cert-manager or kube-prometheus-stack, with its values."
  target = "kubernetes"

  attribute "cluster" {
    type    = ref(cluster)
    default = only(cluster)
    doc     = "The cluster the chart is installed on; defaults to the stack's only cluster."
  }
  attribute "chart" {
    type        = string
    pattern     = "[a-z0-9]([-a-z0-9_.]*[a-z0-9])?"
    pattern_doc = "a chart name (lowercase letters, digits, `-`)"
    doc         = "The chart's name in its repository, like \"kube-prometheus-stack\"."
  }
  attribute "repository" {
    type        = string
    pattern     = "(https|oci)://[^ \\t\\r\\n]+"
    pattern_doc = "an https:// or oci:// URL"
    doc         = "The chart repository: an https:// Helm repository URL or an oci:// registry path."
  }
  attribute "version" {
    type        = string
    pattern     = "v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?"
    pattern_doc = "an exact chart version like \"4.11.3\" (no ranges: the release must be reproducible)"
    doc         = "The exact chart version, like \"65.1.1\"; pinned so every deploy installs the same chart."
  }
  attribute "namespace" {
    type        = string
    pattern     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a Kubernetes namespace name"
    max_length  = 63
    doc         = "The Kubernetes namespace the release is installed into, like \"monitoring\"."
  }
  attribute "create_namespace" {
    type    = bool
    default = true
    doc     = "Whether the namespace is created with the release (helm --create-namespace)."
  }
  attribute "release" {
    type        = string
    default     = null
    pattern     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a Helm release name (lowercase letters, digits, `-`)"
    max_length  = 53
    doc         = "The Helm release name; unset uses the resource name."
  }
  attribute "values" {
    type     = any
    default  = {}
    deferred = true
    doc      = "The chart's values, written as an HCL object; strings may be outputs known after apply (a bucket name), which are filled in at deploy time."
  }
  attribute "buckets" {
    type    = list(ref(bucket))
    default = []
    doc     = "S3 buckets the chart's pods may read and write (Loki, Thanos, Velero storage), through an IAM role stackc creates for `service_account`."
  }
  attribute "service_account" {
    type        = string
    default     = null
    pattern     = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?"
    pattern_doc = "a ServiceAccount name"
    max_length  = 253
    doc         = "The Kubernetes service account stackc creates, annotated with the IAM role for `buckets` (eks.amazonaws.com/role-arn); point the chart at it in `values` (serviceAccount create = false and name)."
  }
  attribute "secrets" {
    type    = list(ref(secret))
    default = []
    doc     = "Secrets synced by an ExternalSecret into Kubernetes Secrets of the same names in `namespace`, for chart values that name an existing secret (like auth.existingPasswordSecret)."
  }
  attribute "wait" {
    type    = bool
    default = true
    doc     = "Whether the deploy waits until the release's workloads are ready before continuing with what depends on it (helm --wait)."
  }
  attribute "timeout" {
    type    = duration
    default = "10m"
    min     = "1s"
    doc     = "How long the install or upgrade may take before it fails and is rolled back (helm --timeout with --atomic)."
  }

  check "buckets-need-service-account" {
    when    = length(self.buckets) > 0
    assert  = self.service_account != null
    message = "access to buckets is granted to a service account: set service_account to the one the chart uses"
    at      = "buckets"
    doc     = "The IAM role for the buckets is bound to a Kubernetes service account."
  }
}
