# A stack written from docs/language.md and the reference alone, with every default left as it is
# and no suppression: what a new team's first stack looks like. The checkov parity harness
# (compiler/cli/tests/policy_parity.rs) compiles and builds it, runs checkov on everything it emits,
# and holds stackc's findings to what checkov reports.

stack "shop" {
  region = "us-east-1"
  state {
    bucket = "shop-tfstate"
  }
  admins = ["arn:aws:iam::123456789012:role/PlatformAdmin"]
  tags = {
    owner = "shop-team"
  }
}

environment "dev" {
  profile = "development"
}

environment "prod" {
  profile = "production"
  approval {
    reviewers = 1
    wait      = "30m"
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}

cluster "main" {
  node_pool "general" {}
}

database "orders" {
  engine  = "postgres"
  version = "16"
  storage = "100Gi"
}

cache "sessions" {
  engine = "valkey"
}

bucket "uploads" {}

secret "payments" {
  keys = ["api_key"]
}

queue "emails" {}

topic "orders" {
  subscription "emails" {
    queue = queue.emails
  }
}

dns_zone "public" {
  domain = "shop.example.com"
}

load_balancer "web" {
  domains = ["shop.example.com"]
  zone    = dns_zone.public
}

service "api" {
  image  = "ghcr.io/acme/api:1.4.2"
  port   = 8080
  health {}
  ingress {
    host = "shop.example.com"
  }
  databases = [database.orders]
  buckets   = [bucket.uploads]
  queues    = [queue.emails]
  secrets   = [secret.payments]
  env = {
    DATABASE_URL = database.orders.url
    CACHE_URL    = cache.sessions.url
  }
}

addon "ingress-nginx" {
  chart      = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  version    = "4.11.3"
  namespace  = "ingress-nginx"
}

addon "external-secrets" {
  chart      = "external-secrets"
  repository = "https://charts.external-secrets.io"
  version    = "2.10.0"
  namespace  = "external-secrets"
}

pipeline "delivery" {
  repository = "acme/shop"
  services   = [service.api]
  promotion  = ["dev", "prod"]
}
