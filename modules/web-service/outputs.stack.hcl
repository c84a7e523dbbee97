output "url" {
  value = service.web.url
  doc   = "The service's in-cluster URL."
}

output "public_url" {
  value = "https://${input.host}"
  doc   = "The service's public URL."
}

output "database_url" {
  value = database.db.url
  doc   = "The database connection URL, without credentials."
}

output "database_secret_arn" {
  value = database.db.secret_arn
  doc   = "The Secrets Manager secret holding the database's master credentials."
}

output "cache_url" {
  value = cache.cache.url
  doc   = "The cache connection URL."
}

output "database" {
  value = database.db
  doc   = "The module's database, for depends_on and policies."
}

output "service" {
  value = service.web
  doc   = "The module's service, for pipelines and `allow_from`."
}
