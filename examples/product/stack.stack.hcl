# ATLAS DevOps Agent (seed: atlas-devops-agent-stack.md): a multi-service product on Kubernetes —
# Next.js frontend, FastAPI backend with Celery workers, Rust/Actix engine, Payload CMS — on EKS,
# with managed PostgreSQL and Redis, RabbitMQ in-cluster, S3 instead of MinIO, and the
# Prometheus/Thanos/Loki/Grafana observability stack.

stack "atlas" {
  region = "eu-west-1"
  tags = {
    product    = "atlas-devops-agent"
    maintainer = "atlas-devops-agent"
  }
}

environment "dev" {
  profile = "development"
}

environment "staging" {
  profile = "staging"
}

environment "prod" {
  profile = "production"

  # The catalog has no eu-west-1 prices for EC2 nodes and RDS (docs/cost.md), so a budget here
  # would check a third of the bill.
  suppress = {
    SC501 = "no eu-west-1 instance prices in the catalog yet; run `stackc pricing update` and add a budget"
  }

  approval {
    reviewers = 1
    wait      = "15m"
  }
}

locals {
  # checkov's Kubernetes checks the workloads deliberately do not meet (docs/helm.md lists them).
  workload_waivers = {
    CKV_K8S_11 = "no CPU limit on purpose: a CFS quota throttles latency-sensitive processes; the request reserves the CPU"
    CKV_K8S_35 = "the services read their settings from environment variables; ExternalSecrets sync them from Secrets Manager, so no value is in a manifest"
    CKV_K8S_43 = "images are deployed by the release tag the pipeline built and scanned; a release tag is never pushed twice"
  }

  domain = env.profile == "production" ? "atlas.example.com" : "${env.name}.atlas.example.com"

  # The seed's network zones become namespaces: the application zone is named after the
  # environment's profile ("production", "staging", "development"), as in the seed.
  app_namespace = env.profile

  # Seed: "All application pods: HPA configured (2-10 replicas)" — in production; staging and
  # dev follow their profiles (2–4 and 1).
  replicas = {
    min = profile.min_replicas
    max = profile.max_replicas
  }

  # Directories the application images write to under a read-only root filesystem.
  writable = {
    frontend = ["/tmp", "/app/.next/cache"]
    backend  = ["/tmp"]
    engine   = ["/tmp"]
    cms      = ["/tmp", "/app/.cache"]
  }

  # Shared settings of the Python workloads (API and Celery workers).
  backend_env = {
    APP_ENV      = env.name
    LOG_LEVEL    = profile.debug ? "DEBUG" : "INFO"
    LOG_FORMAT   = "json"
    DATABASE_URL = database.main.url
    DATABASE_RO  = database.main.reader_endpoint
    REDIS_URL    = cache.main.url
    AMQP_HOST    = "rabbitmq.data.svc.cluster.local"
    ENGINE_ADDR  = "engine.${local.app_namespace}.svc.cluster.local:50051"
    MEDIA_BUCKET = bucket.media.name
    AWS_REGION   = env.region
  }
}

policy "hpa-floor" {
  kind     = "service"
  when     = env.profile == "production"
  assert   = self.replicas.min >= 2 && self.replicas.max >= self.replicas.min
  message  = "production services run at least two replicas (seed: HA components, 99.9% SLA)"
  severity = "error"
}

policy "pods-hardened" {
  kind     = "service"
  assert   = self.run_as_non_root && self.read_only_root_filesystem
  message  = "pods run as non-root with a read-only root filesystem (seed: Pod Security Standards)"
  severity = "error"
}
