kind "host_group" {
  doc    = "An Ansible inventory group of hosts and VMs, with group variables and child groups."
  target = "hosts"

  attribute "children" {
    type    = list(ref(host_group))
    default = []
    doc     = "Groups nested in this one (children): their hosts are members of this group too."
  }
  attribute "vars" {
    type            = map(any)
    default         = {}
    deferred        = true
    key_pattern     = "[A-Za-z_][A-Za-z0-9_]*"
    key_pattern_doc = "an Ansible variable name (letters, digits, `_`, not starting with a digit)"
    doc             = "Group variables written into the inventory as they are."
  }
}
