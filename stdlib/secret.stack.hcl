kind "secret" {
  doc    = "A secret in AWS Secrets Manager: a JSON object of keys whose values never appear in the stack source or the generated artifacts; services read it through an ExternalSecret."
  target = "aws"

  attribute "description" {
    type    = string
    default = null
    doc     = "What the secret is for, shown in the Secrets Manager console."
  }
  attribute "keys" {
    type = list(string)
    doc  = "The keys of the secret's JSON object, like [\"STRIPE_API_KEY\"]; a service that lists the secret gets each key as an environment variable of the same name."
  }
  attribute "generate" {
    type    = bool
    default = false
    doc     = "Whether Terraform generates a random value for every key (random_password); otherwise the values are put out of band (console, CLI) and Terraform never overwrites them."
  }
  attribute "length" {
    type    = number
    default = 32
    doc     = "The length in characters of generated values."
  }
  attribute "recovery_window" {
    type    = duration
    default = profile.secret_recovery_window
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
