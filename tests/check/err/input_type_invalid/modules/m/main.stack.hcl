input "port" {
  type    = int  # ERROR E0602
  default = 1
}
