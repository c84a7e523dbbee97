policy "backups" {
  kind    = "databases"  # ERROR E0116
  assert  = true
  message = "back up"
}
