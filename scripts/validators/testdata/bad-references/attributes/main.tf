# Rule 2: the attribute after a block's name exists in its type's schema.
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "app" {
  name               = "bad-app"
  assume_role_policy = "{}"
}

resource "aws_db_instance" "main" {
  instance_class              = "db.t4g.micro"
  manage_master_user_password = true
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.nmae
  policy_arn = "arn:aws:iam::${data.aws_caller_identity.current.acount_id}:policy/x"
}

output "fine" {
  # computed-only (arn, unique_id), the id meta attribute, and a computed block: no problem.
  value = [aws_iam_role.app.arn, aws_iam_role.app.unique_id, aws_iam_role.app.id, aws_db_instance.main.master_user_secret[0].secret_arn]
}

output "typo" {
  value = aws_db_instance.main.master_user_secrets[0].secret_arn
}
