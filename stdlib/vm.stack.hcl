kind "vm" {
  doc    = "A virtual machine (an Amazon EC2 instance with IMDSv2, an encrypted gp3 root volume and SSM access), also listed in the environment's Ansible inventory through the tags the aws_ec2 inventory plugin reads."
  target = "aws"

  attribute "instance" {
    type    = instance_type("ec2")
    default = profile.vm_instance
    doc     = "The EC2 instance type, like \"t4g.small\"; the image's architecture follows it (arm64 for Graviton types)."
  }
  attribute "network" {
    type    = ref(network)
    default = only(network)
    doc     = "The network the instance lives in; defaults to the stack's only network."
  }
  attribute "subnet" {
    type    = enum("private", "public")
    default = "private"
    doc     = "Whether the instance sits in a private subnet (egress through NAT) or a public one (bastions)."
  }
  attribute "assign_public_ip" {
    type    = bool
    default = self.subnet == "public"
    doc     = "Whether the instance gets a public IPv4 address (associate_public_ip_address); billed per hour."
  }
  attribute "os" {
    type    = enum("al2023", "ubuntu-24.04")
    default = "al2023"
    doc     = "The operating system: the latest Amazon Linux 2023 or Ubuntu 24.04 image for the instance's architecture, looked up through SSM public parameters."
  }
  attribute "ami" {
    type        = string
    default     = null
    pattern     = "ami-([0-9a-f]{8}|[0-9a-f]{17})"
    pattern_doc = "an AMI ID like \"ami-0abcdef1234567890\""
    doc         = "A specific AMI ID (ami-…) instead of the latest image of `os`."
  }
  attribute "disk" {
    type    = size
    default = "20Gi"
    min     = "8Gi"
    max     = "16Ti"
    doc     = "The root EBS volume (gp3, encrypted), rounded up to whole GiB."
  }
  attribute "user" {
    type    = string
    default = self.os == "al2023" ? "ec2-user" : "ubuntu"
    doc     = "The SSH user Ansible connects as (ansible_user in the inventory)."
  }
  attribute "ssh_cidrs" {
    type      = list(cidr)
    default   = []
    max_items = 60
    doc       = "Networks allowed to reach port 22 (security group ingress); empty allows no SSH from outside, and access goes through SSM Session Manager."
  }
  attribute "key_name" {
    type       = string
    default    = null
    max_length = 255
    doc        = "An existing EC2 key pair put on the instance for SSH; unset relies on SSM."
  }
  attribute "groups" {
    type    = list(ref(host_group))
    default = []
    doc     = "Ansible inventory groups, written as the instance tag stackc:groups that the aws_ec2 inventory turns into groups (keyed_groups)."
  }
  attribute "buckets" {
    type    = list(ref(bucket))
    default = []
    doc     = "S3 buckets the instance may read and write, through its instance profile's role."
  }
  attribute "queues" {
    type    = list(ref(queue))
    default = []
    doc     = "SQS queues the instance may send to and receive from, through its instance profile's role."
  }
  attribute "topics" {
    type    = list(ref(topic))
    default = []
    doc     = "SNS topics the instance may publish to, through its instance profile's role."
  }
  attribute "bastion" {
    type    = ref(vm)
    default = null
    doc     = "A jump host Ansible reaches this instance through (ProxyJump in ansible_ssh_common_args, from the instance tag stackc:jump), for instances without a public address."
  }
  attribute "vars" {
    type            = map(string)
    default         = {}
    key_pattern     = "[A-Za-z_][A-Za-z0-9_]*"
    key_pattern_doc = "an Ansible variable name (letters, digits, `_`, not starting with a digit)"
    max_length      = 256
    doc             = "Ansible host variables, written as instance tags stackc:var:<key> that the aws_ec2 inventory composes into host variables."
  }
  attribute "user_data" {
    type       = string
    default    = null
    max_length = 16384
    doc        = "A cloud-init script run on first boot."
  }
  attribute "detailed_monitoring" {
    type    = bool
    default = profile.enhanced_monitoring
    doc     = "Whether CloudWatch collects instance metrics every minute instead of every five (monitoring)."
  }
  attribute "termination_protection" {
    type    = bool
    default = profile.deletion_protection
    doc     = "Whether EC2 refuses API termination of the instance (disable_api_termination)."
  }

  check "public-ip-in-private-subnet" {
    when     = self.assign_public_ip
    assert   = self.subnet == "public"
    message  = "a public IP in a private subnet is unreachable: its route table sends traffic through NAT"
    at       = "assign_public_ip"
    severity = "warning"
    doc      = "VPC: only subnets whose route table has an internet gateway route are reachable from the internet."
  }

  output "instance_id" {
    type = string
    doc  = "The EC2 instance ID (i-…); known after apply."
  }
  output "private_ip" {
    type = string
    doc  = "The private IPv4 address; known after apply."
  }
  output "public_ip" {
    type = string
    doc  = "The public IPv4 address, when `assign_public_ip` is on; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The instance ARN; known after apply."
  }
}
