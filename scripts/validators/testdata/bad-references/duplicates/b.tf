variable "region" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "bad-logs-${var.region}"
}

locals {
  name = "b"
}
