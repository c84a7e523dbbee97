//! queue → SQS with a dead-letter queue and a TLS-only queue policy; topic → SNS with one
//! subscription per queue (the queue's policy lets exactly that topic send to it).

use super::shared::{condition, kms};
use super::{days, num, seconds, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "messaging";

pub fn queue(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let fifo = res.attr("fifo").as_bool() == Some(true);
    let suffix = if fifo { ".fifo" } else { "" };
    let name = l.aws_name(res);
    let key = kms(l);
    let max_receive = num(res.attr("max_receive_count")) as u64;
    let size = match res.attr("max_message_size") {
        Value::Size(s) => (s.bytes() as u64).min(262_144),
        _ => 262_144,
    };

    let mut main = Blk::resource("aws_sqs_queue", &id)
        .comments(l.skips(res))
        .set("name", tf::string(format!("{name}{suffix}")))
        .set_if(fifo, "fifo_queue", true)
        .set_if(fifo, "content_based_deduplication", true)
        .set("visibility_timeout_seconds", seconds(res.attr("visibility_timeout")))
        .set("message_retention_seconds", seconds(res.attr("retention")))
        .set("delay_seconds", seconds(res.attr("delay")))
        .set("receive_wait_time_seconds", seconds(res.attr("receive_wait")))
        .set("max_message_size", size)
        .set("kms_master_key_id", key.clone())
        .set("kms_data_key_reuse_period_seconds", 300);
    if max_receive > 0 {
        l.add(
            FILE,
            Blk::resource("aws_sqs_queue", &format!("{id}_dlq"))
                .comments(l.skips(res))
                .set("name", tf::string(format!("{name}-dlq{suffix}")))
                .set_if(fifo, "fifo_queue", true)
                .set("message_retention_seconds", seconds(res.attr("dead_letter_retention")))
                .set("kms_master_key_id", key)
                .set("kms_data_key_reuse_period_seconds", 300)
                .set("tags", l.tags(res, &format!("{name}-dlq"))),
        );
        main = main.set(
            "redrive_policy",
            tf::call(
                "jsonencode",
                [tf::object([
                    ("deadLetterTargetArn", tf::expr(&format!("aws_sqs_queue.{id}_dlq.arn"))),
                    ("maxReceiveCount", tf::number(max_receive as f64)),
                ])],
            ),
        );
        l.add(
            FILE,
            Blk::resource("aws_sqs_queue_redrive_allow_policy", &format!("{id}_dlq"))
                .set("queue_url", tf::expr(&format!("aws_sqs_queue.{id}_dlq.id")))
                .set(
                    "redrive_allow_policy",
                    tf::call(
                        "jsonencode",
                        [tf::object([
                            ("redrivePermission", tf::string("byQueue")),
                            ("sourceQueueArns", tf::expr(&format!("[aws_sqs_queue.{id}.arn]"))),
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
            .set("resources", tf::expr(&format!("[aws_sqs_queue.{id}.arn]")))
            .block(Blk::new("principals", &[]).set("type", tf::string("*")).set("identifiers", tf::strings(["*"])))
            .block(condition("Bool", "aws:SecureTransport", tf::strings(["false"]))),
    );
    for topic in l.env.of_kind("topic") {
        let delivers =
            topic.blocks("subscription").iter().any(|s| s.attr("queue").as_ref_address() == Some(res.address.as_str()));
        if !delivers {
            continue;
        }
        let tid = tf_id(topic);
        policy = policy.block(
            Blk::new("statement", &[])
                .set("sid", tf::string(format!("From{}", camel(&tid))))
                .set("actions", tf::strings(["sqs:SendMessage"]))
                .set("resources", tf::expr(&format!("[aws_sqs_queue.{id}.arn]")))
                .block(
                    Blk::new("principals", &[])
                        .set("type", tf::string("Service"))
                        .set("identifiers", tf::strings(["sns.amazonaws.com"])),
                )
                .block(condition("ArnEquals", "aws:SourceArn", tf::expr(&format!("[aws_sns_topic.{tid}.arn]")))),
        );
    }
    l.add(FILE, policy);
    l.add(
        FILE,
        Blk::resource("aws_sqs_queue_policy", &id)
            .set("queue_url", tf::expr(&format!("aws_sqs_queue.{id}.id")))
            .set("policy", tf::expr(&format!("data.aws_iam_policy_document.{id}_queue.json"))),
    );
}

pub fn topic(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let fifo = res.attr("fifo").as_bool() == Some(true);
    let name = l.aws_name(res);
    let key = kms(l);
    l.add(
        FILE,
        Blk::resource("aws_sns_topic", &id)
            .comments(l.skips(res))
            .set("name", tf::string(format!("{name}{}", if fifo { ".fifo" } else { "" })))
            .set_if(fifo, "fifo_topic", true)
            .set_if(fifo, "content_based_deduplication", true)
            .set_opt("display_name", res.attr("display_name").as_str().map(tf::string))
            .set("kms_master_key_id", key)
            .set("tags", l.tags(res, &name)),
    );
    for sub in res.blocks("subscription") {
        let Some(queue) = sub.attr("queue").as_ref_address().and_then(|a| l.get(a)) else { continue };
        let qid = tf_id(queue);
        let label = sub.label.clone().unwrap_or_default().replace('-', "_");
        let filter = match sub.attr("filter") {
            Value::Map(m) if !m.is_empty() => {
                let entries: Vec<(String, hcl::Expression)> = m
                    .iter()
                    .map(|(k, v)| (k.clone(), tf::strings(v.as_list().unwrap_or(&[]).iter().map(super::text))))
                    .collect();
                Some(tf::call("jsonencode", [tf::object(entries)]))
            }
            _ => None,
        };
        l.add(
            FILE,
            Blk::resource("aws_sns_topic_subscription", &format!("{id}_{label}"))
                .set("topic_arn", tf::expr(&format!("aws_sns_topic.{id}.arn")))
                .set("protocol", tf::string("sqs"))
                .set("endpoint", tf::expr(&format!("aws_sqs_queue.{qid}.arn")))
                .set("raw_message_delivery", sub.attr("raw").as_bool() == Some(true))
                .set_opt("filter_policy", filter),
        );
    }
    let _ = days;
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
