# What would make an Ansible inventory wrong without Ansible saying so.
stack "lab" {
  region = "us-east-1"
}

environment "staging" {
  profile = "development"
}

network "main" {
  cidr = "10.0.0.0/16"
}

secret "db" {
  keys = ["PASSWORD"]
}

database "main" {
  engine = "postgres"
}

cluster "apps" {
  node_pool "general" {}
}

service "api" {
  image = "ghcr.io/acme/api:1.0.0"
}

host_group "ungrouped" {}  # ERROR E0707

host_group "lab" {
  vars = {  # ERROR E0709
    dns = database.main
  }
}

vm "runner" {}  # ERROR E0707

host "runner" {
  address = "10.0.0.9"
}

host "lab-1" {
  address = "192.168.10.21"
  groups  = [host_group.lab]
  vars = {  # ERROR E0708
    ansible_host = "lab-1.home.arpa"
    db_password  = secret.db
    db_address   = database.main.address
  }
}

host "lab-2" {
  address = "192.168.10.21"  # ERROR E0707
}

host "lab-3" {
  address = "192.168.10.21"
  port    = 2222
  vars = {  # ERROR E0709
    api = service.api.url
  }
}

host "lab-4" {
  address = "192.168.300.1"  # ERROR E0421
}

host "lab-5" {
  address = "fe80::1::2"  # ERROR E0421
}

vm "worker" {
  bastion = vm.runner
  vars = {  # ERROR E0708
    ansible_ssh_common_args = "-o ProxyJump=me@example.com"
  }
}
