# A group that is its own descendant, through another group and directly.
host_group "web" {
  children = [host_group.canary]
}

host_group "canary" {
  children = [host_group.web]  # ERROR E0501
}

host_group "loop" {
  children = [host_group.loop]  # ERROR E0501
}
