# A value known only after apply where the target needs it when compiling.
network "main" {
  cidr = "10.0.0.0/16"
}

bucket "exports" {}

database "orders" {
  engine        = "postgres"
  database_name = bucket.exports.name  # ERROR E0410
}
