kind "service" {
  doc    = "A long-running containerized service on a cluster, deployed with stackc's generic Helm chart: a Deployment, a Service, a HorizontalPodAutoscaler, a PodDisruptionBudget, a NetworkPolicy, and optionally an Ingress and ExternalSecrets."
  target = "kubernetes"

  attribute "cluster" {
    type    = ref(cluster)
    default = only(cluster)
    doc     = "The cluster the service runs on; defaults to the stack's only cluster."
  }
  attribute "namespace" {
    type    = string
    default = env.name
    doc     = "The Kubernetes namespace of the service's objects; defaults to the environment's name."
  }
  attribute "image" {
    type = image
    doc  = "The container image, like \"ghcr.io/acme/api:1.4.2\"; pin a tag or digest, never latest."
  }
  attribute "port" {
    type    = port
    default = 8080
    doc     = "The container port the process listens on; the Kubernetes Service exposes it under the same number."
  }
  attribute "protocol" {
    type    = enum("http", "grpc", "tcp")
    default = "http"
    doc     = "The protocol on `port`: it selects HTTP, gRPC or TCP probes and the Service's appProtocol."
  }
  attribute "command" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's ENTRYPOINT (container command); unset keeps the image's."
  }
  attribute "args" {
    type    = list(string)
    default = null
    doc     = "Replaces the image's CMD (container args); unset keeps the image's."
  }
  attribute "replicas" {
    type    = object({ min = number, max = number })
    default = { min = profile.min_replicas, max = profile.max_replicas }
    doc     = "Pod count bounds: a HorizontalPodAutoscaler scales between min and max on CPU; min equal to max gives a fixed count and no autoscaler."
  }
  attribute "autoscale_cpu" {
    type    = number
    default = 70
    doc     = "The average CPU use, in percent of the CPU request, the autoscaler aims for (HPA averageUtilization)."
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
    doc     = "Memory limit per pod (resources.limits.memory); a pod above it is OOM-killed; defaults to the request."
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
  attribute "databases" {
    type    = list(ref(database))
    default = []
    doc     = "Databases whose master credentials (the RDS-managed Secrets Manager secret) are synced by an ExternalSecret into <NAME>_DB_USER and <NAME>_DB_PASSWORD, NAME being the database's name upper-cased with dashes as underscores; the database's security group admits the pods."
  }
  attribute "buckets" {
    type    = list(ref(bucket))
    default = []
    doc     = "S3 buckets the pods may read and write, through an IAM role for the service account (IRSA)."
  }
  attribute "queues" {
    type    = list(ref(queue))
    default = []
    doc     = "SQS queues the pods may send to and receive from, through the service account's IAM role."
  }
  attribute "topics" {
    type    = list(ref(topic))
    default = []
    doc     = "SNS topics the pods may publish to, through the service account's IAM role."
  }
  attribute "metrics_path" {
    type    = string
    default = null
    doc     = "An HTTP path on `port` serving Prometheus metrics, like \"/metrics\"; set, a ServiceMonitor makes kube-prometheus-stack scrape it every 30s."
  }
  attribute "network_policy" {
    type    = enum("permissive", "namespace", "default_deny")
    default = profile.network_policy
    doc     = "Inbound traffic the NetworkPolicy admits: from anywhere, from the same namespace plus the ingress controller and monitoring, or only from the ingress controller, monitoring and `allow_from`."
  }
  attribute "allow_from" {
    type    = list(ref(service))
    default = []
    orders  = false
    doc     = "Services whose pods may connect to this one under the namespace and default_deny policies. A relation, not a deploy dependency: it adds no edge to the dependency graph, so two services may allow each other."
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
  attribute "run_as_non_root" {
    type    = bool
    default = true
    doc     = "Whether the kubelet refuses to start the container as root (securityContext.runAsNonRoot); privilege escalation is always off and all capabilities are dropped."
  }
  attribute "run_as_user" {
    type    = number
    default = 10001
    doc     = "The numeric user ID the container runs as (securityContext.runAsUser and fsGroup)."
  }
  attribute "read_only_root_filesystem" {
    type    = bool
    default = true
    doc     = "Whether the container's root filesystem is read-only (securityContext.readOnlyRootFilesystem); `writable_paths` stay writable."
  }
  attribute "writable_paths" {
    type    = list(string)
    default = ["/tmp"]
    doc     = "Directories mounted as writable emptyDir volumes, for caches and temporary files under a read-only root filesystem."
  }
  attribute "termination_grace" {
    type    = duration
    default = "30s"
    doc     = "How long a pod may drain after SIGTERM before it is killed (terminationGracePeriodSeconds)."
  }
  attribute "pdb_max_unavailable" {
    type    = number
    default = 1
    doc     = "Pods that voluntary disruptions (node drains, upgrades) may take down at once (PodDisruptionBudget maxUnavailable); the budget exists only when replicas.min is 2 or more."
  }

  block "health" {
    doc = "Kubernetes probes. For protocol grpc the probes use the gRPC health protocol and tcp ones a TCP connect; the paths apply to http. Without this block the pods have no probes."
    max = 1

    attribute "liveness" {
      type    = string
      default = "/health"
      doc     = "The HTTP path of the liveness probe; failing it `failure_threshold` times restarts the container."
    }
    attribute "readiness" {
      type    = string
      default = "/ready"
      doc     = "The HTTP path of the readiness probe; a failing pod is removed from the Service's endpoints."
    }
    attribute "startup" {
      type    = string
      default = null
      doc     = "The HTTP path of a startup probe that holds the other probes back until it passes, for slow starters; unset adds none."
    }
    attribute "interval" {
      type    = duration
      default = profile.probe_interval
      doc     = "How often each probe runs (periodSeconds)."
    }
    attribute "timeout" {
      type    = duration
      default = "5s"
      doc     = "How long a probe may take before it counts as failed (timeoutSeconds)."
    }
    attribute "initial_delay" {
      type    = duration
      default = "0s"
      doc     = "How long after the container starts the first probe runs (initialDelaySeconds)."
    }
    attribute "failure_threshold" {
      type    = number
      default = 3
      doc     = "Consecutive failures after which a probe counts as failed (failureThreshold)."
    }
  }

  block "ingress" {
    doc = "Exposes the service over HTTP(S) through the cluster's ingress controller (a Kubernetes Ingress), with a cert-manager certificate when `tls` is on."
    max = 1

    attribute "host" {
      type = string
      doc  = "The public host name, like \"api.example.com\"."
    }
    attribute "path" {
      type    = string
      default = "/"
      doc     = "The path prefix routed to the service (pathType Prefix)."
    }
    attribute "class" {
      type    = string
      default = "nginx"
      doc     = "The IngressClass that serves it, like \"nginx\" for ingress-nginx."
    }
    attribute "tls" {
      type    = bool
      default = profile.tls
      doc     = "Whether the host is served over HTTPS with a certificate issued by cert-manager."
    }
    attribute "issuer" {
      type    = string
      default = profile.certificate_issuer
      doc     = "The cert-manager ClusterIssuer that issues the certificate, like \"letsencrypt-production\"."
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
      type    = string
      default = "25%"
      doc     = "Pods created above the desired count during a rolling update (maxSurge): a count like \"1\" or a percentage like \"25%\"."
    }
    attribute "max_unavailable" {
      type    = string
      default = "0"
      doc     = "Pods that may be unavailable during a rolling update (maxUnavailable): a count or a percentage; \"0\" keeps full capacity."
    }
    attribute "progress_deadline" {
      type    = duration
      default = "10m"
      doc     = "How long a rollout may make no progress before the deploy fails and is rolled back (progressDeadlineSeconds, helm --atomic)."
    }
  }

  output "url" {
    type = string
    doc  = "The in-cluster URL, like http://api.prod.svc.cluster.local:8080; known after deploy."
  }
}
