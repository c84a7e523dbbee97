# Rule 4: ephemeral blocks are checked against aws-provider-ephemeral-schema.json.
ephemeral "aws_secretsmanager_random_password" "db" {
  password_lenght = 32
  random_password = "set by hand"
}

ephemeral "aws_secretsmanager_secret_version" "app" {
  version_stage = "AWSCURRENT"
}

ephemeral "aws_secretsmanager_random_pasword" "typo" {}

resource "aws_ssm_parameter" "db" {
  name             = "/bad/db"
  type             = "SecureString"
  value_wo         = ephemeral.aws_secretsmanager_random_password.db.password
  value_wo_version = 1
}

resource "aws_ssm_parameter" "app" {
  name             = "/bad/app"
  type             = "SecureString"
  value_wo         = ephemeral.aws_secretsmanager_secret_version.app.secret_strng
  value_wo_version = 1
}
