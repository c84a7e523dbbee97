# Locals, for expressions, functions, conditionals, templates and env/profile context.
locals {
  teams      = ["payments", "search", ""]
  named      = [for t in local.teams : upper(t) if t != ""]
  by_team    = { for i, t in local.teams : t => i if t != "" }
  grouped    = { for t in local.teams : length(t) => t... }
  prefix     = "${env.name}-${lower(join("-", local.named))}"
  zones      = min(profile.zones, 3)
  cidr       = cidrsubnet("10.0.0.0/8", 8, 1)
  tags       = merge({ owner = "platform" }, { env = env.name })
  first_team = element(local.named, 0)
  fmt        = format("%s has %d teams", local.prefix, length(local.named))
  big        = env.profile == "production" ? "db.r6g.large" : "db.t4g.medium"
  pick       = lookup(local.by_team, "search", 99)
  sorted     = sort(distinct(concat(["b", "a"], ["a"])))
  range3     = range(3)
  bool       = contains(local.named, "SEARCH") && startswith(local.prefix, env.name)
}

network "main" {
  cidr      = local.cidr
  zones     = local.zones
  flow_logs = local.bool
}

database "orders" {
  engine   = "postgres"
  instance = local.big
  storage  = "${20 * 5}Gi"
}
