# Seed: SQS for asynchronous processing, SNS for event-driven pub/sub.

topic "events" {
  subscription "jobs" {
    queue = queue.jobs
  }

  subscription "notifications" {
    queue = queue.notifications
    filter = {
      type = ["user.signed_up", "invoice.paid"]
    }
  }
}

queue "jobs" {
  visibility_timeout = "5m"
  retention          = "4d"
  max_receive_count  = 5
}

queue "notifications" {
  visibility_timeout = "1m"
  max_receive_count  = 3
}
