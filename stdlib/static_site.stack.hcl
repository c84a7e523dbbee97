kind "static_site" {
  doc     = "A single-page web app: either an nginx image serving the built assets on a cluster (like a service, with stackc's Helm chart), or the built assets uploaded by the pipeline to a bucket behind a CDN. In nginx mode `image` is an unprivileged nginx (user 101) with the built assets, listening on `port`; the workload, container, security and serving attributes apply to it, and in bucket mode they are ignored."
  target  = "kubernetes"
  include = ["workload", "container", "pod_security", "serving"]
  defaults = {
    cluster                     = self.mode == "nginx" ? only(cluster) : null
    image                       = null
    cpu                         = "100m"
    cpu_limit                   = "200m"
    memory                      = "64Mi"
    memory_limit                = "128Mi"
    egress                      = "none"
    run_as_user                 = 101
    writable_paths              = ["/tmp", "/var/cache/nginx", "/var/run"]
    "health.timeout"            = "3s"
    "rollout.progress_deadline" = "5m"
  }

  attribute "mode" {
    type    = enum("nginx", "bucket")
    default = "nginx"
    doc     = "nginx: run `image` on `cluster`; bucket: the pipeline uploads `assets` to `bucket` and invalidates `cdn`, and nothing runs on Kubernetes."
  }
  attribute "bucket" {
    type    = ref(bucket)
    default = null
    doc     = "The bucket the built assets are uploaded to (required in bucket mode)."
  }
  attribute "cdn" {
    type    = ref(cdn)
    default = null
    doc     = "The CDN in front of `bucket`, invalidated after each upload (bucket mode)."
  }
  attribute "assets" {
    type        = string
    default     = "dist"
    pattern     = "[^/][^:]*"
    pattern_doc = "a relative path"
    doc         = "The directory of built assets that the pipeline uploads (bucket mode): a path in the filesystem the build context's Dockerfile produces (exported with docker buildx --output type=local), like \"dist\" or \"usr/share/nginx/html\"."
  }
  attribute "build_args" {
    type            = map(string)
    default         = {}
    key_pattern     = "[A-Za-z_][A-Za-z0-9_]*"
    key_pattern_doc = "a build argument name (letters, digits, `_`, not starting with a digit)"
    doc             = "Build-time variables (docker build --build-arg, or the environment of the asset build), like VITE_* settings that a bundler bakes into the assets; they differ per environment, so each environment gets its own build."
  }

  check "bucket-mode-needs-bucket" {
    when    = self.mode == "bucket"
    assert  = self.bucket != null
    message = "bucket mode uploads the assets to a bucket: set bucket"
    at      = "mode"
    doc     = "static_site: `bucket` is required in bucket mode."
  }

  check "nginx-mode-needs-image" {
    when    = self.mode == "nginx"
    assert  = self.image != null
    message = "nginx mode runs an image: set image"
    at      = "mode"
    doc     = "static_site: `image` is required in nginx mode."
  }

  check "nginx-mode-needs-cluster" {
    when    = self.mode == "nginx"
    assert  = self.cluster != null
    message = "nginx mode runs on a cluster, and the stack has none"
    at      = "mode"
    doc     = "static_site: nginx mode needs a cluster."
  }

  output "url" {
    type = string
    doc  = "The site's URL: the in-cluster URL in nginx mode, the CDN URL in bucket mode; known after deploy."
  }
}
