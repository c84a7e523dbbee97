# One `}` too many after a block.
network "main" {
  cidr = "10.0.0.0/16"
}
}  # ERROR E0001
