bucket "a" {
  suppress = { CKV_AWS_144 = "" }  # ERROR E0418
}

bucket "b" {
  suppress = { not-a-check = "because" }  # ERROR E0418
}

bucket "c" {
  suppress = ["CKV_AWS_144"]  # ERROR E0418
}
