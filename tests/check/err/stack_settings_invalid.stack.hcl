# The state is locked with a lock file beside it (Terraform 1.11 S3 native locking); admins are IAM
# role or user ARNs, given cluster-admin access entries.
stack "shop" {
  region = "us-east-1"
  state {
    bucket     = "shop-tfstate"
    lock_table = "shop-tflock"  # ERROR E0108
  }
  admins = ["arn:aws:iam::123456789012:role/PlatformAdmin", "PlatformAdmin"]  # ERROR E0421
}

environment "dev" {
  profile = "development"
}
