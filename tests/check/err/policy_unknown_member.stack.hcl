policy "multi-az" {
  kind    = "database"
  assert  = self.multiaz  # ERROR E0303
  message = "be multi-az"
}
