# Rule 1: every reference names a block declared in this module.
variable "region" {
  type = string
}

locals {
  name = "bad"
}

resource "aws_iam_role" "app" {
  name               = local.name
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.ap.name
  policy_arn = aws_iam_policy.app.arn
}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
  tags = {
    Name   = local.nmae
    region = var.region
    zone   = data.aws_availability_zones.available.names[0]
    secret = ephemeral.aws_secretsmanager_random_password.db.random_password
    net    = module.network.id
    other  = unknownthing.value
    bare   = var
  }
}
