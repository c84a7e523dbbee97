# Names are unique across the files of one module.
variable "region" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "bad-logs"
}

locals {
  name = "a"
}
