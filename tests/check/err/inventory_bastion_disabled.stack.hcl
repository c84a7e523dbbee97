# A host reached through a bastion that the environment does not have.
network "main" {
  cidr = "10.0.0.0/16"
}

vm "bastion" {
  subnet  = "public"
  enabled = env.profile == "production"
}

host "lab-1" {
  address = "10.0.3.20"
  bastion = vm.bastion  # ERROR E0305
}
