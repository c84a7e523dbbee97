kind "cdn" {
  doc    = "A content delivery network distribution (Amazon CloudFront) in front of S3 buckets and load balancers, HTTPS only, with an ACM certificate for its aliases."
  target = "aws"

  attribute "aliases" {
    type        = list(string)
    default     = []
    pattern     = "(\\*\\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]([-a-z0-9]*[a-z0-9])?"
    pattern_doc = "a lowercase host name like \"www.example.com\""
    max_items   = 100
    max_length  = 253
    doc         = "Domain names the distribution answers to, like [\"www.example.com\"]; an ACM certificate in us-east-1 is issued and validated through `zone`; empty uses only the *.cloudfront.net name."
  }
  attribute "zone" {
    type    = ref(dns_zone)
    default = null
    doc     = "The hosted zone that validates the certificate and gets alias records for `aliases`."
  }
  attribute "price_class" {
    type    = enum("PriceClass_100", "PriceClass_200", "PriceClass_All")
    default = "PriceClass_100"
    doc     = "Which edge locations serve the content: North America and Europe (100), most regions (200), or all of them (All, the most expensive)."
  }
  attribute "default_root_object" {
    type        = string
    default     = null
    pattern     = "[A-Za-z0-9_.*$~\"\\x27@:+&-][A-Za-z0-9_.*$/~\"\\x27@:+&-]*"
    pattern_doc = "an object name without a leading /, like \"index.html\""
    max_length  = 255
    doc         = "The object returned for a request to / (default_root_object), like \"index.html\"."
  }
  attribute "spa_fallback" {
    type    = bool
    default = false
    doc     = "Whether 403 and 404 answers become /index.html with status 200, so a single-page app's client-side routes load (custom_error_response). CloudFront applies it to the whole distribution, so it is for distributions of bucket origins only: an API's 404 behind a load balancer origin would turn into the app's page."
  }
  attribute "min_tls" {
    type    = enum("TLSv1.2_2021", "TLSv1.2_2019")
    default = "TLSv1.2_2021"
    doc     = "The oldest TLS protocol and cipher set viewers may use (minimum_protocol_version)."
  }
  attribute "waf" {
    type    = bool
    default = profile.waf
    doc     = "Whether an AWS WAF web ACL (CloudFront scope, in us-east-1) with the AWS managed common and known-bad-inputs rule groups is attached."
  }
  attribute "access_logs" {
    type    = bool
    default = profile.access_logs
    doc     = "Whether standard access logs are written to the stack's log bucket."
  }

  block "origin" {
    doc    = "Where requests are fetched from: set exactly one of `bucket` or `load_balancer`. Exactly one origin keeps the default path \"*\" (the default cache behaviour)."
    labels = ["name"]
    min    = 1

    attribute "bucket" {
      type    = ref(bucket)
      default = null
      doc     = "An S3 bucket origin, read through Origin Access Control; the bucket stays private."
    }
    attribute "load_balancer" {
      type    = ref(load_balancer)
      default = null
      doc     = "A load balancer origin, reached over HTTPS on its first domain."
    }
    attribute "path" {
      type       = string
      default    = "*"
      max_length = 255
      doc        = "The request path pattern routed to this origin (an ordered cache behaviour), like \"/static/*\"; \"*\" is the default behaviour."
    }
    attribute "cache" {
      type    = enum("optimized", "disabled", "origin_headers")
      default = "optimized"
      doc     = "The AWS managed cache policy: CachingOptimized (static assets), CachingDisabled (APIs), or UseOriginCacheControlHeaders."
    }

    check "one-target" {
      assert  = (self.bucket == null) != (self.load_balancer == null)
      message = "origin \"${self.name}\" sets exactly one of bucket and load_balancer"
      at      = "bucket"
      doc     = "CloudFront: each origin has one domain, an S3 bucket or a custom origin."
    }

    check "load-balancer-over-https" {
      when    = self.load_balancer != null
      assert  = length(self.load_balancer.domains) > 0
      message = "origin \"${self.name}\": the load balancer has no domains, so CloudFront would reach it over plain HTTP"
      at      = "load_balancer"
      doc     = "CloudFront connects to a custom origin over HTTPS only when the origin's certificate matches its domain name: give the load balancer `domains` (and a `zone`)."
    }
  }

  check "spa-fallback-buckets-only" {
    when    = self.spa_fallback
    assert  = alltrue([for o in self.origin : o.load_balancer == null])
    message = "spa_fallback rewrites every 403 and 404 of the distribution, including the load balancer origin's"
    at      = "spa_fallback"
    doc     = "CloudFront: custom error responses apply to the whole distribution, not to one origin."
  }

  check "default-behaviour" {
    assert  = length([for o in self.origin : o if o.path == "*"]) == 1
    message = "exactly one origin has path = \"*\": it serves every request no other origin matches"
    at      = "origin"
    doc     = "CloudFront: a distribution has exactly one default cache behaviour."
  }

  output "domain_name" {
    type = string
    doc  = "The distribution's domain name (…cloudfront.net); known after apply."
  }
  output "id" {
    type = string
    doc  = "The distribution ID, used for cache invalidations; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The distribution ARN; known after apply."
  }
}
