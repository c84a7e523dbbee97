profile "perf" {
  extends = "prodution"  # ERROR E0112
}
