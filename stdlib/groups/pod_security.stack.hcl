group "pod_security" {
  doc = "The pod's security context (Kubernetes Pod Security Standards, restricted): privilege escalation is always off and all capabilities are dropped."

  attribute "run_as_non_root" {
    type    = bool
    default = true
    doc     = "Whether the kubelet refuses to start the container as root (securityContext.runAsNonRoot)."
  }
  attribute "run_as_user" {
    type    = integer
    default = 10001
    min     = 0
    max     = 2147483647
    doc     = "The numeric user ID the container runs as (securityContext.runAsUser and fsGroup)."
  }
  attribute "read_only_root_filesystem" {
    type    = bool
    default = true
    doc     = "Whether the container's root filesystem is read-only (securityContext.readOnlyRootFilesystem); `writable_paths` stay writable."
  }
  attribute "writable_paths" {
    type        = list(string)
    default     = ["/tmp"]
    pattern     = "/[^:]*"
    pattern_doc = "an absolute path without `:`"
    doc         = "Directories mounted as writable emptyDir volumes, for caches and temporary files under a read-only root filesystem."
  }

  check "non-root-user" {
    when    = self.run_as_non_root
    assert  = self.run_as_user != 0
    message = "run_as_non_root is on, so the container cannot run as user 0"
    at      = "run_as_user"
    doc     = "Kubernetes: the kubelet refuses a container whose runAsUser 0 breaks runAsNonRoot (CreateContainerConfigError)."
  }

  check "distinct-paths" {
    assert  = length(distinct(self.writable_paths)) == length(self.writable_paths)
    message = "writable_paths lists a path twice"
    at      = "writable_paths"
    doc     = "Kubernetes: each volume mount path of a container must be unique."
  }
}
