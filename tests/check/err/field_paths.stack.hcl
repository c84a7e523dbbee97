# Fields read through paths (`self.replicas.min`, `self.env.X`, `database.x.port`) are read in place;
# what is wrong with them is reported as when the whole value is built.
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

database "old" {
  engine  = "postgres"
  enabled = false
}

service "api" {
  image = "ghcr.io/acme/api:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  env   = { DB_URL = database.orders.url, MODE = "fast" }
  ingress {
    host = "api.example.com"
  }
}

policy "unknown-field" {
  kind    = "service"
  assert  = self.replicas.most > 0  # ERROR E0304
  message = "replicas"
}

policy "deferred-null-test" {
  kind    = "service"
  when    = self.env.DB_URL != null  # ERROR E0410
  assert  = true
  message = "deferred"
}

policy "disabled-through-path" {
  kind    = "service"
  assert  = database.old.port > 0  # ERROR E0305
  message = "disabled"
}

policy "paths-that-hold" {
  kind    = "service"
  assert  = self.ingress != null && self.env.MODE == "fast" && self.replicas.min >= 1 && self.env.NONE == null  # ERROR E0304
  message = "never fails"
}
