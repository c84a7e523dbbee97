stack "s" {
  region = "us-east-1"
}

environment "prod" {
  profile = "production"
  override "database.order" {  # ERROR E0113
    instance = "db.r6g.xlarge"
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {
  engine = "postgres"
}
