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
  attribute "allow_from" {
    type    = list(ref(service))
    default = []
    orders  = false
    doc     = "Services whose pods may connect to this one under the namespace and default_deny policies. A relation, not a deploy dependency: it adds no edge to the dependency graph, so two services may allow each other."
  }

  check "node-pool-exists" {
    when    = self.node_pool != null && self.cluster != null
    assert  = contains([for p in self.cluster.node_pool : p.name], self.node_pool)
    message = "the cluster has no node pool \"${self.node_pool}\""
    at      = "node_pool"
    doc     = "Pods with a nodeSelector on a pool that does not exist stay Pending forever."
  }

  output "url" {
    type = string
    doc  = "The in-cluster URL, like http://api.prod.svc.cluster.local:8080; known after deploy."
  }
}
