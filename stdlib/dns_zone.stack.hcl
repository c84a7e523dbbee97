kind "dns_zone" {
  doc    = "A DNS hosted zone (Amazon Route 53) for a domain, with its records; load balancers, CDNs and service ingresses use it for certificate validation and alias records."
  target = "aws"

  attribute "domain" {
    type = string
    doc  = "The domain the zone is authoritative for, like \"example.com\" or \"dev.example.com\"; delegate it by putting the zone's name servers at the registrar or parent zone."
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
      type    = string
      default = ""
      doc     = "The record name relative to the zone, like \"www\"; empty is the zone apex."
    }
    attribute "type" {
      type = enum("A", "AAAA", "CNAME", "TXT", "MX", "CAA", "NS", "SRV")
      doc  = "The record type."
    }
    attribute "values" {
      type = list(string)
      doc  = "The record's values, like [\"10 mail.example.com\"] for MX."
    }
    attribute "ttl" {
      type    = duration
      default = "300s"
      doc     = "How long resolvers cache the record (ttl in seconds)."
    }
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
}
