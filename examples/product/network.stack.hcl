# The VPC, the EKS cluster and the public DNS zone.

network "main" {
  cidr = "10.40.0.0/16"
}

cluster "main" {
  version = "1.35"

  # GitHub-hosted runners deploy to every environment, so the API stays reachable from the
  # internet (IAM-authenticated, EKS access entries only); the production default is private.
  public_access_cidrs = ["0.0.0.0/0"]

  suppress = {
    CKV_AWS_39 = "deploys run from GitHub-hosted runners, which reach the API only through the public endpoint"
    CKV_AWS_38 = "GitHub-hosted runners have no fixed address range; access is authenticated by IAM and EKS access entries"
  }

  # The ingress controller runs here; in dev this pool is Spot, so it is named a target explicitly.
  node_pool "general" {
    ingress = true
  }

  # Seed: spot instances for non-critical workloads (the Celery workers).
  node_pool "spot" {
    capacity = "spot"
    min      = 0
    max      = env.profile == "production" ? 10 : 3
    labels = {
      workload = "background"
    }
    taints = [
      { key = "workload", value = "background", effect = "NoSchedule" },
    ]
  }
}

dns_zone "public" {
  domain = local.domain
  # dev and staging are sub-domains, delegated from prod's apex zone (apply prod first).
  delegate_from = env.profile == "production" ? null : "atlas.example.com"

  suppress = {
    CKV2_AWS_38 = "DNSSEC signing needs the DS record at the registrar first, a manual step"
    CKV2_AWS_39 = "no consumer for DNS query logs yet; enable with the SIEM rollout"
  }

  record "caa" {
    name   = ""
    type   = "CAA"
    values = ["0 issue \"letsencrypt.org\""]
  }
}
