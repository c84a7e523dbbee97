kind "dns_zone" {
  doc    = "A DNS hosted zone (Amazon Route 53) for a domain, with its records; load balancers, CDNs and service ingresses use it for certificate validation and alias records."
  target = "aws"

  attribute "domain" {
    type        = string
    pattern     = "([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a lowercase domain name like \"example.com\""
    max_length  = 253
    doc         = "The domain the zone is authoritative for, like \"example.com\" or \"dev.example.com\". A new zone answers only once it is delegated: put its name servers (the `name_servers` output) at the registrar, or set `delegate_from` for a sub-domain whose parent zone is in Route 53 in the same account."
  }
  attribute "delegate_from" {
    type        = string
    default     = null
    pattern     = "([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a lowercase domain name like \"example.com\""
    doc         = "The parent domain of a sub-domain zone, like \"example.com\" for \"dev.example.com\": stackc writes the zone's NS record into the parent's public Route 53 zone (looked up by name in the same account), so certificates validate without a manual step. The parent zone must exist before this environment is applied."
  }
  attribute "private" {
    type    = bool
    default = false
    doc     = "Whether the zone is private: resolvable only inside `network` (a Route 53 private hosted zone)."
  }
  attribute "network" {
    type    = ref(network)
    default = null
    doc     = "The network a private zone is attached to (vpc association); unused for a public zone."
  }

  block "record" {
    doc    = "A DNS record with literal values (aws_route53_record). Load balancers and CDNs that name this zone get their alias records without one."
    labels = ["id"]

    attribute "name" {
      type        = string
      default     = ""
      pattern     = "(\\*|[a-z0-9_]([-a-z0-9_]*[a-z0-9])?)?(\\.[a-z0-9_]([-a-z0-9_]*[a-z0-9])?)*"
      pattern_doc = "a name relative to the zone, like \"www\" or \"\" for the apex"
      doc         = "The record name relative to the zone, like \"www\"; empty is the zone apex."
    }
    attribute "type" {
      type = enum("A", "AAAA", "CNAME", "TXT", "MX", "CAA", "NS", "SRV")
      doc  = "The record type."
    }
    attribute "values" {
      type      = list(string)
      min_items = 1
      max_items = 400
      doc       = "The record's values, like [\"10 mail.example.com\"] for MX."
    }
    attribute "ttl" {
      type    = duration
      default = "300s"
      max     = "2147483647s"
      doc     = "How long resolvers cache the record (ttl in seconds)."
    }

    check "cname-not-at-apex" {
      when    = self.type == "CNAME"
      assert  = self.name != "" && length(self.values) == 1
      message = "a CNAME record has exactly one value and cannot be at the zone apex"
      at      = "name"
      doc     = "DNS (RFC 1034), Route 53: no CNAME at the apex; a CNAME has one target."
    }
  }

  check "private-needs-network" {
    when    = self.private
    assert  = self.network != null
    message = "a private zone is attached to a network: set network"
    at      = "private"
    doc     = "Route 53: a private hosted zone is associated with a VPC when it is created."
  }

  output "zone_id" {
    type = string
    doc  = "The Route 53 hosted zone ID (Z…); known after apply."
  }
  output "name_servers" {
    type = list(string)
    doc  = "The four name servers to delegate the domain to; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The hosted zone ARN; known after apply."
  }

  check "delegate-from-parent" {
    when    = self.delegate_from != null
    assert  = endswith(self.domain, ".${self.delegate_from}")
    message = "${self.domain} is not a sub-domain of ${self.delegate_from}"
    at      = "delegate_from"
    doc     = "DNS: a zone is delegated by NS records in its parent zone, whose domain it ends with."
  }

  check "delegate-public" {
    when    = self.delegate_from != null
    assert  = !self.private
    message = "a private zone is resolved inside its network only and is not delegated"
    at      = "delegate_from"
    doc     = "Route 53: private hosted zones are not delegated from public zones."
  }
}
