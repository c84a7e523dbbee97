# Outputs known after apply flow into strings; depends_on adds explicit ordering.
network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version = "1.35"
  node_pool "general" {
    instance = "m6i.large"
  }
}

database "orders" {
  engine = "postgres"
}

cache "sessions" {
  engine = "redis"
}

queue "jobs" {}

service "api" {
  image     = "ghcr.io/acme/api:1.4.2"
  port      = 8080
  databases = [database.orders]
  queues    = [queue.jobs]
  env = {
    DATABASE_URL = database.orders.url
    REDIS_URL    = "rediss://${cache.sessions.address}:6379/0"
    QUEUE_URL    = tostring(queue.jobs.url)
    PORT         = service.api.port
  }
}

job "migrate" {
  image      = "ghcr.io/acme/api:1.4.2"
  command    = ["./migrate"]
  depends_on = [database.orders]
}
