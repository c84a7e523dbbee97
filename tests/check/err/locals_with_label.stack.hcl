locals "x" {  # ERROR E0102
  a = 1
}
