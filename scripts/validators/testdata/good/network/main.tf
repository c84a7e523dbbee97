# A child module: its own namespace, so var.cidr resolves here and nowhere else.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "cidr" {
  type = string
}

output "cidr" {
  value = var.cidr
}
