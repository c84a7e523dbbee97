# The site itself (seed §3.1 web container, §4.2 rolling update, §7.1 health endpoints, §8 security).

static_site "web" {
  mode  = "nginx"
  image = "ghcr.io/monkeytown/web:1.0.0-${env.name}"
  # The seed's nginx:alpine listens on 80 as root; as a high uid without capabilities nginx must
  # listen on an unprivileged port, so the image is built from nginx-unprivileged on 8080 (which
  # runs as any uid; 10101 is outside the range of host users).
  port        = 8080
  run_as_user = 10101
  suppress = {
    CKV_K8S_35 = "nginx reads the New Relic key from the environment; an ExternalSecret syncs it from Secrets Manager, so it is in no manifest"
    CKV_K8S_43 = "the image is deployed by the release tag the pipeline built and scanned; a release tag is never pushed twice"
  }

  # Seed §3.1 resource profile.
  cpu          = "100m"
  memory       = "64Mi"
  cpu_limit    = "200m"
  memory_limit = "128Mi"

  # Seed §5: replicas 1 / 1 / 2–10.
  replicas   = local.row.replicas
  build_args = local.build_vars
  secrets    = [secret.web]

  # Seed §8.1: no outgoing network, read-only filesystem, non-root user.
  network_policy            = "default_deny"
  egress                    = "none"
  read_only_root_filesystem = true
  run_as_non_root           = true

  health {
    liveness  = "/health"
    readiness = "/ready"
    # Seed §5: health check interval 10s / 30s / 30s.
    interval = local.row.health_interval
  }

  ingress {
    host   = local.host
    tls    = local.row.tls != "none"
    issuer = "letsencrypt-${local.row.tls}"
    annotations = {
      "nginx.ingress.kubernetes.io/limit-rps" = "20"
    }
  }

  # Seed §4.2: maxSurge 1, maxUnavailable 0.
  rollout {
    max_surge       = 1
    max_unavailable = 0
  }
}
