//! topic → SNS with one subscription per `subscription` block (the queue's policy lets exactly this
//! topic send to it).

use hcl::Expression;

use super::shared::{kms_for, KeyUse};
use super::tf::{self, Blk, Handle};
use super::{tf_id, Lowerer};
use crate::graph::Resource;
use crate::kinds::topic::{Output, Topic};
use crate::kinds::ViewError;

const FILE: &str = "messaging";

/// The SNS topic of a stack topic.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_sns_topic", tf_id(res))
}

pub fn output(t: &Topic, output: Output) -> Expression {
    let topic = handle(t.resource);
    match output {
        Output::Arn => topic.attr("arn"),
        Output::Name => topic.attr("name"),
    }
}

pub fn lower(l: &mut Lowerer, t: &Topic) -> Result<(), ViewError> {
    let res = t.resource;
    let id = tf_id(res);
    let name = l.aws_name(res);
    // SNS itself encrypts what it delivers to the (encrypted) subscribed queues.
    let use_ = if t.subscription.is_empty() { None } else { Some(KeyUse::SnsDelivery) };
    let key = kms_for(l, None, use_)?.attr("arn");
    let display_name = t.display_name.map(|d| l.text(d)).transpose()?;
    let topic = l.add(
        FILE,
        Blk::of(&handle(res))
            .comments(l.skips(res))
            .set("name", tf::string(format!("{name}{}", if t.fifo { ".fifo" } else { "" })))
            .set_if(t.fifo, "fifo_topic", true)
            .set_if(t.fifo, "content_based_deduplication", true)
            .set_opt("display_name", display_name)
            .set("kms_master_key_id", key)
            .set("tags", l.tags(res, &name)),
    );
    for sub in &t.subscription {
        let queue = l.get(sub.queue)?;
        let label = sub.label.replace('-', "_");
        let filter = if sub.filter.is_empty() {
            None
        } else {
            let mut entries = Vec::new();
            for (k, values) in &sub.filter {
                let values = values.iter().map(|v| l.text(*v)).collect::<Result<Vec<_>, _>>()?;
                entries.push(((*k).to_owned(), tf::list(values)));
            }
            Some(tf::call("jsonencode", [tf::object(entries)]))
        };
        l.add(
            FILE,
            Blk::resource("aws_sns_topic_subscription", &format!("{id}_{label}"))
                .set("topic_arn", topic.attr("arn"))
                .set("protocol", tf::string("sqs"))
                .set("endpoint", super::queue::handle(queue.resource).attr("arn"))
                .set("raw_message_delivery", sub.raw)
                .set_opt("filter_policy", filter),
        );
    }
    Ok(())
}
