# Known-bad Terraform: tests assert tf-schema-check reports each problem below.
resource "aws_vcp" "typo" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "unknown_attribute" {
  cidr = "10.0.0.0/16"
}

resource "aws_eks_cluster" "missing_required" {
  name = "x"
  vpc_config = {
    subnet_ids = []
  }
}

resource "aws_s3_bucket" "twice" {
}

resource "aws_s3_bucket" "twice" {
}
