//! queue → SQS with a dead-letter queue and a TLS-only queue policy that lets exactly the topics that
//! deliver to it send.

use hcl::Expression;

use super::shared::{condition, kms};
use super::tf::{self, Blk, Handle};
use super::{count, tf_id, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::queue::{Output, Queue};
use crate::kinds::{Topic, View, ViewError};

const FILE: &str = "messaging";

/// The SQS queue of a stack queue.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_sqs_queue", tf_id(res))
}

fn dead_letter(res: &Resource) -> Handle {
    Handle::resource("aws_sqs_queue", format!("{}_dlq", tf_id(res)))
}

pub fn output(q: &Queue, output: Output) -> Expression {
    let queue = handle(q.resource);
    match output {
        Output::Url => queue.attr("url"),
        Output::Arn => queue.attr("arn"),
        Output::Name => queue.attr("name"),
        Output::DeadLetterArn => dead_letter(q.resource).attr("arn"),
    }
}

pub fn lower(l: &mut Lowerer, q: &Queue) -> Result<(), ViewError> {
    let res = q.resource;
    let id = tf_id(res);
    let suffix = if q.fifo { ".fifo" } else { "" };
    let name = l.aws_name(res);
    let key = kms(l)?.attr("arn");
    let max_receive = count(q.max_receive_count);
    let size = u64::try_from(q.max_message_size.bytes()).unwrap_or(u64::MAX).min(262_144);
    let queue = handle(res);

    let mut main = Blk::of(&queue)
        .comments(l.skips(res))
        .set("name", tf::string(format!("{name}{suffix}")))
        .set_if(q.fifo, "fifo_queue", true)
        .set_if(q.fifo, "content_based_deduplication", true)
        .set("visibility_timeout_seconds", q.visibility_timeout.seconds())
        .set("message_retention_seconds", q.retention.seconds())
        .set("delay_seconds", q.delay.seconds())
        .set("receive_wait_time_seconds", q.receive_wait.seconds())
        .set("max_message_size", size)
        .set("kms_master_key_id", key.clone())
        .set("kms_data_key_reuse_period_seconds", 300);
    if max_receive > 0 {
        let dlq = l.add(
            FILE,
            Blk::of(&dead_letter(res))
                .comments(l.skips(res))
                .set("name", tf::string(format!("{}{suffix}", bridge::dead_letter_queue_name(l.env, res))))
                .set_if(q.fifo, "fifo_queue", true)
                .set("message_retention_seconds", q.dead_letter_retention.seconds())
                .set("kms_master_key_id", key)
                .set("kms_data_key_reuse_period_seconds", 300)
                .set("tags", l.tags(res, &format!("{name}-dlq"))),
        );
        main = main.set(
            "redrive_policy",
            tf::call(
                "jsonencode",
                [tf::object([
                    ("deadLetterTargetArn", dlq.attr("arn")),
                    ("maxReceiveCount", tf::number(max_receive as f64)),
                ])],
            ),
        );
        l.add(
            FILE,
            Blk::resource("aws_sqs_queue_redrive_allow_policy", &format!("{id}_dlq"))
                .set("queue_url", dlq.attr("id"))
                .set(
                    "redrive_allow_policy",
                    tf::call(
                        "jsonencode",
                        [tf::object([
                            ("redrivePermission", tf::string("byQueue")),
                            ("sourceQueueArns", tf::list([queue.attr("arn")])),
                        ])],
                    ),
                ),
        );
    }
    l.add(FILE, main.set("tags", l.tags(res, &name)));

    // Statements: TLS only, plus one per topic that delivers here.
    let mut policy = Blk::data("aws_iam_policy_document", &format!("{id}_queue")).block(
        Blk::new("statement", &[])
            .set("sid", tf::string("DenyInsecureTransport"))
            .set("effect", tf::string("Deny"))
            .set("actions", tf::strings(["sqs:*"]))
            .set("resources", tf::list([queue.attr("arn")]))
            .block(Blk::new("principals", &[]).set("type", tf::string("*")).set("identifiers", tf::strings(["*"])))
            .block(condition("Bool", "aws:SecureTransport", tf::strings(["false"]))),
    );
    for topic in l.env.of_kind("topic") {
        let view = Topic::view(topic)?;
        if !view.subscription.iter().any(|s| s.queue.address == res.address) {
            continue;
        }
        policy = policy.block(
            Blk::new("statement", &[])
                .set("sid", tf::string(format!("From{}", camel(&tf_id(topic)))))
                .set("actions", tf::strings(["sqs:SendMessage"]))
                .set("resources", tf::list([queue.attr("arn")]))
                .block(
                    Blk::new("principals", &[])
                        .set("type", tf::string("Service"))
                        .set("identifiers", tf::strings(["sns.amazonaws.com"])),
                )
                .block(condition("ArnEquals", "aws:SourceArn", tf::list([super::topic::handle(topic).attr("arn")]))),
        );
    }
    let policy = l.add(FILE, policy);
    l.add(
        FILE,
        Blk::resource("aws_sqs_queue_policy", &id)
            .set("queue_url", queue.attr("id"))
            .set("policy", policy.attr("json")),
    );
    Ok(())
}

fn camel(id: &str) -> String {
    id.split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}
