group "pod_security" {
  doc = "The pod's security context (Kubernetes Pod Security Standards, restricted): privilege escalation is always off and all capabilities are dropped."

  attribute "run_as_non_root" {
    type    = bool
    default = true
    doc     = "Whether the kubelet refuses to start the container as root (securityContext.runAsNonRoot)."
  }
  attribute "run_as_user" {
    type    = number
    default = 10001
    doc     = "The numeric user ID the container runs as (securityContext.runAsUser and fsGroup)."
  }
  attribute "read_only_root_filesystem" {
    type    = bool
    default = true
    doc     = "Whether the container's root filesystem is read-only (securityContext.readOnlyRootFilesystem); `writable_paths` stay writable."
  }
  attribute "writable_paths" {
    type    = list(string)
    default = ["/tmp"]
    doc     = "Directories mounted as writable emptyDir volumes, for caches and temporary files under a read-only root filesystem."
  }
}
