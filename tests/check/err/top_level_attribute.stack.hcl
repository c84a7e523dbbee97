region = "us-east-1"  # ERROR E0114
