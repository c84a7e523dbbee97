# Cluster add-ons: the public zone (ingress-nginx behind an AWS NLB, cert-manager for TLS), secret
# delivery, backups, and the monitoring zone (Prometheus, Thanos, Loki, Promtail, Grafana,
# Alertmanager).

locals {
  monitoring = "monitoring"

  # Seed: Prometheus 30 days local, 1 year in Thanos; Loki 31 days.
  prometheus_retention = "30d"
  loki_retention       = "744h"
}

addon "ingress-nginx" {
  chart      = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  version    = "4.11.3"
  namespace  = "ingress-nginx"
  values = {
    controller = {
      replicaCount = profile.min_replicas
      service = {
        annotations = {
          "service.beta.kubernetes.io/aws-load-balancer-type"                              = "nlb"
          "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled" = "true"
        }
      }
      metrics = {
        enabled = true
        serviceMonitor = {
          enabled = true
        }
      }
      podSecurityContext = {
        runAsNonRoot = true
      }
    }
  }
}

addon "cert-manager" {
  chart      = "cert-manager"
  repository = "https://charts.jetstack.io"
  version    = "v1.16.1"
  namespace  = "cert-manager"
  values = {
    crds = {
      enabled = true
    }
    prometheus = {
      servicemonitor = {
        enabled = true
      }
    }
  }
}

# Replaces Infisical: secrets live in AWS Secrets Manager and are synced into the namespaces.
addon "external-secrets" {
  chart      = "external-secrets"
  repository = "https://charts.external-secrets.io"
  version    = "2.10.0"
  namespace  = "external-secrets"
}

addon "metrics-server" {
  chart            = "metrics-server"
  repository       = "https://kubernetes-sigs.github.io/metrics-server/"
  version          = "3.12.2"
  namespace        = "kube-system"
  create_namespace = false
}

# Prometheus (2 replicas in production, Thanos sidecar shipping blocks to S3), Grafana and
# Alertmanager.
addon "kube-prometheus-stack" {
  chart           = "kube-prometheus-stack"
  repository      = "https://prometheus-community.github.io/helm-charts"
  version         = "65.1.1"
  namespace       = local.monitoring
  buckets         = [bucket.metrics]
  service_account = "prometheus"
  values = {
    prometheus = {
      serviceAccount = {
        create = false
        name   = "prometheus"
      }
      prometheusSpec = {
        replicas  = env.profile == "production" ? 2 : 1
        retention = local.prometheus_retention
        thanos = {
          objectStorageConfig = {
            secret = {
              type = "S3"
              config = {
                bucket   = bucket.metrics.name
                endpoint = "s3.${env.region}.amazonaws.com"
                region   = env.region
              }
            }
          }
        }
      }
    }
    alertmanager = {
      alertmanagerSpec = {
        replicas = env.profile == "production" ? 2 : 1
      }
    }
    grafana = {
      ingress = {
        enabled          = true
        ingressClassName = "nginx"
        hosts            = ["grafana.${local.domain}"]
      }
    }
  }
}

addon "thanos" {
  chart           = "thanos"
  repository      = "oci://registry-1.docker.io/bitnamicharts"
  version         = "15.7.15"
  namespace       = local.monitoring
  buckets         = [bucket.metrics]
  service_account = "thanos"
  depends_on      = [addon.kube-prometheus-stack]
  values = {
    serviceAccount = {
      create = false
      name   = "thanos"
    }
    objstoreConfig = {
      type = "S3"
      config = {
        bucket   = bucket.metrics.name
        endpoint = "s3.${env.region}.amazonaws.com"
        region   = env.region
      }
    }
    query = {
      dnsDiscovery = {
        sidecarsService   = "kube-prometheus-stack-thanos-discovery"
        sidecarsNamespace = local.monitoring
      }
    }
    storegateway = {
      enabled = true
    }
    compactor = {
      enabled                = true
      retentionResolutionRaw = "30d"
      retentionResolution5m  = "180d"
      retentionResolution1h  = "1y"
    }
  }
}

addon "loki" {
  chart           = "loki"
  repository      = "https://grafana.github.io/helm-charts"
  version         = "6.16.0"
  namespace       = local.monitoring
  buckets         = [bucket.loki-chunks]
  service_account = "loki"
  values = {
    deploymentMode = "SimpleScalable"
    serviceAccount = {
      create = false
      name   = "loki"
    }
    loki = {
      auth_enabled = false
      schemaConfig = {
        configs = [
          {
            from         = "2025-01-01"
            store        = "tsdb"
            object_store = "s3"
            schema       = "v13"
            index = {
              prefix = "index_"
              period = "24h"
            }
          },
        ]
      }
      storage = {
        type = "s3"
        bucketNames = {
          chunks = bucket.loki-chunks.name
          ruler  = bucket.loki-chunks.name
          admin  = bucket.loki-chunks.name
        }
        s3 = {
          region = env.region
        }
      }
      limits_config = {
        retention_period = local.loki_retention
      }
      compactor = {
        retention_enabled    = true
        delete_request_store = "s3"
      }
    }
  }
}

addon "promtail" {
  chart      = "promtail"
  repository = "https://grafana.github.io/helm-charts"
  version    = "6.16.6"
  namespace  = local.monitoring
  depends_on = [addon.loki]
  values = {
    config = {
      clients = [
        { url = "http://loki-gateway.${local.monitoring}.svc.cluster.local/loki/api/v1/push" },
      ]
    }
  }
}

# Seed: Velero cluster backups daily.
addon "velero" {
  chart           = "velero"
  repository      = "https://vmware-tanzu.github.io/helm-charts"
  version         = "7.2.1"
  namespace       = "velero"
  buckets         = [bucket.velero]
  service_account = "velero"
  values = {
    serviceAccount = {
      server = {
        create = false
        name   = "velero"
      }
    }
    initContainers = [
      {
        name            = "velero-plugin-for-aws"
        image           = "velero/velero-plugin-for-aws:v1.10.1"
        imagePullPolicy = "IfNotPresent"
        volumeMounts = [
          { mountPath = "/target", name = "plugins" },
        ]
      },
    ]
    configuration = {
      backupStorageLocation = [
        {
          name     = "default"
          provider = "aws"
          bucket   = bucket.velero.name
          config = {
            region = env.region
          }
        },
      ]
      volumeSnapshotLocation = [
        {
          name     = "default"
          provider = "aws"
          config = {
            region = env.region
          }
        },
      ]
    }
    schedules = {
      daily = {
        schedule = "0 2 * * *"
        template = {
          ttl                = "720h"
          includedNamespaces = [local.app_namespace, "data"]
        }
      }
    }
  }
}
