kind "load_balancer" {
  doc    = "An Application Load Balancer (Amazon ALB, layer 7) in the public subnets of a network, terminating TLS with an ACM certificate and redirecting HTTP to HTTPS."
  target = "aws"

  attribute "network" {
    type    = ref(network)
    default = only(network)
    doc     = "The network whose public subnets (private ones when `internal`) hold the load balancer; defaults to the stack's only network."
  }
  attribute "internal" {
    type    = bool
    default = false
    doc     = "Whether the load balancer is internal (reachable only inside the network) instead of internet-facing."
  }
  attribute "domains" {
    type        = list(string)
    default     = []
    pattern     = "(\\*\\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a lowercase host name like \"app.example.com\""
    max_length  = 253
    doc         = "Domain names the HTTPS listener serves, like [\"api.example.com\"]; an ACM certificate covering them is issued and validated through `zone`; empty serves plain HTTP only."
  }
  attribute "zone" {
    type    = ref(dns_zone)
    default = null
    doc     = "The hosted zone that validates the certificate (DNS validation records) and gets alias records for `domains`."
  }
  attribute "cluster" {
    type    = ref(cluster)
    default = null
    doc     = "A cluster whose ingress controller receives the traffic: the default target group sends it to `node_port` on the instances of the cluster's node pools."
  }
  attribute "node_port" {
    type    = port
    default = 30080
    min     = 30000
    max     = 32767
    doc     = "The NodePort (30000–32767) the cluster's ingress controller Service listens on over HTTP; set the controller's values to match."
  }
  attribute "health_check_path" {
    type        = string
    default     = "/healthz"
    pattern     = "/[^ \\t\\r\\n]*"
    pattern_doc = "a path starting with /"
    max_length  = 1024
    doc         = "The HTTP path the target group probes on each node (a 200 means healthy); also probed over HTTPS on the first domain by a Route 53 health check when `zone` is set and no CDN fronts the load balancer (a CDN-fronted load balancer admits only CloudFront)."
  }
  attribute "ssl_policy" {
    type        = string
    default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    pattern     = "ELBSecurityPolicy-[A-Za-z0-9-]+"
    pattern_doc = "an ELB security policy name like \"ELBSecurityPolicy-TLS13-1-2-2021-06\""
    doc         = "The TLS negotiation policy of the HTTPS listener: TLS 1.3 and 1.2 only by default."
  }
  attribute "idle_timeout" {
    type    = duration
    default = "60s"
    min     = "1s"
    max     = "4000s"
    doc     = "How long an idle connection is kept open (idle_timeout, 1s–4000s); raise it for long polling and websockets."
  }
  attribute "deletion_protection" {
    type    = bool
    default = profile.deletion_protection
    doc     = "Whether AWS refuses to delete the load balancer (enable_deletion_protection)."
  }
  attribute "access_logs" {
    type    = bool
    default = profile.access_logs
    doc     = "Whether access logs are written to the stack's log bucket."
  }
  attribute "waf" {
    type    = bool
    default = profile.waf
    doc     = "Whether an AWS WAF web ACL with the AWS managed common, known-bad-inputs and IP-reputation rule groups is attached."
  }

  check "two-zones" {
    assert  = self.network.zones >= 2
    message = "an application load balancer needs subnets in at least two availability zones; its network spans ${self.network.zones}"
    at      = "network"
    doc     = "ELB: \"You must select at least two Availability Zone subnets\" for an Application Load Balancer."
  }

  output "dns_name" {
    type = string
    doc  = "The load balancer's DNS name (…elb.amazonaws.com); known after apply."
  }
  output "zone_id" {
    type = string
    doc  = "The load balancer's canonical hosted zone ID, for alias records; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The load balancer ARN; known after apply."
  }
}
