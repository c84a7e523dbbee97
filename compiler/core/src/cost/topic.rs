//! An SNS topic: publishes (`topic_publishes_million`). Deliveries to SQS queues are free; other
//! protocols' deliveries are not priced.

use super::Pricer;
use crate::kinds::topic::Topic;

pub(super) fn price(p: &mut Pricer<'_>, _t: &Topic<'_>) {
    let publishes = p.usage.get("topic_publishes_million");
    p.unit("publishes", "sns.publish", publishes).assumed("topic_publishes_million").bills("aws_sns_topic", 1);
}
