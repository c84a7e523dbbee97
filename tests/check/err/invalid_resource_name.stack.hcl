network "Main_Net" {  # ERROR E0106
  cidr = "10.0.0.0/16"
}

# RDS and ElastiCache identifiers refuse two dashes in a row.
bucket "raw--events" {  # ERROR E0106
}
