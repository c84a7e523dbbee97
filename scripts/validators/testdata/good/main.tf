# Known-good Terraform: every kind of reference tf-schema-check resolves, written correctly.
# tf-schema-check-selftest expects 0 problems here (expected.txt).
terraform {
  required_version = ">= 1.11.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "zones" {
  type    = list(string)
  default = ["a", "b"]
  validation {
    condition     = length(var.zones) > 0 && alltrue([for z in var.zones : length(z) == 1])
    error_message = "Zones are one letter each."
  }
}

variable "ingress" {
  type = map(object({ port = number, cidr = string }))
  default = {
    https = { port = 443, cidr = "10.0.0.0/8" }
  }
}

locals {
  tags       = { stack = "good", workspace = terraform.workspace }
  name       = "good-${var.region}"
  azs        = [for z in var.zones : "${var.region}${z}"]
  by_az      = { for i, az in local.azs : az => cidrsubnet(aws_vpc.main.cidr_block, 4, i) if az != "" }
  subnet_ids = aws_subnet.private[*].id
  legacy_ids = aws_subnet.private.*.arn
  first_id   = aws_subnet.private[0].id
  second_id  = length(var.zones) > 1 ? aws_subnet.private[1].id : null
  module_dir = "${path.module}/files"
  queue_urls = { for k, q in aws_sqs_queue.jobs : k => q.url }
  queue_arns = values(aws_sqs_queue.jobs)[*].arn
  high_url   = aws_sqs_queue.jobs["high"].url
  secret_arn = aws_db_instance.main.master_user_secret[0].secret_arn
  region     = data.aws_region.current.region
  group      = { for g in [aws_security_group.web] : g.name => { id = g.id, vpc = aws_vpc.main.id } }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "${aws_s3_bucket.assets.arn}/*"
    }]
  })
  # Text that only looks like references: literals and escaped interpolations.
  literal = "aws_vpc.nope.id, var.nope and $${local.nope}"
  choice  = "%{if var.region == "eu-west-1"}eu%{else}${upper(var.region)}%{endif}"
  banner  = <<-EOT
    bucket ${aws_s3_bucket.assets.bucket} in "${data.aws_region.current.region}"
    %{~for az, cidr in local.by_az~}
    ${az} = ${cidr} (${index(local.azs, az)})
    %{~endfor~}
    not a reference: aws_vpc.nope.id $${var.nope}
  EOT
}

data "aws_region" "current" {}

data "aws_availability_zones" "available" {
  count = 1
  state = "available"
}

data "aws_iam_policy_document" "assets" {
  statement {
    sid       = "TLSOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.assets.arn, "${aws_s3_bucket.assets.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
  dynamic "statement" {
    for_each = aws_sqs_queue.jobs
    iterator = queue
    content {
      sid       = "Send${queue.key}"
      actions   = ["sqs:SendMessage"]
      resources = [queue.value.arn]
      dynamic "condition" {
        for_each = var.zones
        content {
          test     = "StringEquals"
          variable = "aws:SourceVpc"
          values   = [aws_vpc.main.id, condition.value, queue.key]
        }
      }
    }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = merge(local.tags, { Name = local.name })

  provisioner "local-exec" {
    command = "echo ${self.id} ${self.arn}"
  }
}

resource "aws_subnet" "private" {
  count             = length(var.zones)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 4, count.index)
  availability_zone = data.aws_availability_zones.available[0].names[count.index]
  tags = {
    Name                              = "${local.name}-private-${count.index}"
    "kubernetes.io/role/internal-elb" = "1"
    (local.name)                      = aws_vpc.main.arn
  }
}

resource "aws_security_group" "web" {
  name   = "${local.name}-web"
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = var.ingress
    content {
      description = ingress.key
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}

resource "aws_sqs_queue" "jobs" {
  for_each = toset(["high", "low"])
  name     = "${local.name}-${each.key}"
  tags     = { priority = each.value }
}

resource "aws_s3_bucket" "assets" {
  bucket = "${local.name}-assets"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket     = aws_s3_bucket.assets.id
  policy     = data.aws_iam_policy_document.assets.json
  depends_on = [aws_s3_bucket.assets, aws_subnet.private, data.aws_region.current, module.network]
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/good/${local.name}"
  retention_in_days = 30

  lifecycle {
    ignore_changes       = [tags, retention_in_days]
    replace_triggered_by = [aws_vpc.main.id]
    postcondition {
      condition     = self.retention_in_days == 30
      error_message = "Retention is 30 days."
    }
  }
}

ephemeral "aws_secretsmanager_random_password" "db" {
  password_length     = 32
  exclude_punctuation = true
}

ephemeral "aws_secretsmanager_random_password" "keys" {
  for_each        = toset(["JWT", "CMS"])
  password_length = 48
}

resource "aws_secretsmanager_secret" "app" {
  name = "${local.name}/app"
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id                = aws_secretsmanager_secret.app.id
  secret_string_wo         = jsonencode({ for k, p in ephemeral.aws_secretsmanager_random_password.keys : k => p.random_password })
  secret_string_wo_version = 1
}

ephemeral "aws_secretsmanager_secret_version" "app" {
  secret_id     = aws_secretsmanager_secret_version.app.secret_id
  version_stage = "AWSCURRENT"
  depends_on    = [aws_secretsmanager_secret_version.app]
}

resource "aws_ssm_parameter" "jwt" {
  name             = "/good/jwt"
  type             = "SecureString"
  value_wo         = jsondecode(ephemeral.aws_secretsmanager_secret_version.app.secret_string)["JWT"]
  value_wo_version = 1
}

resource "aws_ssm_parameter" "db" {
  name             = "/good/db"
  type             = "SecureString"
  value_wo         = ephemeral.aws_secretsmanager_random_password.db.random_password
  value_wo_version = 1
}

resource "aws_db_instance" "main" {
  identifier                  = "${local.name}-db"
  instance_class              = "db.t4g.micro"
  engine                      = "postgres"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  vpc_security_group_ids      = [aws_security_group.web.id]
  skip_final_snapshot         = true
}

module "network" {
  source = "./network"
  cidr   = aws_vpc.main.cidr_block
  providers = {
    aws = aws.us_east_1
  }
}
