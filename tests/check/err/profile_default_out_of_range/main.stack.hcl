# A value from a profile is reported at the resource, with the profile field as a second label.
stack "shop" {
  region = "us-east-1"
}

profile "lean" {
  extends          = "production"
  database_storage = "10Gi"
}

environment "prod" {
  profile = "lean"
}

network "main" {
  cidr = "10.0.0.0/16"
}

database "orders" {  # ERROR E0420
  engine = "postgres"
}
