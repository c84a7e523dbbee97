# Every setting a built-in rule reports, turned the wrong way, so the checkov parity harness
# (compiler/cli/tests/policy_parity.rs) sees each checkov check a rule claims fail at least once.
# Rules at error severity are suppressed (a stack with errors does not build); their claims are
# still measured, as checkov's skipped checks.

stack "wrong" {
  region = "us-east-1"
  state {
    bucket = "wrong-tfstate"
  }
  tags = {
    owner = "fixture"
  }
}

environment "dev" {
  profile = "development"
}

environment "prod" {
  profile = "production"
  approval {
    reviewers = 1
  }
  budget {
    monthly = 100000
  }
}

network "main" {
  cidr = "10.1.0.0/16"
}

cluster "main" {
  secrets_encryption = false
  suppress = {
    SC107 = "fixture: exercises the rule's checkov claims"
  }
  node_pool "general" {
    ingress = true
  }
}

database "legacy" {
  engine     = "mysql"
  version    = "8.0"
  instance   = "db.t4g.micro"
  storage    = "20Gi"
  parameters = { require_secure_transport = "0" }
  suppress = {
    SC106 = "fixture: exercises the rule's checkov claims"
  }
}

dns_zone "public" {
  domain = "wrong.example.com"
}

# No domain: no certificate, plain HTTP.
load_balancer "plain" {
  cluster = cluster.main
}

load_balancer "old-tls" {
  domains    = ["old.wrong.example.com"]
  zone       = dns_zone.public
  ssl_policy = "ELBSecurityPolicy-2016-08"
  cluster    = cluster.main
}

# No aliases: CloudFront's default certificate.
cdn "edge" {
  origin "app" {
    load_balancer = load_balancer.old-tls
  }
}

vm "jump" {
  subnet           = "public"
  assign_public_ip = true
  ssh_cidrs        = ["0.0.0.0/0"]
  user_data        = "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIAQYLPMN5HFIQR7XYA\n"
  suppress = {
    SC404 = "fixture: exercises the rule's checkov claims"
    SC110 = "fixture: exercises the rule's checkov claims"
  }
}

service "root" {
  image                     = "ghcr.io/acme/root"
  port                      = 8080
  namespace                 = "default"
  run_as_non_root           = false
  run_as_user               = 0
  read_only_root_filesystem = false
  health {}
  ingress {
    host = "root.wrong.example.com"
    annotations = {
      "nginx.ingress.kubernetes.io/configuration-snippet" = "alias /etc/; lua_need_request_body on;"
    }
  }
  suppress = {
    SC131 = "fixture: exercises the rule's checkov claims"
    SC136 = "fixture: exercises the rule's checkov claims"
  }
}

addon "ingress-nginx" {
  chart      = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  version    = "4.11.3"
  namespace  = "ingress-nginx"
}

pipeline "delivery" {
  repository   = "acme/wrong"
  services     = [service.root]
  promotion    = ["dev", "prod"]
  test_command = "echo $${{ github.head_ref }}\ncurl -H \"token: $secret\" https://example.com\nnc 10.0.0.1 4444"
  suppress = {
    SC301 = "fixture: exercises the rule's checkov claims"
  }
}
