# The last `}` is at the block's indentation, so the object it closes is the one left open.
service "api" {
  image = "ghcr.io/acme/api:1.0.0"
  env = {  # ERROR E0001
    LOG_LEVEL = "debug"

}
