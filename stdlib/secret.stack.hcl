kind "secret" {
  doc    = "A secret in AWS Secrets Manager: a JSON object of keys whose values never appear in the stack source or the generated artifacts; services read it through an ExternalSecret."
  target = "aws"

  attribute "description" {
    type       = string
    default    = null
    max_length = 2048
    doc        = "What the secret is for, shown in the Secrets Manager console."
  }
  attribute "keys" {
    type        = list(string)
    min_items   = 1
    pattern     = "[-._a-zA-Z0-9]+"
    pattern_doc = "a Secret key (letters, digits, `-`, `_`, `.`)"
    max_length  = 253
    doc         = "The keys of the secret's JSON object, like [\"STRIPE_API_KEY\"]; a service that lists the secret gets each key as an environment variable of the same name."
  }
  attribute "generate" {
    type    = bool
    default = false
    doc     = "Whether Terraform generates a random value for every key (random_password); otherwise the values are put out of band (console, CLI) and Terraform never overwrites them."
  }
  attribute "length" {
    type    = integer
    default = 32
    min     = 1
    max     = 4096
    doc     = "The length in characters of generated values (1–4096, GetRandomPassword)."
  }
  attribute "recovery_window" {
    type    = duration
    default = profile.secret_recovery_window
    min     = "7d"
    max     = "30d"
    doc     = "How long a deleted secret can still be restored (recovery_window_in_days, 7d–30d)."
  }

  output "arn" {
    type = string
    doc  = "The secret ARN; known after apply."
  }
  output "name" {
    type = string
    doc  = "The secret's name in Secrets Manager (<stack>/<environment>/<name>); known after apply."
  }
}
