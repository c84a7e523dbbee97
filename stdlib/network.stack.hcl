kind "network" {
  doc    = "An isolated IPv4 network (an Amazon VPC) with a public and a private subnet in each availability zone, NAT gateways for private egress, and optional VPC flow logs."
  target = "aws"

  attribute "cidr" {
    type   = cidr
    prefix = [16, 28]
    doc    = "The VPC's IPv4 CIDR block (aws_vpc.cidr_block), a /16 to a /28 (AWS VPC limits); per-zone public and private subnets are carved from it, and it must not overlap any other network of the stack."
  }
  attribute "zones" {
    type    = integer
    default = profile.zones
    min     = 1
    max     = 6
    doc     = "How many availability zones the network spans (1–6, and at most the zones the region offers); each zone gets one public and one private subnet. EKS clusters, RDS databases and load balancers need at least 2 (AWS requires subnets in two zones for each)."
  }
  attribute "subnet_bits" {
    type    = integer
    default = 4
    min     = 1
    max     = 12
    doc     = "Bits added to the VPC prefix for each subnet (Terraform cidrsubnet newbits): 4 turns a /16 into /20 subnets of 4,096 addresses each."
  }
  attribute "nat" {
    type    = enum("none", "single", "per_zone")
    default = profile.nat
    doc     = "Outbound internet access for private subnets: no NAT gateway, one shared NAT gateway (cheap, one zone's failure cuts egress everywhere), or one NAT gateway per zone (aws_nat_gateway, highly available)."
  }
  attribute "endpoints" {
    type    = list(enum("s3", "dynamodb", "ecr", "sts", "secretsmanager", "logs"))
    default = ["s3", "dynamodb"]
    doc     = "AWS services reached through VPC endpoints instead of NAT (s3 and dynamodb are free gateway endpoints; the others are interface endpoints billed per zone and hour)."
  }
  attribute "flow_logs" {
    type    = bool
    default = profile.flow_logs
    doc     = "Whether VPC flow logs (aws_flow_log, all traffic) are written to a CloudWatch log group."
  }
  attribute "flow_logs_retention" {
    type    = duration
    default = profile.log_retention
    min     = "1d"
    max     = "3653d"
    doc     = "How long the flow-log CloudWatch log group keeps entries (retention_in_days, 1d–3653d, rounded up to a value CloudWatch accepts)."
  }

  output "vpc_id" {
    type = string
    doc  = "The VPC ID (vpc-…); known after apply."
  }
  output "private_subnet_ids" {
    type = list(string)
    doc  = "The private subnet IDs, one per zone; known after apply."
  }
  output "public_subnet_ids" {
    type = list(string)
    doc  = "The public subnet IDs, one per zone; known after apply."
  }
}
