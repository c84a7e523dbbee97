stack "s" {
  region = "us-east-1"
}

environment "prod" {
  profile = "production"
}

# Too few subnet bits: the finding is at subnet_bits and says the value that works.
network "main" {
  cidr        = "10.0.0.0/24"
  zones       = 3
  subnet_bits = 2  # ERROR E0701
}

# No subnet_bits works: the VPC itself is too small for six /28 subnets.
network "edge" {
  cidr        = "10.1.0.0/27"  # ERROR E0701
  zones       = 3
  subnet_bits = 1
}

# Subnets smaller than /28.
network "tiny" {
  cidr        = "10.2.0.0/24"
  zones       = 2
  subnet_bits = 6  # ERROR E0701
}
