# Rule 3: a block with count or for_each is indexed or splatted before its attributes; one
# without is not.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main[0].id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 4, count.index)
}

resource "aws_sqs_queue" "jobs" {
  for_each = toset(["high", "low"])
  name     = each.key
}

output "subnet" {
  value = aws_subnet.private.id
}

output "queue" {
  value = aws_sqs_queue.jobs.url
}

output "queues" {
  value = aws_sqs_queue.jobs[*].url
}

output "vpc" {
  value = aws_vpc.main[*].id
}

output "fine" {
  value = [aws_subnet.private[*].id, aws_subnet.private[0].arn, aws_sqs_queue.jobs["high"].url, length(aws_subnet.private)]
}
