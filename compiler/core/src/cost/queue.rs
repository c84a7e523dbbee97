//! An SQS queue: requests (`queue_requests_million`, at the FIFO rate for FIFO queues). Its
//! dead-letter queue costs only the requests that reach it, which are counted in the assumption.

use super::Pricer;
use crate::kinds::queue::Queue;

pub(super) fn price(p: &mut Pricer<'_>, q: &Queue<'_>) {
    let key = if q.fifo { "sqs.fifo" } else { "sqs.standard" };
    let requests = p.usage.get("queue_requests_million");
    let queues = if q.max_receive_count > 0 { 2 } else { 1 };
    p.unit("requests", key, requests).assumed("queue_requests_million").bills("aws_sqs_queue", queues);
}
