# A list closed by the block's `}`: the error points at the `[` and at the `}` met instead of `]`.
network "main" {
  cidr      = "10.0.0.0/16"
  endpoints = ["s3", "dynamodb"  # ERROR E0001
}
