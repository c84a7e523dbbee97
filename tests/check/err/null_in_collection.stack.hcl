# A list or map holds values: an element written as null is an error (an optional attribute itself
# may be null). Found by the property test: `vars = { role = null }` reached the emitter.
network "main" {
  cidr = "10.0.0.0/16"
}

vm "bastion" {
  instance = "t3.micro"
  vars = {  # ERROR E0401
    role = null
  }
  ssh_cidrs = ["10.0.0.0/8", null]  # ERROR E0401
}
