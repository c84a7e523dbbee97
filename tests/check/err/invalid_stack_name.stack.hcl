# The stack name starts every AWS name stackc derives, so it follows the resource name rules.
stack "Shop_Co" {  # ERROR E0106
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
}
