output "subnet_ids" {
  value = local.subnet_ids
}

output "queue_urls" {
  value = [for k in sort(keys(local.queue_urls)) : local.queue_urls[k]]
}

output "database_secret_arn" {
  value     = local.secret_arn
  sensitive = true
}

output "network" {
  value = module.network.cidr
  precondition {
    condition     = module.network.cidr == aws_vpc.main.cidr_block
    error_message = "The module sees the same network."
  }
}
