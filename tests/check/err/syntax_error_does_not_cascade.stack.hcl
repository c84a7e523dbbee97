# Blocks dropped for a syntax error are reported once: what refers to them (by name, through
# `only(network)` or `local.*`) is not reported again as unknown. Other errors still are.
stack "shop" {
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
}

locals {
  team = "payments  # ERROR E0001
}

network "main" {
  cidr =  # ERROR E0001
}

database "orders" {
  engine = "postgres"
  database_name = local.team
  backup_window = "noon"  # ERROR E0421
}

bucket "exports" {
  depends_on = [network.main, database.order]  # ERROR E0302
}
