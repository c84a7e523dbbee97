# Quotes and braces inside interpolations, escapes, comments and heredocs do not confuse the search:
# the string left open is the last one.
locals {
  # a comment with a "quote and a {
  // another one with " and ]
  /* and a "block" comment { */
  braces   = "${"}"} and ${ {a = "]"}.a }"
  escaped  = "say \"hi\" \\"
  literal  = "$${not_interpolated}"
  text     = <<-EOT
    a "quoted" line with { and [
    EOT
  broken   = "never closed  # ERROR E0001
}
