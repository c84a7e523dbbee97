# The seed runs on Docker Compose or "K8s"; stackc's Kubernetes target is EKS, so the smallest
# cluster that serves the site: the profile's single zone and Spot node in dev, production-like
# elsewhere.

network "main" {
  cidr = "10.60.0.0/16"
}

cluster "web" {
  # GitHub-hosted runners deploy to every environment, so the API stays reachable from the
  # internet (IAM-authenticated, EKS access entries only); the production default is private.
  public_access_cidrs = ["0.0.0.0/0"]

  suppress = {
    CKV_AWS_39 = "the pipeline deploys from GitHub-hosted runners, which reach the API only through the public endpoint"
    CKV_AWS_38 = "GitHub-hosted runners have no fixed address range; access is authenticated by IAM and EKS access entries"
  }

  # The ingress controller runs here; in dev this pool is Spot, so it is named a target explicitly.
  node_pool "general" {
    ingress = true
  }
}

addon "ingress-nginx" {
  chart      = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  version    = "4.11.3"
  namespace  = "ingress-nginx"
  values = {
    controller = {
      replicaCount = local.row.replicas.min
      service = {
        annotations = {
          "service.beta.kubernetes.io/aws-load-balancer-type" = "nlb"
        }
      }
      config = {
        # Seed §8.1: rate limiting at the load balancer.
        limit-req-status-code = "429"
      }
    }
  }
}

# Seed §5: TLS none / staging / production → Let's Encrypt staging and production issuers.
addon "cert-manager" {
  enabled    = local.row.tls != "none"
  chart      = "cert-manager"
  repository = "https://charts.jetstack.io"
  version    = "v1.16.1"
  namespace  = "cert-manager"
  values = {
    crds = {
      enabled = true
    }
  }
}

addon "external-secrets" {
  chart      = "external-secrets"
  repository = "https://charts.external-secrets.io"
  version    = "2.10.0"
  namespace  = "external-secrets"
}

addon "metrics-server" {
  enabled          = local.row.replicas.max > local.row.replicas.min
  chart            = "metrics-server"
  repository       = "https://kubernetes-sigs.github.io/metrics-server/"
  version          = "3.12.2"
  namespace        = "kube-system"
  create_namespace = false
}
