locals {
  greeting = "%{if env.name == "prod"}hi%{endif}"  # ERROR E0002
}
