# References inside string templates, directives and heredocs are resolved; text that only looks
# like a reference (literals, $${ and %%{ escapes) is not.
variable "names" {
  type    = list(string)
  default = ["a"]
}

resource "aws_s3_bucket" "logs" {
  bucket = "bad-logs"
}

locals {
  fine   = "aws_s3_bucket.nope.id $${var.nope} %%{ if var.nope }"
  url    = "https://${aws_s3_bucket.logs.bucket_domain_nam}/x"
  nested = "a-${upper("b-${var.nmes[0]}")}"
  loop   = "%{for n in var.names}${n}-${aws_s3_bucket.log.id}%{endfor}"
  doc    = <<-EOT
    "quoted" ${aws_s3_bucket.logs.arn}
    %{if local.missing}yes%{endif}
  EOT
  scoped = [for n in var.names : "${n}-${m}"]
}
