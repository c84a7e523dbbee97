kind "topic" {
  doc    = "A publish/subscribe topic (Amazon SNS), encrypted at rest, fanning messages out to subscribed queues."
  target = "aws"

  attribute "fifo" {
    type    = bool
    default = false
    doc     = "Whether the topic is FIFO (ordered, deduplicated; the AWS name gets a .fifo suffix). A standard topic cannot deliver to a FIFO queue."
  }
  attribute "display_name" {
    type       = string
    default    = null
    max_length = 100
    doc        = "A human-readable name shown in SNS notifications (display_name)."
  }

  block "subscription" {
    doc    = "A queue subscribed to the topic (aws_sns_topic_subscription, protocol sqs) plus the queue policy that lets the topic send to it."
    labels = ["name"]

    attribute "queue" {
      type = ref(queue)
      doc  = "The queue that receives the topic's messages."
    }
    attribute "raw" {
      type    = bool
      default = true
      doc     = "Whether the queue receives the raw message body (raw_message_delivery) instead of the SNS JSON envelope."
    }
    attribute "filter" {
      type    = map(list(string))
      default = {}
      doc     = "A filter on message attributes (filter_policy): only messages whose attribute matches one of the listed values reach the queue; empty receives everything."
    }
  }

  output "arn" {
    type = string
    doc  = "The topic ARN that publishers send to; known after apply."
  }
  output "name" {
    type = string
    doc  = "The topic name in AWS; known after apply."
  }
}
