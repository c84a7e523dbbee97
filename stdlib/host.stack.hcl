kind "host" {
  doc    = "A machine stackc does not create, managed with Ansible: an entry of the environment's inventory with its groups and host variables."
  target = "hosts"

  attribute "address" {
    type        = string
    pattern     = "([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]+|([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?\\.)*[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)"
    pattern_doc = "an IP address or a host name"
    max_length  = 253
    doc         = "The IP address or DNS name Ansible connects to (ansible_host)."
  }
  attribute "user" {
    type    = string
    default = null
    doc     = "The SSH user (ansible_user); unset uses Ansible's default."
  }
  attribute "port" {
    type    = port
    default = 22
    doc     = "The SSH port (ansible_port)."
  }
  attribute "groups" {
    type    = list(ref(host_group))
    default = []
    doc     = "Inventory groups the host belongs to, for playbooks' hosts: patterns and group variables."
  }
  attribute "bastion" {
    type    = ref(vm)
    default = null
    doc     = "A jump host Ansible reaches this host through (ProxyJump in ansible_ssh_common_args), for hosts without a public address."
  }
  attribute "python" {
    type        = string
    default     = "/usr/bin/python3"
    pattern     = "/[^ \\t\\r\\n]+"
    pattern_doc = "an absolute path"
    doc         = "The Python interpreter on the host that Ansible modules run with (ansible_python_interpreter)."
  }
  attribute "vars" {
    type            = map(any)
    default         = {}
    deferred        = true
    key_pattern     = "[A-Za-z_][A-Za-z0-9_]*"
    key_pattern_doc = "an Ansible variable name (letters, digits, `_`, not starting with a digit)"
    doc             = "Host variables written into the inventory as they are (strings, numbers, lists, objects)."
  }
}
