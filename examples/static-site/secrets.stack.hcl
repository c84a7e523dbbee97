# Seed §6, the secrets hierarchy:
#   .env.example / .env.staging / .env.production (non-secret config) → local.matrix, in Git.
#   GitHub Secrets: GITHUB_TOKEN is the Actions token every workflow gets; nothing to declare.
#   Application secrets → one Secrets Manager secret per environment, synced by an ExternalSecret
#   into the `envFrom` Secret of the pods (the seed's `monkeytown-secrets`).

secret "web" {
  description = "Monkeytown web runtime secrets (the seed's monkeytown-secrets)"
  keys        = ["NEW_RELIC_LICENSE_KEY"]

  suppress = {
    CKV2_AWS_57 = "the New Relic license key is issued by New Relic and changed there, then put here by hand"
  }
}

# Seed §2 CI/CD layer: build pipeline (CI) and deployment pipeline (CD) on GitHub Actions, images
# in GHCR (seed §9.2), dev → staging → prod.
pipeline "delivery" {
  repository   = "monkeytown/monkeytown"
  static_sites = [static_site.web]
  registry     = "ghcr"
  test_command = "npm ci && npm test"
  # Health gate after each deploy: 10 checks 30 s apart in dev and staging, 15 in production.
  health_retries = env.profile == "production" ? 15 : 10
  health_delay   = "30s"
  contexts = {
    web = "web"
  }
}
