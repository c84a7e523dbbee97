# The application zone: four services and the Celery workers, all hardened (non-root, read-only
# root filesystem, all capabilities dropped), autoscaled, spread over zones, and behind
# NetworkPolicies that follow the profile: permissive in dev, namespace-scoped in staging,
# default-deny with explicit allows in production.

secret "ai-providers" {
  description = "API keys of the external AI providers the backend calls"
  keys        = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]

  suppress = {
    CKV2_AWS_57 = "provider API keys are rotated in the providers' consoles, then put here by hand"
  }
}

secret "backend" {
  description = "Backend signing keys"
  keys        = ["JWT_SECRET"]
  generate    = true
  length      = 64

  suppress = {
    CKV2_AWS_57 = "rotating the JWT key logs every user out; it rotates with a release"
  }
}

secret "cms" {
  description = "Payload CMS secret"
  keys        = ["PAYLOAD_SECRET"]
  generate    = true
  length      = 48

  suppress = {
    CKV2_AWS_57 = "rotating the Payload secret invalidates CMS sessions; it rotates with a release"
  }
}

secret "rabbitmq" {
  description = "RabbitMQ password of the atlas user"
  keys        = ["RABBITMQ_PASSWORD"]
  generate    = true

  suppress = {
    CKV2_AWS_57 = "RabbitMQ reads its password at boot; rotation is a coordinated restart"
  }
}

service "frontend" {
  suppress  = { for k, v in local.workload_waivers : k => v if k != "CKV_K8S_35" }
  image          = "ghcr.io/atlas/frontend:1.0.0"
  namespace      = local.app_namespace
  port           = 3000
  replicas       = local.replicas
  cpu            = "250m"
  memory         = "512Mi"
  metrics_path   = "/api/metrics"
  egress         = "cluster"
  writable_paths = local.writable.frontend
  env = {
    NODE_ENV                = env.profile
    NEXT_PUBLIC_API_URL     = "https://api.${local.domain}"
    NEXT_PUBLIC_CMS_URL     = "https://cms.${local.domain}"
    NEXT_TELEMETRY_DISABLED = "1"
  }

  health {
    liveness  = "/api/health"
    readiness = "/api/ready"
    startup   = "/api/health"
  }

  ingress {
    host = local.domain
  }

  rollout {
    max_surge       = 1
    max_unavailable = 0
  }
}

service "backend" {
  suppress  = local.workload_waivers
  image     = "ghcr.io/atlas/backend:1.0.0"
  namespace = local.app_namespace
  port      = 8000
  # Seed: backend runs 3+ replicas in production.
  replicas = {
    min = env.profile == "production" ? 3 : profile.min_replicas
    max = profile.max_replicas
  }
  cpu            = "500m"
  memory         = "1Gi"
  metrics_path   = "/metrics"
  env            = local.backend_env
  secrets        = [secret.ai-providers, secret.backend, secret.rabbitmq]
  databases      = [database.main]
  buckets        = [bucket.media]
  allow_from     = [service.frontend, service.cms]
  writable_paths = local.writable.backend
  # The backend calls external AI APIs, whose addresses are not fixed.
  egress = "all"

  health {
    liveness  = "/health"
    readiness = "/ready"
  }

  ingress {
    host = "api.${local.domain}"
    annotations = {
      "nginx.ingress.kubernetes.io/proxy-read-timeout" = "300"
      "nginx.ingress.kubernetes.io/limit-rps"          = "50"
    }
  }

  rollout {
    max_surge       = "25%"
    max_unavailable = 0
  }
}

# Celery workers: same image, no port traffic, on the Spot pool.
service "backend-worker" {
  suppress  = merge(local.workload_waivers, {
    CKV_K8S_8 = "the Celery worker serves no port to probe; a crashed worker process exits and the kubelet restarts it"
    CKV_K8S_9 = "the Celery worker takes no Service traffic, so there is nothing to be ready for"
  })
  image     = "ghcr.io/atlas/backend:1.0.0"
  namespace = local.app_namespace
  command   = ["celery"]
  args      = ["-A", "atlas.worker", "worker", "--loglevel=INFO", "--concurrency=4"]
  port      = 9808
  protocol  = "tcp"
  node_pool = "spot"
  # Two workers at least in production: the hpa-floor policy, and Spot reclaims take one at a time.
  replicas = {
    min = profile.min_replicas
    max = profile.max_replicas
  }
  cpu            = "500m"
  memory         = "1Gi"
  env            = local.backend_env
  secrets        = [secret.ai-providers, secret.backend, secret.rabbitmq]
  databases      = [database.main]
  buckets        = [bucket.media]
  writable_paths = local.writable.backend
  egress         = "all"
}

service "engine" {
  suppress  = local.workload_waivers
  image          = "ghcr.io/atlas/engine:1.0.0"
  namespace      = local.app_namespace
  port           = 50051
  protocol       = "grpc"
  replicas       = local.replicas
  cpu            = "500m"
  memory         = "256Mi"
  metrics_path   = "/metrics"
  metrics_port   = 9090
  allow_from     = [service.backend, service.backend-worker]
  egress         = "cluster"
  databases      = [database.main]
  writable_paths = local.writable.engine
  env = {
    RUST_LOG     = profile.debug ? "debug" : "info"
    DATABASE_URL = database.main.url
    REDIS_URL    = cache.main.url
  }

  health {
    interval = "15s"
  }
}

service "cms" {
  suppress  = local.workload_waivers
  image          = "ghcr.io/atlas/cms:1.0.0"
  namespace      = local.app_namespace
  port           = 3000
  replicas       = local.replicas
  cpu            = "250m"
  memory         = "768Mi"
  secrets        = [secret.cms]
  databases      = [database.main]
  buckets        = [bucket.media]
  allow_from     = [service.frontend]
  egress         = "cluster"
  writable_paths = local.writable.cms
  env = {
    NODE_ENV           = env.profile
    DATABASE_URI       = database.main.url
    PAYLOAD_PUBLIC_URL = "https://cms.${local.domain}"
    S3_BUCKET          = bucket.media.name
    S3_REGION          = env.region
  }

  health {
    liveness  = "/api/health"
    readiness = "/api/health"
  }

  ingress {
    host = "cms.${local.domain}"
    annotations = {
      "nginx.ingress.kubernetes.io/proxy-body-size" = "50m"
    }
  }
}

job "migrate" {
  suppress  = local.workload_waivers
  image     = "ghcr.io/atlas/backend:1.0.0"
  namespace = local.app_namespace
  args      = ["alembic", "upgrade", "head"]
  env       = local.backend_env
  databases = [database.main]
  secrets   = [secret.backend]
}

# Seed: deployment flow lint → test → build → scan (Trivy) → push → deploy → health checks.
pipeline "delivery" {
  repository   = "atlas/devops-agent"
  services     = [service.frontend, service.backend, service.backend-worker, service.engine, service.cms]
  test_command = "make lint test"
  scan         = true
  contexts = {
    frontend         = "apps/frontend"
    backend          = "apps/backend"
    "backend-worker" = "apps/backend"
    engine           = "apps/engine"
    cms              = "apps/cms"
  }
}
