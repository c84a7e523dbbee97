# A node type the catalog's source lists for the stack's region without it: not offered there (E0417),
# with the same family's sizes offered there suggested. (A region no source covers is never refused.)
stack "s" {
  region = "sa-east-1"
}

environment "prod" {
  profile = "production"
}

network "main" {
  cidr = "10.0.0.0/16"
}

cache "sessions" {
  network  = network.main
  instance = "cache.c7gn.large"  # ERROR E0417
}
