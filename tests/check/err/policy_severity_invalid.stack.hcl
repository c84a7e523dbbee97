policy "p" {
  assert   = true
  message  = "m"
  severity = "fatal"  # ERROR E0409
}
