# Rule 1: count, each, self, path, terraform and dynamic iterators only where Terraform defines them.
variable "ports" {
  type    = list(number)
  default = [443]
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.${count.index}.0/16"
  tags = {
    key       = each.key
    self      = self.id
    dir       = path.modul
    workspace = terraform.workspace
  }
}

resource "aws_subnet" "a" {
  count      = count.index
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.${count.number}.0/24"
}

resource "aws_sqs_queue" "q" {
  for_each = toset(["a"])
  name     = each.name
}

resource "aws_security_group" "web" {
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = var.ports
    iterator = port
    content {
      from_port = port.value
      to_port   = port.vale
      protocol  = ingress.value
    }
  }
}
