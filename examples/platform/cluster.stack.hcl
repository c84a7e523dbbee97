# EKS and the cluster add-ons the platform relies on.

cluster "main" {
  version = "1.35"

  # GitHub-hosted runners deploy to every environment, so the API stays reachable from the
  # internet (IAM-authenticated, EKS access entries only); the production default is private.
  public_access_cidrs = ["0.0.0.0/0"]

  suppress = {
    CKV_AWS_39 = "CI runners deploy with Helm from GitHub-hosted runners; the private endpoint is on too, and the public one is the only way in from outside"
    CKV_AWS_38 = "GitHub-hosted runners have no fixed address range; access is authenticated by IAM and EKS access entries"
  }

  # The ingress controller runs here; in dev this pool is Spot, so it is named a target explicitly.
  node_pool "general" {
    ingress = true
  }

  # Seed: Spot instances for non-critical batch processing.
  node_pool "batch" {
    capacity = "spot"
    min      = 0
    max      = 5
    labels = {
      workload = "batch"
    }
    taints = [
      { key = "workload", value = "batch", effect = "NoSchedule" },
    ]
  }
}

# The ALB forwards to ingress-nginx on NodePort 30080 of every node.
addon "ingress-nginx" {
  chart      = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  version    = "4.11.3"
  namespace  = "ingress-nginx"
  values = {
    controller = {
      replicaCount = profile.min_replicas
      service = {
        type = "NodePort"
        nodePorts = {
          http = load_balancer.web.node_port
        }
      }
      metrics = {
        enabled = true
      }
    }
  }
}

# Resource metrics for the Horizontal Pod Autoscalers.
addon "metrics-server" {
  chart            = "metrics-server"
  repository       = "https://kubernetes-sigs.github.io/metrics-server/"
  version          = "3.12.2"
  namespace        = "kube-system"
  create_namespace = false
}

# Syncs Secrets Manager entries into Kubernetes Secrets for the services' `secrets`.
addon "external-secrets" {
  chart      = "external-secrets"
  repository = "https://charts.external-secrets.io"
  version    = "2.10.0"
  namespace  = "external-secrets"
}

# Seed: Prometheus/Grafana dashboards (CloudWatch covers the AWS services).
addon "monitoring" {
  chart      = "kube-prometheus-stack"
  repository = "https://prometheus-community.github.io/helm-charts"
  version    = "65.1.1"
  namespace  = "monitoring"
  values = {
    prometheus = {
      prometheusSpec = {
        retention = env.profile == "production" ? "30d" : "7d"
        replicas  = profile.min_replicas
      }
    }
    alertmanager = {
      enabled = env.profile != "development"
    }
  }
}
