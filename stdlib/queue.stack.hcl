kind "queue" {
  doc    = "A message queue (Amazon SQS), encrypted at rest, with a dead-letter queue for messages that keep failing."
  target = "aws"

  attribute "fifo" {
    type    = bool
    default = false
    doc     = "Whether the queue is FIFO (exactly-once, ordered per message group; the AWS name gets a .fifo suffix) instead of standard (at-least-once, best-effort order)."
  }
  attribute "visibility_timeout" {
    type    = duration
    default = "30s"
    max     = "12h"
    doc     = "How long a received message stays hidden from other consumers before it is delivered again (visibility_timeout_seconds, 0s–12h); longer than the slowest handler."
  }
  attribute "retention" {
    type    = duration
    default = "4d"
    min     = "1m"
    max     = "14d"
    doc     = "How long an unconsumed message is kept (message_retention_seconds, 1m–14d)."
  }
  attribute "delay" {
    type    = duration
    default = "0s"
    max     = "15m"
    doc     = "How long every new message is held before it can be received (delay_seconds, 0s–15m)."
  }
  attribute "receive_wait" {
    type    = duration
    default = "20s"
    max     = "20s"
    doc     = "Long-polling wait of a receive call (receive_wait_time_seconds, 0s–20s); 20s cuts empty receives and cost."
  }
  attribute "max_message_size" {
    type    = size
    default = "256Ki"
    min     = "1Ki"
    max     = "256Ki"
    doc     = "The largest message accepted (maximum_message_size, 1Ki–256Ki)."
  }
  attribute "max_receive_count" {
    type    = integer
    default = 5
    min     = 0
    max     = 1000
    doc     = "Receives after which a message moves to the dead-letter queue <name>-dlq (redrive_policy maxReceiveCount, 1–1000); 0 creates no dead-letter queue."
  }
  attribute "dead_letter_retention" {
    type    = duration
    default = "14d"
    min     = "1m"
    max     = "14d"
    doc     = "How long the dead-letter queue keeps messages for inspection and redrive (1m–14d)."
  }

  check "dead-letter-retention" {
    when     = !self.fifo && self.max_receive_count > 0
    assert   = seconds(self.dead_letter_retention) > seconds(self.retention)
    message  = "messages keep their first enqueue time in the dead-letter queue: keep them there longer than retention (${self.retention}), or they expire on arrival"
    at       = "dead_letter_retention"
    severity = "warning"
    doc      = "SQS: for standard queues the expiration of a message is based on its original enqueue timestamp."
  }

  output "url" {
    type = string
    doc  = "The queue URL that SDKs send to and receive from; known after apply."
  }
  output "arn" {
    type = string
    doc  = "The queue ARN; known after apply."
  }
  output "name" {
    type = string
    doc  = "The queue name in AWS; known after apply."
  }
  output "dead_letter_arn" {
    type = string
    doc  = "The dead-letter queue ARN; known after apply."
  }
}
