group "serving" {
  doc = "A workload that serves traffic behind a Kubernetes Service: replicas and autoscaling, network policy, placement, probes, ingress and rollout."

  attribute "port" {
    type    = port
    default = 8080
    doc     = "The container port the process listens on; the Kubernetes Service exposes it under the same number (above 1023 to run as non-root)."
  }
  attribute "replicas" {
    type    = object({ min = number, max = number })
    default = { min = profile.min_replicas, max = profile.max_replicas }
    doc     = "Pod count bounds: a HorizontalPodAutoscaler scales between min and max on CPU; min equal to max gives a fixed count and no autoscaler."
  }
  attribute "autoscale_cpu" {
    type    = integer
    default = 70
    min     = 1
    doc     = "The average CPU use, in percent of the CPU request, the autoscaler aims for (HPA averageUtilization)."
  }
  attribute "network_policy" {
    type    = enum("permissive", "namespace", "default_deny")
    default = profile.network_policy
    doc     = "Inbound traffic the NetworkPolicy admits: from anywhere, from the same namespace plus the ingress controller and monitoring, or only from the ingress controller, monitoring and the services in `allow_from` (services only)."
  }
  attribute "egress" {
    type    = enum("all", "cluster", "none")
    default = "all"
    doc     = "Outbound connections the pods may open (an egress NetworkPolicy): anywhere; only pods of the cluster and addresses in its network (databases, caches); or nothing but DNS. `egress_cidrs` adds destinations to the last two."
  }
  attribute "egress_cidrs" {
    type    = list(cidr)
    default = []
    doc     = "Extra destinations the pods may connect to when `egress` is cluster or none, like a partner API's address range."
  }
  attribute "spread" {
    type    = enum("none", "host", "zone")
    default = "zone"
    doc     = "How pods are spread (topologySpreadConstraints, best effort): not at all, over nodes, or over availability zones and then nodes."
  }
  attribute "node_pool" {
    type    = string
    default = null
    doc     = "The name of a cluster node pool the pods must run on (a nodeSelector on it plus tolerations of its taints); unset runs on untainted nodes."
  }
  attribute "termination_grace" {
    type    = duration
    default = "30s"
    max     = "24h"
    doc     = "How long a pod may drain after SIGTERM before it is killed (terminationGracePeriodSeconds)."
  }
  attribute "pdb_max_unavailable" {
    type    = integer
    default = 1
    min     = 0
    doc     = "Pods that voluntary disruptions (node drains, upgrades) may take down at once (PodDisruptionBudget maxUnavailable); the budget exists only when replicas.min is 2 or more."
  }

  block "health" {
    doc = "Kubernetes probes. For protocol grpc the probes use the gRPC health protocol and tcp ones a TCP connect; the paths apply to http. Without this block the pods have no probes."
    max = 1

    attribute "liveness" {
      type        = string
      default     = "/health"
      pattern     = "/[^ \\t\\r\\n]*"
      pattern_doc = "a path starting with /"
      doc         = "The HTTP path of the liveness probe; failing it `failure_threshold` times restarts the container."
    }
    attribute "readiness" {
      type        = string
      default     = "/ready"
      pattern     = "/[^ \\t\\r\\n]*"
      pattern_doc = "a path starting with /"
      doc         = "The HTTP path of the readiness probe; a failing pod is removed from the Service's endpoints."
    }
    attribute "startup" {
      type        = string
      default     = null
      pattern     = "/[^ \\t\\r\\n]*"
      pattern_doc = "a path starting with /"
      doc         = "The HTTP path of a startup probe that holds the other probes back until it passes, for slow starters; unset adds none."
    }
    attribute "interval" {
      type    = duration
      default = profile.probe_interval
      min     = "1s"
      doc     = "How often each probe runs (periodSeconds)."
    }
    attribute "timeout" {
      type    = duration
      default = "5s"
      min     = "1s"
      doc     = "How long a probe may take before it counts as failed (timeoutSeconds)."
    }
    attribute "initial_delay" {
      type    = duration
      default = "0s"
      doc     = "How long after the container starts the first probe runs (initialDelaySeconds)."
    }
    attribute "failure_threshold" {
      type    = integer
      default = 3
      min     = 1
      doc     = "Consecutive failures after which a probe counts as failed (failureThreshold)."
    }

    check "timeout-within-interval" {
      assert   = seconds(self.timeout) <= seconds(self.interval)
      message  = "a probe timeout (${self.timeout}) longer than its interval (${self.interval}) lets probes overlap"
      at       = "timeout"
      severity = "warning"
      doc      = "Kubernetes probes: timeoutSeconds should not exceed periodSeconds."
    }
  }

  block "ingress" {
    doc = "Exposes the service over HTTP(S) through the cluster's ingress controller (a Kubernetes Ingress), with a cert-manager certificate when `tls` is on."
    max = 1

    attribute "host" {
      type        = string
      pattern     = "(\\*\\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]([-a-z0-9]*[a-z0-9])?"
      pattern_doc = "a lowercase host name like \"api.example.com\""
      max_length  = 253
      doc         = "The public host name, like \"api.example.com\"."
    }
    attribute "path" {
      type        = string
      default     = "/"
      pattern     = "/[A-Za-z0-9/_-]*"
      pattern_doc = "a path prefix of letters, digits, `/`, `_` and `-`, starting with /"
      doc         = "The path prefix routed to the service (pathType Prefix)."
    }
    attribute "class" {
      type        = string
      default     = "nginx"
      pattern     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
      pattern_doc = "an IngressClass name"
      doc         = "The IngressClass that serves it, like \"nginx\" for ingress-nginx."
    }
    attribute "tls" {
      type    = bool
      default = profile.tls
      doc     = "Whether the host is served over HTTPS with a certificate issued by cert-manager."
    }
    attribute "issuer" {
      type        = string
      default     = profile.certificate_issuer
      pattern     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
      pattern_doc = "a ClusterIssuer name"
      doc         = "The cert-manager ClusterIssuer that issues the certificate, like \"letsencrypt-production\"."
    }
    attribute "annotations" {
      type    = map(string)
      default = {}
      doc     = "Extra Ingress annotations for the controller, like rate limits or body-size limits."
    }
  }

  block "rollout" {
    doc = "How a new version replaces the old one (the Deployment strategy). Without this block the defaults below apply."
    max = 1

    attribute "strategy" {
      type    = enum("rolling", "recreate")
      default = "rolling"
      doc     = "Rolling update (old pods replaced gradually, no downtime) or recreate (all old pods stop before new ones start)."
    }
    attribute "max_surge" {
      type        = string
      default     = "25%"
      pattern     = "[0-9]+%?"
      pattern_doc = "a count like \"1\" or a percentage like \"25%\""
      doc         = "Pods created above the desired count during a rolling update (maxSurge): a count like \"1\" or a percentage like \"25%\"."
    }
    attribute "max_unavailable" {
      type        = string
      default     = "0"
      pattern     = "[0-9]+%?"
      pattern_doc = "a count like \"1\" or a percentage like \"25%\""
      doc         = "Pods that may be unavailable during a rolling update (maxUnavailable): a count or a percentage; \"0\" keeps full capacity."
    }
    attribute "progress_deadline" {
      type    = duration
      default = "10m"
      min     = "1s"
      doc     = "How long a rollout may make no progress before the deploy fails and is rolled back (progressDeadlineSeconds, helm --atomic)."
    }

    check "progress" {
      assert  = self.strategy == "recreate" || self.max_surge != "0" || (self.max_unavailable != "0" && self.max_unavailable != "0%")
      message = "max_surge and max_unavailable cannot both be 0: the rollout could never replace a pod"
      at      = "max_surge"
      doc     = "Kubernetes: maxUnavailable may not be 0 when maxSurge is 0."
    }
  }

  check "node-pool-exists" {
    when    = self.node_pool != null && self.cluster != null
    assert  = contains([for p in self.cluster.node_pool : p.name], self.node_pool)
    message = "the cluster has no node pool \"${self.node_pool}\""
    at      = "node_pool"
    doc     = "Pods with a nodeSelector on a pool that does not exist stay Pending forever."
  }

  check "replicas-order" {
    assert  = self.replicas.min <= self.replicas.max
    message = "replicas.min (${self.replicas.min}) is above replicas.max (${self.replicas.max})"
    at      = "replicas"
    doc     = "Kubernetes: a HorizontalPodAutoscaler needs maxReplicas >= minReplicas."
  }

  check "replicas-whole" {
    assert  = floor(self.replicas.min) == self.replicas.min && floor(self.replicas.max) == self.replicas.max && self.replicas.min >= 0
    message = "replicas are whole numbers from 0"
    at      = "replicas"
    doc     = "Kubernetes: replica counts are non-negative integers."
  }

  check "autoscaled-min" {
    when    = self.replicas.min < self.replicas.max
    assert  = self.replicas.min >= 1
    message = "an autoscaled workload runs at least one pod: set replicas.min to 1 or more"
    at      = "replicas"
    doc     = "Kubernetes: HorizontalPodAutoscaler minReplicas is at least 1 (scaling to zero is an alpha feature EKS does not enable)."
  }

  check "stopped" {
    assert   = self.replicas.max > 0
    message  = "replicas.max is 0: nothing runs"
    at       = "replicas"
    severity = "warning"
    doc      = "A workload with no pods serves nothing; disable it with enabled = false instead."
  }
}
