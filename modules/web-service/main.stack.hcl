locals {
  # The environment variables every workload of the module gets: the caller's plus the connection URLs.
  env = merge(input.env, {
    DATABASE_URL = database.db.url
    REDIS_URL    = cache.cache.url
  })
}

service "web" {
  cluster      = input.cluster
  image        = input.image
  port         = input.port
  replicas     = input.replicas
  cpu          = input.cpu
  memory       = input.memory
  env          = local.env
  secrets      = input.secrets
  databases    = [database.db]
  buckets      = input.buckets
  queues       = input.queues
  topics       = input.topics
  metrics_path = "/metrics"
  suppress     = input.workload_waivers

  health {
    liveness  = "/health"
    readiness = "/ready"
  }

  ingress {
    host = input.host
    tls  = input.tls
  }

  rollout {
    max_surge       = "25%"
    max_unavailable = 0
  }
}

job "migrate" {
  enabled   = input.migration_image != null
  cluster   = input.cluster
  image     = input.migration_image
  args      = input.migration_args
  phase     = "pre_deploy"
  env       = local.env
  secrets   = input.secrets
  databases = [database.db]
  suppress  = input.workload_waivers
}

database "db" {
  engine   = input.engine
  network  = input.network
  instance = input.database_instance
  storage  = input.database_storage
}

cache "cache" {
  suppress = {
    CKV2_AWS_57 = "the AUTH token is read by clients at startup; rotating it is a coordinated deploy (bump auth_token_wo_version)"
  }

  network  = input.network
  instance = input.cache_instance
}
