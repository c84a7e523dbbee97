# Networking: a VPC with public and private subnets (3 AZs in staging and prod, 1 in dev), NAT
# gateways, the public DNS zone, the ALB in front of the cluster and CloudFront at the edge.

network "main" {
  cidr = "10.0.0.0/16"
  # ECR and STS endpoints keep image pulls and IRSA token exchanges off the NAT gateways.
  endpoints = ["s3", "dynamodb", "ecr", "sts"]
}

dns_zone "public" {
  domain = local.domain
  # dev and staging are sub-domains, delegated from prod's apex zone (apply prod first).
  delegate_from = env.name == "prod" ? null : "ctoprojects.io"

  suppress = {
    CKV2_AWS_38 = "DNSSEC signing needs the DS record at the registrar first; tracked as a manual step in the runbook"
    CKV2_AWS_39 = "query logs would go to us-east-1 CloudWatch at ~$0.50/GB for no current consumer"
  }

  record "mail" {
    name   = ""
    type   = "MX"
    values = ["10 inbound-smtp.us-east-1.amazonaws.com"]
  }

  record "spf" {
    name   = ""
    type   = "TXT"
    values = ["v=spf1 include:amazonses.com -all"]
  }
}

load_balancer "web" {
  domains           = ["app.${local.domain}"]
  zone              = dns_zone.public
  cluster           = cluster.main
  node_port         = 30080
  health_check_path = "/healthz"

  suppress = {
    CKV2_AWS_15 = "the node groups' Auto Scaling groups are owned by EKS, which replaces nodes on EC2 health; pods are checked by Kubernetes"
  }
}

cdn "edge" {
  aliases = ["www.${local.domain}"]
  zone    = dns_zone.public

  suppress = {
    CKV_AWS_374 = "customers are worldwide; no country is blocked"
    CKV_AWS_310 = "the single ALB origin is multi-AZ; a second origin region is out of scope (seed: one region)"
    CKV_AWS_305 = "requests to / are served by the application origin, not by an S3 object"
  }
  # CloudFront + WAF appear only in the seed's production estimate; `waf` follows the profile.

  origin "app" {
    load_balancer = load_balancer.web
    path          = "*"
    cache         = "disabled"
  }

  origin "assets" {
    bucket = bucket.assets
    path   = "/static/*"
    cache  = "optimized"
  }
}

# Bastion host for break-glass access; also in the Ansible inventory for monthly patching.
vm "bastion" {
  subnet    = "public"
  os        = "al2023"
  ssh_cidrs = local.office_cidrs

  suppress = {
    CKV_AWS_88 = "the bastion is reached over SSH from the office ranges only (its security group), which needs a public address"
  }
  groups    = [host_group.bastions, host_group.patching]
  vars = {
    role = "bastion"
  }
}

host_group "bastions" {
  vars = {
    ansible_ssh_common_args = "-o StrictHostKeyChecking=accept-new"
  }
}

# Seed: "EC2 for specialized workloads". The reporting box runs the nightly exports in a private
# subnet and writes them to the backups bucket (its instance role may); Ansible reaches it through
# the bastion (ProxyJump), and reads where to write from the stack: the bucket's name (known after
# apply, filled by `stackc fill`) and the application's API keys (a Secrets Manager lookup, never a
# value in the inventory).
vm "reports" {
  instance = "t3.large"
  disk     = "100Gi"
  bastion  = vm.bastion
  buckets  = [bucket.backups]
  groups   = [host_group.reporting, host_group.patching]
  vars = {
    role = "reporting"
  }
}

host_group "reporting" {
  vars = {
    export_bucket   = bucket.backups.name
    export_prefix   = "exports/"
    export_schedule = { hour = 3, minute = 30 }
    app_secrets     = secret.app
  }
}

# Seed: monthly security patches, 2nd Tuesday, 02:00–04:00 UTC.
host_group "patching" {
  vars = {
    patch_weekday    = "tuesday"
    patch_week       = 2
    patch_window_utc = "02:00-04:00"
  }
}
