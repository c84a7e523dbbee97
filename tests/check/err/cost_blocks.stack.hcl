# `budget` and `usage` blocks: literals only, known keys, percentages up to 100, once each.
stack "s" {
  region = "us-east-1"
}

environment "dev" {
  profile = "development"
  budget "x" {  # ERROR E0102
    monthly = "800"  # ERROR E0401
  }
  budget {  # ERROR E0103
    monthly = 100
  }
  usage {
    nat_data_gb           = -5  # ERROR E0401
    spot_discount_percent = 101  # ERROR E0401
    nat_dat_gb            = 3  # ERROR E0108
  }
  usage {  # ERROR E0103
    lb_lcu = 2
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}
