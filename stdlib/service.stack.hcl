kind "service" {
  doc     = "A long-running containerized service on a cluster, deployed with stackc's generic Helm chart: a Deployment, a Service, a HorizontalPodAutoscaler, a PodDisruptionBudget, a NetworkPolicy, and optionally an Ingress and ExternalSecrets."
  target  = "kubernetes"
  include = ["workload", "container", "access", "pod_security", "serving"]

  attribute "protocol" {
    type    = enum("http", "grpc", "tcp")
    default = "http"
    doc     = "The protocol on `port`: it selects HTTP, gRPC or TCP probes and the Service's appProtocol."
  }
  attribute "metrics_path" {
    type        = string
    default     = null
    pattern     = "/[^ \\t\\r\\n]*"
    pattern_doc = "a path starting with /"
    doc         = "An HTTP path on `port` serving Prometheus metrics, like \"/metrics\"; set, a ServiceMonitor makes kube-prometheus-stack scrape it every 30s."
  }
  attribute "metrics_port" {
    type    = port
    default = null
    doc     = "The container port serving `metrics_path` over HTTP when it is not `port` (a gRPC or TCP service exposes metrics on a port of their own); the Service and the NetworkPolicy open it too."
  }
  attribute "allow_from" {
    type    = list(ref(service))
    default = []
    orders  = false
    doc     = "Services whose pods may connect to this one under the namespace and default_deny policies. A relation, not a deploy dependency: it adds no edge to the dependency graph, so two services may allow each other."
  }

  check "ingress-is-http" {
    when    = self.ingress != null
    assert  = self.protocol == "http"
    message = "an ingress routes HTTP, but the service speaks ${self.protocol}"
    at      = "protocol"
    doc     = "Kubernetes Ingress: rules route HTTP(S) requests by host and path to a Service port."
  }

  check "metrics-are-http" {
    when    = self.metrics_path != null && self.metrics_port == null
    assert  = self.protocol == "http"
    message = "metrics_path is scraped over HTTP on `port`, but the service speaks ${self.protocol}: set metrics_port"
    at      = "metrics_path"
    doc     = "Prometheus scrapes targets over HTTP(S); a ServiceMonitor endpoint on a gRPC or TCP port fails every scrape."
  }

  check "metrics-port-distinct" {
    when    = self.metrics_port != null
    assert  = self.metrics_port != self.port
    message = "metrics_port is the service's `port`; leave it unset"
    at      = "metrics_port"
    doc     = "Kubernetes: the ports of a Service and of a container must be distinct."
  }

  check "allow-from-same-cluster" {
    when    = self.cluster != null
    assert  = alltrue([for s in self.allow_from : s.cluster == self.cluster])
    message = "allow_from names a service on another cluster; a NetworkPolicy admits pods of its own cluster only"
    at      = "allow_from"
    doc     = "Kubernetes NetworkPolicy peers select pods of the same cluster."
  }

  output "url" {
    type = string
    doc  = "The in-cluster URL, like http://api.prod.svc.cluster.local:8080; known after deploy."
  }
}
