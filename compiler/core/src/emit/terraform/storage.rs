//! bucket → S3 with public access blocked, owner-enforced objects, encryption, versioning,
//! lifecycle rules, a TLS-only policy (plus CloudFront read access for CDNs in front of it),
//! access logs, CORS and cross-region replication.

use hcl::Expression;

use super::shared::{self, caller, condition, deny_insecure_transport, kms, log_bucket, region_provider};
use super::{days, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;
use crate::value::Value;

const FILE: &str = "storage";

/// Public access block, object ownership and default encryption of a bucket.
pub fn bucket_controls(
    l: &mut Lowerer,
    file: &'static str,
    id: &str,
    key: Option<Expression>,
    ownership: &str,
    provider: Option<&Expression>,
) {
    let bucket = tf::expr(&format!("aws_s3_bucket.{id}.id"));
    let with = |b: Blk| match provider {
        Some(p) => b.set("provider", p.clone()),
        None => b,
    };
    l.add(
        file,
        with(Blk::resource("aws_s3_bucket_public_access_block", id))
            .set("bucket", bucket.clone())
            .set("block_public_acls", true)
            .set("block_public_policy", true)
            .set("ignore_public_acls", true)
            .set("restrict_public_buckets", true),
    );
    let acl_skip = (ownership != "BucketOwnerEnforced")
        .then(|| "checkov:skip=CKV2_AWS_65:CloudFront standard logging writes through bucket ACLs".to_owned());
    l.add(
        file,
        with(Blk::resource("aws_s3_bucket_ownership_controls", id))
            .comments(acl_skip)
            .set("bucket", bucket.clone())
            .block(Blk::new("rule", &[]).set("object_ownership", tf::string(ownership))),
    );
    let default = match &key {
        Some(k) => Blk::new("apply_server_side_encryption_by_default", &[])
            .set("sse_algorithm", tf::string("aws:kms"))
            .set("kms_master_key_id", k.clone()),
        None => Blk::new("apply_server_side_encryption_by_default", &[]).set("sse_algorithm", tf::string("AES256")),
    };
    l.add(
        file,
        with(Blk::resource("aws_s3_bucket_server_side_encryption_configuration", id))
            .set("bucket", bucket)
            .block(Blk::new("rule", &[]).block(default).set_if(key.is_some(), "bucket_key_enabled", true)),
    );
}

pub fn bucket(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    caller(l);
    let name = l.aws_name(res);
    let physical = tf::expr(&format!("\"{name}-${{data.aws_caller_identity.current.account_id}}\""));
    let key = (res.attr("encryption").as_str() == Some("kms")).then(|| kms(l));
    let versioning = res.attr("versioning").as_bool() == Some(true);
    let skips = l.skips(res);

    l.add(
        FILE,
        Blk::resource("aws_s3_bucket", &id)
            .comments(skips.clone())
            .set("bucket", physical)
            .set("force_destroy", res.attr("force_destroy").as_bool() == Some(true))
            .set("tags", l.tags(res, &name)),
    );
    bucket_controls(l, FILE, &id, key.clone(), "BucketOwnerEnforced", None);
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_versioning", &id)
            .set("bucket", tf::expr(&format!("aws_s3_bucket.{id}.id")))
            .block(
                Blk::new("versioning_configuration", &[])
                    .set("status", tf::string(if versioning { "Enabled" } else { "Suspended" })),
            ),
    );
    l.add(FILE, lifecycle(res, &id, versioning));

    // Policy: TLS only, and read access for each distribution that serves this bucket.
    let mut policy = Blk::data("aws_iam_policy_document", &format!("{id}_bucket"))
        .block(deny_insecure_transport(&format!("aws_s3_bucket.{id}")));
    for cdn in l.env.of_kind("cdn") {
        let serves =
            cdn.blocks("origin").iter().any(|o| o.attr("bucket").as_ref_address() == Some(res.address.as_str()));
        if serves {
            let cid = tf_id(cdn);
            policy = policy.block(
                Blk::new("statement", &[])
                    .set("sid", tf::string(format!("CloudFront{}", cid.replace('_', ""))))
                    .set("actions", tf::strings(["s3:GetObject"]))
                    .set("resources", tf::expr(&format!("[\"${{aws_s3_bucket.{id}.arn}}/*\"]")))
                    .block(
                        Blk::new("principals", &[])
                            .set("type", tf::string("Service"))
                            .set("identifiers", tf::strings(["cloudfront.amazonaws.com"])),
                    )
                    .block(condition(
                        "StringEquals",
                        "AWS:SourceArn",
                        tf::expr(&format!("[aws_cloudfront_distribution.{cid}.arn]")),
                    )),
            );
        }
    }
    l.add(FILE, policy);
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_policy", &id)
            .set("bucket", tf::expr(&format!("aws_s3_bucket.{id}.id")))
            .set("policy", tf::expr(&format!("data.aws_iam_policy_document.{id}_bucket.json")))
            .set("depends_on", tf::expr(&format!("[aws_s3_bucket_public_access_block.{id}]"))),
    );

    let origins: Vec<String> = match res.attr("cors_origins") {
        Value::List(items) => items.iter().map(super::text).collect(),
        _ => Vec::new(),
    };
    if !origins.is_empty() {
        l.add(
            FILE,
            Blk::resource("aws_s3_bucket_cors_configuration", &id)
                .set("bucket", tf::expr(&format!("aws_s3_bucket.{id}.id")))
                .block(
                    Blk::new("cors_rule", &[])
                        .set("allowed_methods", tf::strings(["GET", "HEAD", "PUT"]))
                        .set("allowed_origins", tf::strings(&origins))
                        .set("allowed_headers", tf::strings(["*"]))
                        .set("expose_headers", tf::strings(["ETag"]))
                        .set("max_age_seconds", 3000),
                ),
        );
    }
    if res.attr("access_logs").as_bool() == Some(true) {
        let logs = log_bucket(l);
        l.add(
            FILE,
            Blk::resource("aws_s3_bucket_logging", &id)
                .set("bucket", tf::expr(&format!("aws_s3_bucket.{id}.id")))
                .set("target_bucket", tf::expr(&format!("aws_s3_bucket.{logs}.id")))
                .set("target_prefix", tf::string(format!("s3/{name}/"))),
        );
    }
    if let Some(region) = res.attr("replica_region").as_str() {
        replication(l, res, &id, &name, region, key.is_some(), &skips);
    }
}

fn lifecycle(res: &Resource, id: &str, versioning: bool) -> Blk {
    let mut rule = Blk::new("rule", &[])
        .set("id", tf::string("stackc"))
        .set("status", tf::string("Enabled"))
        .block(Blk::new("filter", &[]))
        .block(Blk::new("abort_incomplete_multipart_upload", &[]).set("days_after_initiation", 7));
    for (attr, class) in [("transition_after", "STANDARD_IA"), ("archive_after", "GLACIER_IR")] {
        if !res.attr(attr).is_null() {
            rule = rule.block(
                Blk::new("transition", &[]).set("days", days(res.attr(attr))).set("storage_class", tf::string(class)),
            );
        }
    }
    if !res.attr("expire_after").is_null() {
        rule = rule.block(Blk::new("expiration", &[]).set("days", days(res.attr("expire_after"))));
    }
    if versioning && !res.attr("noncurrent_expire_after").is_null() {
        rule = rule.block(
            Blk::new("noncurrent_version_expiration", &[])
                .set("noncurrent_days", days(res.attr("noncurrent_expire_after"))),
        );
    }
    Blk::resource("aws_s3_bucket_lifecycle_configuration", id)
        .set("bucket", tf::expr(&format!("aws_s3_bucket.{id}.id")))
        .block(rule)
}

/// Cross-region replication into a versioned, encrypted bucket in `region`.
fn replication(
    l: &mut Lowerer,
    res: &Resource,
    id: &str,
    name: &str,
    region: &str,
    source_kms: bool,
    skips: &[String],
) {
    let provider = region_provider(l, region);
    let rid = format!("{id}_replica");
    let replica_name = format!("{name}-{region}");
    l.add(
        FILE,
        Blk::resource("aws_kms_key", &rid)
            .set("provider", provider.clone())
            .set("description", tf::string(format!("stackc: replica of {} in {region}", res.address)))
            .set("enable_key_rotation", true)
            .set("deletion_window_in_days", 30)
            .set("policy", tf::expr("data.aws_iam_policy_document.kms.json"))
            .set("tags", l.tags(res, &replica_name)),
    );
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket", &rid)
            .comments(skips.iter().cloned())
            .set("provider", provider.clone())
            .set("bucket", tf::expr(&format!("\"{replica_name}-${{data.aws_caller_identity.current.account_id}}\"")))
            .set("force_destroy", res.attr("force_destroy").as_bool() == Some(true))
            .set("tags", l.tags(res, &replica_name)),
    );
    bucket_controls(
        l,
        FILE,
        &rid,
        Some(tf::expr(&format!("aws_kms_key.{rid}.arn"))),
        "BucketOwnerEnforced",
        Some(&provider),
    );
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_versioning", &rid)
            .set("provider", provider.clone())
            .set("bucket", tf::expr(&format!("aws_s3_bucket.{rid}.id")))
            .block(Blk::new("versioning_configuration", &[]).set("status", tf::string("Enabled"))),
    );
    l.add(FILE, lifecycle(res, &rid, true).set("provider", provider.clone()));

    shared::service_role(l, FILE, res, &format!("{id}_replication"), "s3.amazonaws.com", &[]);
    let statement = |actions: &[&str], resources: &str| {
        Blk::new("statement", &[]).set("actions", tf::strings(actions)).set("resources", tf::expr(resources))
    };
    let mut policy = Blk::data("aws_iam_policy_document", &format!("{id}_replication"))
        .block(statement(&["s3:GetReplicationConfiguration", "s3:ListBucket"], &format!("[aws_s3_bucket.{id}.arn]")))
        .block(statement(
            &["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            &format!("[\"${{aws_s3_bucket.{id}.arn}}/*\"]"),
        ))
        .block(statement(
            &["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            &format!("[\"${{aws_s3_bucket.{rid}.arn}}/*\"]"),
        ))
        .block(statement(&["kms:Encrypt", "kms:GenerateDataKey"], &format!("[aws_kms_key.{rid}.arn]")));
    if source_kms {
        policy = policy.block(statement(&["kms:Decrypt"], "[aws_kms_key.main.arn]"));
    }
    l.add(FILE, policy);
    l.add(
        FILE,
        Blk::resource("aws_iam_role_policy", &format!("{id}_replication"))
            .set("name", tf::string("replicate"))
            .set("role", tf::expr(&format!("aws_iam_role.{id}_replication.id")))
            .set("policy", tf::expr(&format!("data.aws_iam_policy_document.{id}_replication.json"))),
    );
    let mut rule = Blk::new("rule", &[])
        .set("id", tf::string("everything"))
        .set("status", tf::string("Enabled"))
        .block(Blk::new("filter", &[]))
        .block(Blk::new("delete_marker_replication", &[]).set("status", tf::string("Enabled")))
        .block(
            Blk::new("destination", &[])
                .set("bucket", tf::expr(&format!("aws_s3_bucket.{rid}.arn")))
                .set("storage_class", tf::string("STANDARD"))
                .block(
                    Blk::new("encryption_configuration", &[])
                        .set("replica_kms_key_id", tf::expr(&format!("aws_kms_key.{rid}.arn"))),
                ),
        );
    rule = rule.block(
        Blk::new("source_selection_criteria", &[]).block(
            Blk::new("sse_kms_encrypted_objects", &[])
                .set("status", tf::string(if source_kms { "Enabled" } else { "Disabled" })),
        ),
    );
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_replication_configuration", id)
            .set("role", tf::expr(&format!("aws_iam_role.{id}_replication.arn")))
            .set("bucket", tf::expr(&format!("aws_s3_bucket.{id}.id")))
            .block(rule)
            .set("depends_on", tf::expr(&format!("[aws_s3_bucket_versioning.{id}, aws_s3_bucket_versioning.{rid}]"))),
    );
}
