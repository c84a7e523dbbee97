kind "addon" {
  doc    = "A third-party Helm chart installed on a cluster (a helmfile release), like ingress-nginx, cert-manager or kube-prometheus-stack, with its values."
  target = "kubernetes"

  attribute "cluster" {
    type    = ref(cluster)
    default = only(cluster)
    doc     = "The cluster the chart is installed on; defaults to the stack's only cluster."
  }
  attribute "chart" {
    type = string
    doc  = "The chart's name in its repository, like \"kube-prometheus-stack\"."
  }
  attribute "repository" {
    type = string
    doc  = "The chart repository: an https:// Helm repository URL or an oci:// registry path."
  }
  attribute "version" {
    type = string
    doc  = "The exact chart version, like \"65.1.1\"; pinned so every deploy installs the same chart."
  }
  attribute "namespace" {
    type = string
    doc  = "The Kubernetes namespace the release is installed into, like \"monitoring\"."
  }
  attribute "create_namespace" {
    type    = bool
    default = true
    doc     = "Whether the namespace is created with the release (helm --create-namespace)."
  }
  attribute "release" {
    type    = string
    default = null
    doc     = "The Helm release name; unset uses the resource name."
  }
  attribute "values" {
    type    = any
    default = {}
    doc     = "The chart's values, written as an HCL object; strings may be outputs known after apply (a bucket name), which are filled in at deploy time."
  }
  attribute "buckets" {
    type    = list(ref(bucket))
    default = []
    doc     = "S3 buckets the chart's pods may read and write (Loki, Thanos, Velero storage), through an IAM role stackc creates for `service_account`."
  }
  attribute "service_account" {
    type    = string
    default = null
    doc     = "The Kubernetes service account stackc creates, annotated with the IAM role for `buckets` (eks.amazonaws.com/role-arn); point the chart at it in `values` (serviceAccount create = false and name)."
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
    doc     = "How long the install or upgrade may take before it fails and is rolled back (helm --timeout with --atomic)."
  }
}
