kind "host_group" {
  doc    = "An Ansible inventory group of hosts and VMs, with group variables and child groups."
  target = "hosts"

  attribute "children" {
    type    = list(ref(host_group))
    default = []
    doc     = "Groups nested in this one (children): their hosts are members of this group too."
  }
  attribute "vars" {
    type    = map(any)
    default = {}
    doc     = "Group variables written into the inventory as they are."
  }
}
