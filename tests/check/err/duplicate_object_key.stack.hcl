locals {
  tags = {
    team = "a"
    team = "b"  # ERROR E0003
  }
}
