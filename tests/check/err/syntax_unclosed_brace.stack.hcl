# A block whose closing brace is missing: the error points at the brace that is never closed, and the
# next block is still checked.
network "main" {  # ERROR E0001
  cidr = "10.0.0.0/16"

network "edge" {
  cidr = "10.1.0.0/16"
  zone = 2  # ERROR E0108
}
