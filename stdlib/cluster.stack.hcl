kind "cluster" {
  doc    = "A managed Kubernetes cluster (Amazon EKS) in the private subnets of a network, with managed node groups; services, jobs and add-ons are deployed into it with Helm."
  target = "aws"

  attribute "network" {
    type    = ref(network)
    default = only(network)
    doc     = "The network whose private subnets hold the control-plane interfaces and the nodes; defaults to the stack's only network."
  }
  attribute "version" {
    type    = string
    default = "1.33"
    doc     = "The Kubernetes minor version of the control plane and node groups (aws_eks_cluster.version), like \"1.33\"; upgrade one minor version at a time."
  }
  attribute "public_access_cidrs" {
    type    = list(cidr)
    default = ["0.0.0.0/0"]
    doc     = "Networks allowed to reach the public Kubernetes API endpoint (CI runners, operators); an empty list makes the API endpoint private to the VPC only."
  }
  attribute "logs" {
    type    = list(enum("api", "audit", "authenticator", "controllerManager", "scheduler"))
    default = profile.cluster_logs
    doc     = "Control-plane log types sent to CloudWatch Logs (enabled_cluster_log_types)."
  }
  attribute "log_retention" {
    type    = duration
    default = profile.log_retention
    doc     = "How long the control-plane CloudWatch log group keeps entries (retention_in_days)."
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
      type    = number
      default = profile.node_min
      doc     = "The fewest nodes the group scales down to (scaling_config.min_size)."
    }
    attribute "max" {
      type    = number
      default = profile.node_max
      doc     = "The most nodes the group scales up to (scaling_config.max_size)."
    }
    attribute "desired" {
      type    = number
      default = null
      doc     = "The node count at creation (scaling_config.desired_size); unset starts at `min`, and later changes are left to the cluster autoscaler."
    }
    attribute "disk" {
      type    = size
      default = profile.node_disk
      doc     = "The root EBS volume of each node (gp3, encrypted), which holds container images and emptyDir volumes."
    }
    attribute "capacity" {
      type    = enum("on_demand", "spot")
      default = profile.node_capacity
      doc     = "Whether nodes are on-demand or Spot instances (capacity_type ON_DEMAND or SPOT); Spot nodes can be reclaimed with two minutes' notice."
    }
    attribute "labels" {
      type    = map(string)
      default = {}
      doc     = "Kubernetes labels put on every node of the group, for nodeSelector and affinity."
    }
    attribute "taints" {
      type    = list(object({ key = string, value = optional(string), effect = enum("NoSchedule", "PreferNoSchedule", "NoExecute") }))
      default = []
      doc     = "Kubernetes taints put on every node of the group; only pods that tolerate them are scheduled there."
    }
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
  output "arn" {
    type = string
    doc  = "The EKS cluster ARN; known after apply."
  }
  output "security_group_id" {
    type = string
    doc  = "The cluster security group shared by the control plane and the nodes; known after apply."
  }
}
