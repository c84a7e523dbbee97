# A web service with its own PostgreSQL (or MySQL) database and Redis cache: the service gets
# DATABASE_URL, REDIS_URL and the database credentials, the database and cache admit only its pods,
# and an optional migration job runs before each deploy.

input "cluster" {
  type    = ref(cluster)
  default = null
  doc     = "The cluster the service and its migration job run on; unset uses the stack's only cluster."
}

input "network" {
  type    = ref(network)
  default = null
  doc     = "The network the database and cache live in; unset uses the stack's only network."
}

input "image" {
  type = image
  doc  = "The service's container image, like \"ghcr.io/acme/api:1.4.2\"."
}

input "port" {
  type    = port
  default = 8080
  doc     = "The port the service listens on."
}

input "host" {
  type = string
  doc  = "The public host name the service's ingress answers to."
}

input "tls" {
  type    = bool
  default = null
  doc     = "Whether the ingress serves HTTPS with a cert-manager certificate; unset follows the profile. Turn it off when a load balancer in front terminates TLS."
}

input "replicas" {
  type    = object({ min = number, max = number })
  default = null
  doc     = "Pod count bounds; unset follows the environment's profile."
}

input "cpu" {
  type    = cpu
  default = "250m"
  doc     = "CPU requested per pod."
}

input "memory" {
  type    = size
  default = "512Mi"
  doc     = "Memory requested (and limited) per pod."
}

input "env" {
  type    = map(string)
  default = {}
  doc     = "Extra environment variables; DATABASE_URL and REDIS_URL are added by the module."
}

input "secrets" {
  type    = list(ref(secret))
  default = []
  doc     = "Secrets whose keys become environment variables of the service and the migration job."
}

input "buckets" {
  type    = list(ref(bucket))
  default = []
  doc     = "Buckets the service may read and write."
}

input "queues" {
  type    = list(ref(queue))
  default = []
  doc     = "Queues the service may send to and receive from."
}

input "topics" {
  type    = list(ref(topic))
  default = []
  doc     = "Topics the service may publish to."
}

input "engine" {
  type    = enum("postgres", "mysql")
  default = "postgres"
  doc     = "The database engine."
}

input "database_instance" {
  type    = instance_type("rds")
  default = null
  doc     = "The RDS instance class; unset follows the profile."
}

input "database_storage" {
  type    = size
  default = null
  doc     = "The allocated database storage; unset follows the profile."
}

input "cache_instance" {
  type    = instance_type("elasticache")
  default = null
  doc     = "The ElastiCache node type; unset follows the profile."
}

input "migration_image" {
  type    = image
  default = null
  doc     = "An image that migrates the database schema, run as a job before each deploy; unset runs no migrations."
}

input "migration_args" {
  type    = list(string)
  default = null
  doc     = "Arguments of the migration container, like [\"migrate\"]; unset keeps the image's CMD."
}

input "workload_waivers" {
  type    = map(string)
  default = {}
  doc     = "checkov Kubernetes checks the service and its migration job deliberately do not meet, with the reason (their `suppress`)."
}
