kind "cluster" {
  doc    = "A managed Kubernetes cluster (Amazon EKS) in the private subnets of a network, with managed node groups; services, jobs and add-ons are deployed into it with Helm."
  target = "aws"

  attribute "network" {
    type    = ref(network)
    default = only(network)
    doc     = "The network whose private subnets hold the control-plane interfaces and the nodes; defaults to the stack's only network."
  }
  attribute "version" {
    type        = string
    default     = "1.35"
    pattern     = "1\\.[0-9]{2}"
    pattern_doc = "a Kubernetes minor version like \"1.33\""
    doc         = "The Kubernetes minor version of the control plane and node groups (aws_eks_cluster.version), like \"1.33\"; upgrade one minor version at a time."
  }
  attribute "public_access_cidrs" {
    type      = list(cidr)
    default   = profile.cluster_api_cidrs
    max_items = 40
    doc       = "Networks allowed to reach the public Kubernetes API endpoint (CI runners, operators), at most 40 (EKS quota); an empty list makes the API endpoint private to the VPC only (the production default: deploys then run from a runner inside the VPC). Callers still need an EKS access entry."
  }
  attribute "logs" {
    type    = list(enum("api", "audit", "authenticator", "controllerManager", "scheduler"))
    default = profile.cluster_logs
    doc     = "Control-plane log types sent to CloudWatch Logs (enabled_cluster_log_types)."
  }
  attribute "log_retention" {
    type    = duration
    default = profile.log_retention
    min     = "1d"
    max     = "3653d"
    doc     = "How long the control-plane CloudWatch log group keeps entries (retention_in_days)."
  }
  attribute "autoscaler" {
    type    = bool
    default = true
    doc     = "Whether the cluster autoscaler runs on the cluster: stackc gives it an IAM role (EKS Pod Identity, kube-system/cluster-autoscaler) limited to this cluster's node groups, and tags the node groups that scale from zero with their labels and taints. Without it node groups stay at their desired size, and pools with min = 0 never get a node."
  }
  attribute "secrets_encryption" {
    type    = bool
    default = true
    doc     = "Whether Kubernetes Secrets are envelope-encrypted with a stackc-managed KMS key (encryption_config)."
  }

  block "node_pool" {
    doc    = "A managed node group (aws_eks_node_group) spread over the network's private subnets."
    labels = ["name"]
    min    = 1

    attribute "instance" {
      type    = instance_type("ec2")
      default = profile.node_instance
      doc     = "The EC2 instance type of the nodes; Graviton types (…g.) need arm64 images."
    }
    attribute "min" {
      type    = integer
      default = profile.node_min
      min     = 0
      max     = 450
      doc     = "The fewest nodes the group scales down to (scaling_config.min_size)."
    }
    attribute "max" {
      type    = integer
      default = profile.node_max
      min     = 1
      max     = 450
      doc     = "The most nodes the group scales up to (scaling_config.max_size, 1–450, the EKS quota per node group)."
    }
    attribute "desired" {
      type    = integer
      default = null
      min     = 0
      max     = 450
      doc     = "The node count at creation (scaling_config.desired_size); unset starts at `min`, and later changes are left to the cluster autoscaler."
    }
    attribute "disk" {
      type    = size
      default = profile.node_disk
      min     = "20Gi"
      max     = "16Ti"
      doc     = "The root EBS volume of each node (gp3, encrypted), which holds container images and emptyDir volumes; 20Gi (the EKS-optimized AMI's root snapshot) to 16Ti (gp3)."
    }
    attribute "capacity" {
      type    = enum("on_demand", "spot")
      default = profile.node_capacity
      doc     = "Whether nodes are on-demand or Spot instances (capacity_type ON_DEMAND or SPOT); Spot nodes can be reclaimed with two minutes' notice."
    }
    attribute "labels" {
      type            = map(string)
      default         = {}
      key_pattern     = "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?"
      key_pattern_doc = "a Kubernetes label key (an optional DNS prefix and `/`, then letters, digits, `-`, `_`, `.`)"
      pattern         = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
      pattern_doc     = "a Kubernetes label value (letters, digits, `-`, `_`, `.`, at most 63)"
      max_length      = 63
      doc             = "Kubernetes labels put on every node of the group, for nodeSelector and affinity."
    }
    attribute "taints" {
      type    = list(object({ key = string, value = optional(string), effect = enum("NoSchedule", "PreferNoSchedule", "NoExecute") }))
      default = []
      doc     = "Kubernetes taints put on every node of the group; only pods that tolerate them are scheduled there."
    }
    attribute "ingress" {
      type    = bool
      default = null
      doc     = "Whether the pool's nodes are targets of the load balancers in front of the cluster (their target groups take the pool's Auto Scaling group). Unset, a pool is a target when it has no taints and is on-demand: Spot nodes vanish at two minutes' notice and tainted pools run no ingress controller."
    }

    check "min-max" {
      assert  = self.min <= self.max
      message = "node_pool \"${self.name}\": min (${self.min}) is above max (${self.max})"
      at      = "min"
      doc     = "EKS: scaling_config needs min_size <= max_size."
    }

    check "desired" {
      when    = self.desired != null
      assert  = self.desired >= self.min && self.desired <= self.max
      message = "node_pool \"${self.name}\": desired (${self.desired}) is outside min..max (${self.min}..${self.max})"
      at      = "desired"
      doc     = "EKS: scaling_config needs min_size <= desired_size <= max_size."
    }

    check "taint-keys" {
      assert  = alltrue([for t in self.taints : length(t.key) <= 63 && length(coalesce(t.value, "")) <= 63])
      message = "node_pool \"${self.name}\": taint keys and values are at most 63 characters"
      at      = "taints"
      doc     = "EKS: node group taint keys and values are at most 63 characters."
    }
  }

  check "two-zones" {
    assert  = self.network.zones >= 2
    message = "an EKS cluster needs subnets in at least two availability zones; its network spans ${self.network.zones}"
    at      = "network"
    doc     = "EKS: \"You must specify subnets in at least two different Availability Zones\" (cluster VPC requirements)."
  }

  check "version-supported" {
    assert  = contains(["1.32", "1.33", "1.34", "1.35", "1.36"], self.version)
    message = "EKS does not offer Kubernetes ${self.version}: use 1.32 to 1.36"
    at      = "version"
    doc     = "EKS: the versions offered in December 2026 (1.34 to 1.36 in standard support, 1.32 and 1.33 in extended support); older ones can no longer be created."
  }

  check "version-extended" {
    assert   = !contains(["1.32", "1.33"], self.version)
    message  = "Kubernetes ${self.version} is in EKS extended support, billed at six times the standard rate"
    at       = "version"
    severity = "warning"
    doc      = "EKS: a version past its 14 months of standard support moves to extended support at an extra hourly charge."
  }

  check "untainted-pool" {
    assert  = length(self.node_pool) == 0 || anytrue([for p in self.node_pool : length(p.taints) == 0])
    message = "every node pool is tainted, so CoreDNS and the ingress controller have nowhere to run"
    at      = "node_pool"
    doc     = "EKS: the CoreDNS add-on does not tolerate custom taints; it waits for an untainted node."
  }

  output "name" {
    type = string
    doc  = "The EKS cluster name; known after apply."
  }
  output "endpoint" {
    type = string
    doc  = "The HTTPS URL of the Kubernetes API server; known after apply."
  }
  output "oidc_issuer" {
    type = string
    doc  = "The cluster's OIDC issuer URL, which IAM roles for service accounts (IRSA) trust; known after apply."
  }
  output "oidc_provider_arn" {
    type = string
    doc  = "The ARN of the cluster's IAM OIDC identity provider, for charts that use IAM roles for service accounts (IRSA) instead of Pod Identity; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The EKS cluster ARN; known after apply."
  }
  output "security_group_id" {
    type = string
    doc  = "The cluster security group shared by the control plane and the nodes; known after apply."
  }
}
