kind "static_site" {
  doc    = "A single-page web app: either an nginx image serving the built assets on a cluster (like a service, with stackc's Helm chart), or the built assets uploaded by the pipeline to a bucket behind a CDN."
  target = "kubernetes"

  attribute "mode" {
    type    = enum("nginx", "bucket")
    default = "nginx"
    doc     = "nginx: run `image` on `cluster`; bucket: the pipeline uploads `assets` to `bucket` and invalidates `cdn`, and nothing runs on Kubernetes."
  }
  attribute "cluster" {
    type    = ref(cluster)
    default = self.mode == "nginx" ? only(cluster) : null
    doc     = "The cluster the nginx pods run on (nginx mode); defaults to the stack's only cluster."
  }
  attribute "namespace" {
    type    = string
    default = env.name
    doc     = "The Kubernetes namespace (nginx mode); defaults to the environment's name."
  }
  attribute "image" {
    type    = image
    default = null
    doc     = "The nginx image with the built assets, like \"ghcr.io/acme/web:1.0.0\" (required in nginx mode); an unprivileged nginx listening on `port` suits the default security settings."
  }
  attribute "bucket" {
    type    = ref(bucket)
    default = null
    doc     = "The bucket the built assets are uploaded to (required in bucket mode)."
  }
  attribute "cdn" {
    type    = ref(cdn)
    default = null
    doc     = "The CDN in front of `bucket`, invalidated after each upload (bucket mode)."
  }
  attribute "assets" {
    type    = string
    default = "dist"
    doc     = "The directory of built assets, relative to the build context, that the pipeline uploads (bucket mode)."
  }
  attribute "build_args" {
    type    = map(string)
    default = {}
    doc     = "Build-time variables (docker build --build-arg, or the environment of the asset build), like VITE_* settings that a bundler bakes into the assets; they differ per environment, so each environment gets its own build."
  }
  attribute "env" {
    type    = map(string)
    default = {}
    doc     = "Run-time environment variables of the nginx container (nginx mode), for configuration templated at startup."
  }
  attribute "secrets" {
    type    = list(ref(secret))
    default = []
    doc     = "Secrets whose keys become environment variables of the container through an ExternalSecret (nginx mode)."
  }
  attribute "port" {
    type    = port
    default = 8080
    doc     = "The port nginx listens on; unprivileged (above 1023) so it runs as non-root."
  }
  attribute "replicas" {
    type    = object({ min = number, max = number })
    default = { min = profile.min_replicas, max = profile.max_replicas }
    doc     = "Pod count bounds: a HorizontalPodAutoscaler scales between min and max on CPU; min equal to max gives a fixed count."
  }
  attribute "autoscale_cpu" {
    type    = number
    default = 70
    doc     = "The average CPU use, in percent of the CPU request, the autoscaler aims for."
  }
  attribute "cpu" {
    type    = cpu
    default = "100m"
    doc     = "CPU requested per pod (resources.requests.cpu)."
  }
  attribute "cpu_limit" {
    type    = cpu
    default = "200m"
    doc     = "CPU limit per pod (resources.limits.cpu)."
  }
  attribute "memory" {
    type    = size
    default = "64Mi"
    doc     = "Memory requested per pod (resources.requests.memory)."
  }
  attribute "memory_limit" {
    type    = size
    default = "128Mi"
    doc     = "Memory limit per pod (resources.limits.memory); a pod above it is OOM-killed."
  }
  attribute "network_policy" {
    type    = enum("permissive", "namespace", "default_deny")
    default = profile.network_policy
    doc     = "Inbound traffic the NetworkPolicy admits: from anywhere, from the same namespace plus the ingress controller and monitoring, or only from the ingress controller and monitoring."
  }
  attribute "egress" {
    type    = enum("all", "cluster", "none")
    default = "none"
    doc     = "Outbound connections the nginx pods may open (an egress NetworkPolicy): anywhere, only inside the cluster and its network, or nothing but DNS; a static site needs none."
  }
  attribute "spread" {
    type    = enum("none", "host", "zone")
    default = "zone"
    doc     = "How pods are spread (topologySpreadConstraints, best effort): not at all, over nodes, or over zones."
  }
  attribute "run_as_non_root" {
    type    = bool
    default = true
    doc     = "Whether the kubelet refuses to start the container as root (securityContext.runAsNonRoot)."
  }
  attribute "run_as_user" {
    type    = number
    default = 101
    doc     = "The numeric user ID nginx runs as (securityContext.runAsUser); 101 is the nginx user of the official images."
  }
  attribute "read_only_root_filesystem" {
    type    = bool
    default = true
    doc     = "Whether the container's root filesystem is read-only; `writable_paths` stay writable."
  }
  attribute "writable_paths" {
    type    = list(string)
    default = ["/tmp", "/var/cache/nginx", "/var/run"]
    doc     = "Directories mounted as writable emptyDir volumes; nginx needs its cache and pid directories."
  }

  block "health" {
    doc = "Kubernetes HTTP probes against nginx (nginx mode). Without this block the pods have no probes."
    max = 1

    attribute "liveness" {
      type    = string
      default = "/health"
      doc     = "The path of the liveness probe; failing it restarts the container."
    }
    attribute "readiness" {
      type    = string
      default = "/ready"
      doc     = "The path of the readiness probe; a failing pod gets no traffic."
    }
    attribute "interval" {
      type    = duration
      default = profile.probe_interval
      doc     = "How often each probe runs (periodSeconds)."
    }
    attribute "timeout" {
      type    = duration
      default = "3s"
      doc     = "How long a probe may take before it counts as failed (timeoutSeconds)."
    }
    attribute "failure_threshold" {
      type    = number
      default = 3
      doc     = "Consecutive failures after which a probe counts as failed (failureThreshold)."
    }
  }

  block "ingress" {
    doc = "Exposes the site through the cluster's ingress controller (nginx mode), with a cert-manager certificate when `tls` is on."
    max = 1

    attribute "host" {
      type = string
      doc  = "The public host name, like \"www.example.com\"."
    }
    attribute "path" {
      type    = string
      default = "/"
      doc     = "The path prefix routed to the site (pathType Prefix)."
    }
    attribute "class" {
      type    = string
      default = "nginx"
      doc     = "The IngressClass that serves it."
    }
    attribute "tls" {
      type    = bool
      default = profile.tls
      doc     = "Whether the host is served over HTTPS with a certificate issued by cert-manager."
    }
    attribute "issuer" {
      type    = string
      default = profile.certificate_issuer
      doc     = "The cert-manager ClusterIssuer that issues the certificate."
    }
    attribute "annotations" {
      type    = map(string)
      default = {}
      doc     = "Extra Ingress annotations, like rate limits."
    }
  }

  block "rollout" {
    doc = "How a new version replaces the old one (nginx mode). Without this block the defaults below apply."
    max = 1

    attribute "max_surge" {
      type    = string
      default = "25%"
      doc     = "Pods created above the desired count during a rolling update (maxSurge): a count or a percentage."
    }
    attribute "max_unavailable" {
      type    = string
      default = "0"
      doc     = "Pods that may be unavailable during a rolling update (maxUnavailable): a count or a percentage."
    }
    attribute "progress_deadline" {
      type    = duration
      default = "5m"
      doc     = "How long a rollout may make no progress before the deploy fails and is rolled back (progressDeadlineSeconds)."
    }
  }

  output "url" {
    type = string
    doc  = "The site's URL: the in-cluster URL in nginx mode, the CDN URL in bucket mode; known after deploy."
  }
}
