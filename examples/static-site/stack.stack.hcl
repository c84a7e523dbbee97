# Monkeytown web (seed: monkeytown-static-site.md): a React SPA built into an nginx image, served
# on Kubernetes with health endpoints, fixed resource profiles, zero-downtime rolling updates, the
# seed's per-environment matrix and its secrets hierarchy.

stack "monkeytown" {
  region = "us-east-1"
  tags = {
    project = "monkeytown"
    owner   = "opsorangutan"
  }
}

environment "dev" {
  profile = "development"
}

environment "staging" {
  profile = "staging"
}

environment "prod" {
  profile = "production"

  # `stackc cost --env prod` estimates about $670 a month.
  budget {
    monthly = 800
  }

  approval {
    reviewers = 1
  }
}

locals {
  # Seed §5, the environment matrix, row by row. Keys are environment names.
  matrix = {
    dev = {
      NODE_ENV              = "development"
      VITE_APP_NAME         = "Monkeytown Dev"
      VITE_ENABLE_DEBUG     = true
      VITE_BUILD_SOURCEMAP  = true
      VITE_ENABLE_ANALYTICS = false
      replicas = {
        min = 1
        max = 1
      }
      health_interval = "10s"
      tls             = "none"
    }
    staging = {
      NODE_ENV              = "staging"
      VITE_APP_NAME         = "Monkeytown Staging"
      VITE_ENABLE_DEBUG     = true
      VITE_BUILD_SOURCEMAP  = true
      VITE_ENABLE_ANALYTICS = true
      replicas = {
        min = 1
        max = 1
      }
      health_interval = "30s"
      tls             = "staging"
    }
    prod = {
      NODE_ENV              = "production"
      VITE_APP_NAME         = "Monkeytown"
      VITE_ENABLE_DEBUG     = false
      VITE_BUILD_SOURCEMAP  = false
      VITE_ENABLE_ANALYTICS = true
      replicas = {
        min = 2
        max = 10
      }
      health_interval = "30s"
      tls             = "production"
    }
  }
  row = local.matrix[env.name]

  # The variable columns of the row, as strings: NODE_ENV and the VITE_* settings a Vite build
  # bakes into the bundle.
  build_vars = {
    for name, value in local.row : name => tostring(value)
    if name == "NODE_ENV" || startswith(name, "VITE_")
  }

  host = env.name == "prod" ? "monkeytown.example.com" : "${env.name}.monkeytown.example.com"
}
