# Rule 3: depends_on names whole blocks.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
  depends_on = [aws_vpc.main.id, "aws_vpc.main", aws_vpc.main[0], aws_vpc.nope]
}
