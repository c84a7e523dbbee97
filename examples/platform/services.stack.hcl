# The application (the seed's `helm upgrade --install app ./charts/app`), its database and cache,
# its workers and the delivery pipeline.

module "app" {
  source = "../../modules/web-service"

  image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ctoprojects/app:1.0.0"
  port  = 8080
  host  = "app.${local.domain}"
  # The ALB terminates TLS with its ACM certificate; ingress-nginx behind it speaks plain HTTP.
  tls = false

  database_instance = local.size.database
  database_storage  = env.profile == "production" ? "200Gi" : null
  cache_instance    = local.size.cache

  migration_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ctoprojects/migrations:1.0.0"
  migration_args  = ["migrate"]
  workload_waivers = local.workload_waivers

  secrets = [secret.app, secret.session]
  buckets = [bucket.assets, bucket.backups]
  queues  = [queue.jobs]
  topics  = [topic.events]
  env = {
    APP_ENV        = env.name
    LOG_LEVEL      = profile.debug ? "debug" : "info"
    ASSETS_BUCKET  = bucket.assets.name
    JOBS_QUEUE_URL = queue.jobs.url
    EVENTS_TOPIC   = topic.events.arn
    PUBLIC_URL     = "https://www.${local.domain}"
  }
}

# Consumes the jobs queue; runs on the Spot batch pool.
service "worker" {
  image     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ctoprojects/app:1.0.0"
  args      = ["worker"]
  port      = 9090
  node_pool = "batch"
  # Two in production, so a node reclaim or a rollout never stops queue processing.
  replicas = {
    min = env.profile == "production" ? 2 : 1
    max = env.profile == "production" ? 20 : 3
  }
  queues       = [queue.jobs, queue.notifications]
  secrets      = [secret.app]
  metrics_path = "/metrics"
  suppress     = local.workload_waivers
  env = {
    APP_ENV                 = env.name
    JOBS_QUEUE_URL          = queue.jobs.url
    NOTIFICATIONS_QUEUE_URL = queue.notifications.url
    DATABASE_URL            = module.app.database_url
    REDIS_URL               = module.app.cache_url
  }

  health {
    liveness  = "/health"
    readiness = "/ready"
  }
}

# Seed: S3 data backups beyond RDS snapshots — a nightly logical dump to the backups bucket.
cron_job "db-dump" {
  schedule  = "30 1 * * *"
  image     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ctoprojects/pg-dump:16"
  buckets   = [bucket.backups]
  databases = [module.app.database]
  memory    = "1Gi"
  timeout   = "2h"
  suppress  = local.workload_waivers
  env = {
    DATABASE_URL = module.app.database_url
    BUCKET       = bucket.backups.name
  }
}

# Seed: GitHub with a protected main branch, build → test → deploy, dev → staging → prod.
pipeline "delivery" {
  repository   = "ctoprojects/platform"
  services     = [module.app.service, service.worker]
  registry     = "ecr"
  branches     = ["main", "develop"]
  test_command = "npm test"
  promotion    = ["dev", "staging", "prod"]
  contexts = {
    web    = "."
    worker = "."
  }
}
