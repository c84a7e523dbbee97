kind "pipeline" {
  doc    = "A delivery pipeline (GitHub Actions workflows): checks on pull requests, image builds, then Terraform and Helm deploys environment after environment in promotion order, each waiting for the previous one and for its environment's approval."
  target = "github"

  attribute "repository" {
    type        = string
    pattern     = "[A-Za-z0-9]([A-Za-z0-9-]{0,37}[A-Za-z0-9])?/[A-Za-z0-9._-]{1,100}"
    pattern_doc = "a GitHub repository as \"owner/name\""
    doc         = "The GitHub repository as owner/name; the AWS deploy role trusts GitHub's OIDC tokens from it (no long-lived AWS keys)."
  }
  attribute "services" {
    type    = list(ref(service))
    default = []
    doc     = "Services whose images the pipeline builds, scans and pushes, and whose Helm releases it deploys."
  }
  attribute "static_sites" {
    type    = list(ref(static_site))
    default = []
    doc     = "Static sites the pipeline builds (with each environment's build_args) and deploys."
  }
  attribute "contexts" {
    type    = map(string)
    default = {}
    doc     = "Docker build context directory per service or site name, like { api = \"services/api\" }; a name not listed builds from ./<name>."
  }
  attribute "registry" {
    type    = enum("ghcr", "ecr")
    default = "ghcr"
    doc     = "Where built images are pushed: GitHub Container Registry, or an ECR repository per image with scan-on-push and a lifecycle policy."
  }
  attribute "branches" {
    type    = list(string)
    default = ["main"]
    doc     = "Branches whose pushes run the delivery workflow (on.push.branches)."
  }
  attribute "paths" {
    type    = list(string)
    default = []
    doc     = "Path filters (on.push.paths): only changes under these globs start a delivery; empty reacts to every change."
  }
  attribute "promotion" {
    type    = list(string)
    default = ["dev", "staging", "prod"]
    doc     = "Environment names in deploy order; each deploys after the previous one succeeded, and one with an `approval` block waits in a GitHub environment for its reviewers."
  }
  attribute "pull_requests" {
    type    = bool
    default = true
    doc     = "Whether pull requests run stackc check (the built-in rules' errors fail it)."
  }
  attribute "test_command" {
    type    = string
    default = null
    doc     = "A shell command run before images are built, like \"make test\"; a failure stops the delivery."
  }
  attribute "scan" {
    type    = bool
    default = true
    doc     = "Whether built images are scanned for known vulnerabilities (Trivy; critical findings fail the build) and, with the stack's own policy findings (stackc policy), uploaded to code scanning as SARIF."
  }
  attribute "directory" {
    type        = string
    default     = "."
    pattern     = "\\.|[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*"
    pattern_doc = "a relative path without `..`, like \"infra/stack\" or \".\""
    doc         = "The stack's directory relative to the repository root; the workflows check and build it there, and deploy the artifacts committed in its `generated` directory (`stackc build`'s default output)."
  }
  attribute "health_retries" {
    type    = integer
    default = 10
    min     = 1
    max     = 100
    doc     = "How many times the health gate after a deploy checks each workload (every Deployment available, every ingress answering) before it fails and rolls back."
  }
  attribute "health_delay" {
    type    = duration
    default = "30s"
    min     = "1s"
    max     = "10m"
    doc     = "The wait between two health checks of the gate."
  }
  attribute "runner" {
    type    = string
    default = "ubuntu-24.04"
    doc     = "The GitHub Actions runner label the jobs run on (runs-on)."
  }

  output "role_arn" {
    type = string
    doc  = "The ARN of the IAM role the workflows assume through GitHub OIDC; known after apply."
  }
}
