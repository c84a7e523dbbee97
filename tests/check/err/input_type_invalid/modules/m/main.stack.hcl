input "port" {
  type    = integer  # ERROR E0602
  default = 1
}
