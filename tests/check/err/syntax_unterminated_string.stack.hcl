# A string that is not closed on its line: the error points at its opening quote, not at `cidr` or at
# the end of the block, and the next block is still checked.
network "main" {
  cidr = "10.0.0.0/16  # ERROR E0001
}

network "edge" {
  cidr  = "10.1.0.0/16"
  zone  = 2  # ERROR E0108
}
