//! bucket → S3 with public access blocked, owner-enforced objects, encryption, versioning, lifecycle
//! rules, a TLS-only policy (plus CloudFront read access for CDNs in front of it), access logs, CORS
//! and cross-region replication.

use hcl::Expression;

use super::shared::{self, caller, condition, deny_insecure_transport, in_region, kms, log_bucket, region_provider};
use super::tf::{self, Blk, Handle, Part};
use super::{tf_id, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::bucket::{Bucket, Encryption, Output};
use crate::kinds::{Cdn, ViewError};

const FILE: &str = "storage";

/// The S3 bucket of a stack bucket.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_s3_bucket", tf_id(res))
}

pub fn output(b: &Bucket, output: Output) -> Expression {
    let bucket = handle(b.resource);
    match output {
        Output::Name => bucket.attr("bucket"),
        Output::Arn => bucket.attr("arn"),
        Output::DomainName => bucket.attr("bucket_regional_domain_name"),
    }
}

/// Public access block, object ownership and default encryption of a bucket.
pub fn controls(
    l: &mut Lowerer,
    file: &'static str,
    bucket: &Handle,
    key: Option<Expression>,
    ownership: &str,
    provider: Option<&Expression>,
) {
    let id = bucket.name.as_str();
    l.add(
        file,
        in_region(Blk::resource("aws_s3_bucket_public_access_block", id), provider)
            .set("bucket", bucket.attr("id"))
            .set("block_public_acls", true)
            .set("block_public_policy", true)
            .set("ignore_public_acls", true)
            .set("restrict_public_buckets", true),
    );
    let acl_skip = (ownership != "BucketOwnerEnforced")
        .then(|| "checkov:skip=CKV2_AWS_65:CloudFront standard logging writes through bucket ACLs".to_owned());
    l.add(
        file,
        in_region(Blk::resource("aws_s3_bucket_ownership_controls", id), provider)
            .comments(acl_skip)
            .set("bucket", bucket.attr("id"))
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
        in_region(Blk::resource("aws_s3_bucket_server_side_encryption_configuration", id), provider)
            .set("bucket", bucket.attr("id"))
            .block(Blk::new("rule", &[]).block(default).set_if(key.is_some(), "bucket_key_enabled", true)),
    );
}

pub fn lower(l: &mut Lowerer, b: &Bucket) -> Result<(), ViewError> {
    let res = b.resource;
    let id = tf_id(res);
    let caller = caller(l)?;
    let name = l.aws_name(res);
    let physical = tf::template(vec![
        Part::Text(format!("{}-", bridge::bucket_name(l.env, res))),
        Part::Expr(caller.account_id()),
    ]);
    let key = match b.encryption {
        Encryption::Kms => Some(kms(l)?.attr("arn")),
        Encryption::S3 => None,
    };
    let skips = l.skips(res);

    let bucket = l.add(
        FILE,
        Blk::of(&handle(res))
            .comments(skips.clone())
            .set("bucket", physical)
            .set("force_destroy", b.force_destroy)
            .set("tags", l.tags(res, &name)),
    );
    controls(l, FILE, &bucket, key.clone(), "BucketOwnerEnforced", None);
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_versioning", &id).set("bucket", bucket.attr("id")).block(
            Blk::new("versioning_configuration", &[])
                .set("status", tf::string(if b.versioning { "Enabled" } else { "Suspended" })),
        ),
    );
    l.add(FILE, lifecycle(b, &bucket, &id, b.versioning));

    // Policy: TLS only, and read access for each distribution that serves this bucket.
    let mut policy =
        Blk::data("aws_iam_policy_document", &format!("{id}_bucket")).block(deny_insecure_transport(&bucket));
    for cdn in l.env.of_kind("cdn") {
        let view: Cdn = crate::kinds::View::view(cdn)?;
        if view.origin.iter().any(|o| o.bucket.is_some_and(|r| r.address == res.address)) {
            let cid = tf_id(cdn);
            policy = policy.block(
                Blk::new("statement", &[])
                    .set("sid", tf::string(format!("CloudFront{}", cid.replace('_', ""))))
                    .set("actions", tf::strings(["s3:GetObject"]))
                    .set("resources", tf::list([objects(&bucket)]))
                    .block(
                        Blk::new("principals", &[])
                            .set("type", tf::string("Service"))
                            .set("identifiers", tf::strings(["cloudfront.amazonaws.com"])),
                    )
                    .block(condition("StringEquals", "AWS:SourceArn", tf::list([super::cdn::handle(cdn).attr("arn")]))),
            );
        }
    }
    let policy = l.add(FILE, policy);
    let access_block = Handle::resource("aws_s3_bucket_public_access_block", id.clone());
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_policy", &id)
            .set("bucket", bucket.attr("id"))
            .set("policy", policy.attr("json"))
            .set("depends_on", tf::list([access_block.expr()])),
    );

    if !b.cors_origins.is_empty() {
        let origins = b.cors_origins.iter().map(|o| l.text(*o)).collect::<Result<Vec<_>, _>>()?;
        l.add(
            FILE,
            Blk::resource("aws_s3_bucket_cors_configuration", &id).set("bucket", bucket.attr("id")).block(
                Blk::new("cors_rule", &[])
                    .set("allowed_methods", tf::strings(["GET", "HEAD", "PUT"]))
                    .set("allowed_origins", tf::list(origins))
                    .set("allowed_headers", tf::strings(["*"]))
                    .set("expose_headers", tf::strings(["ETag"]))
                    .set("max_age_seconds", 3000),
            ),
        );
    }
    if b.access_logs {
        let logs = log_bucket(l)?;
        l.add(
            FILE,
            Blk::resource("aws_s3_bucket_logging", &id)
                .set("bucket", bucket.attr("id"))
                .set("target_bucket", logs.attr("id"))
                .set("target_prefix", tf::string(format!("s3/{name}/"))),
        );
    }
    if let Some(region) = b.replica_region.and_then(|r| r.known()) {
        replication(l, b, &bucket, region, key.is_some(), &skips)?;
    }
    Ok(())
}

fn objects(bucket: &Handle) -> Expression {
    tf::template(vec![Part::Expr(bucket.attr("arn")), Part::Text("/*".into())])
}

fn lifecycle(b: &Bucket, bucket: &Handle, id: &str, versioning: bool) -> Blk {
    let mut rule = Blk::new("rule", &[])
        .set("id", tf::string("stackc"))
        .set("status", tf::string("Enabled"))
        .block(Blk::new("filter", &[]))
        .block(Blk::new("abort_incomplete_multipart_upload", &[]).set("days_after_initiation", 7));
    for (after, class) in [(b.transition_after, "STANDARD_IA"), (b.archive_after, "GLACIER_IR")] {
        if let Some(after) = after {
            rule = rule.block(
                Blk::new("transition", &[]).set("days", after.days_ceil()).set("storage_class", tf::string(class)),
            );
        }
    }
    if let Some(expire) = b.expire_after {
        rule = rule.block(Blk::new("expiration", &[]).set("days", expire.days_ceil()));
    }
    if versioning {
        let days = b.noncurrent_expire_after.days_ceil();
        rule = rule.block(Blk::new("noncurrent_version_expiration", &[]).set("noncurrent_days", days));
    }
    Blk::resource("aws_s3_bucket_lifecycle_configuration", id).set("bucket", bucket.attr("id")).block(rule)
}

/// Cross-region replication into a versioned, encrypted bucket in `region`.
fn replication(
    l: &mut Lowerer,
    b: &Bucket,
    source: &Handle,
    region: &str,
    source_kms: bool,
    skips: &[String],
) -> Result<(), ViewError> {
    let res = b.resource;
    let id = source.name.as_str();
    let caller = caller(l)?;
    let provider = region_provider(l, region);
    let rid = format!("{id}_replica");
    let replica_name = bridge::replica_bucket_name(l.env, res, region);
    let key_policy = shared::account_only_key_policy(l)?;
    let key = l.add(
        FILE,
        Blk::resource("aws_kms_key", &rid)
            .set("provider", provider.clone())
            .set("description", tf::string(format!("stackc: replica of {} in {region}", res.address)))
            .set("enable_key_rotation", true)
            .set("deletion_window_in_days", 30)
            .set("policy", key_policy.attr("json"))
            .set("tags", l.tags(res, &replica_name)),
    );
    let replica = l.add(
        FILE,
        Blk::resource("aws_s3_bucket", &rid)
            .comments(skips.iter().cloned())
            .set("provider", provider.clone())
            .set("bucket", tf::template(vec![Part::Text(format!("{replica_name}-")), Part::Expr(caller.account_id())]))
            .set("force_destroy", b.force_destroy)
            .set("tags", l.tags(res, &replica_name)),
    );
    controls(l, FILE, &replica, Some(key.attr("arn")), "BucketOwnerEnforced", Some(&provider));
    let replica_versioning = l.add(
        FILE,
        Blk::resource("aws_s3_bucket_versioning", &rid)
            .set("provider", provider.clone())
            .set("bucket", replica.attr("id"))
            .block(Blk::new("versioning_configuration", &[]).set("status", tf::string("Enabled"))),
    );
    l.add(FILE, lifecycle(b, &replica, &rid, true).set("provider", provider.clone()));

    let role = shared::service_role(l, FILE, res, &format!("{id}_replication"), "s3.amazonaws.com", &[])?;
    let statement = |actions: &[&str], resources: Expression| {
        Blk::new("statement", &[]).set("actions", tf::strings(actions)).set("resources", resources)
    };
    let mut policy = Blk::data("aws_iam_policy_document", &format!("{id}_replication"))
        .block(statement(&["s3:GetReplicationConfiguration", "s3:ListBucket"], tf::list([source.attr("arn")])))
        .block(statement(
            &["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            tf::list([objects(source)]),
        ))
        .block(statement(
            &["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            tf::list([objects(&replica)]),
        ))
        .block(statement(&["kms:Encrypt", "kms:GenerateDataKey"], tf::list([key.attr("arn")])));
    if source_kms {
        policy = policy.block(statement(&["kms:Decrypt"], tf::list([kms(l)?.attr("arn")])));
    }
    let policy = l.add(FILE, policy);
    l.add(
        FILE,
        Blk::resource("aws_iam_role_policy", &format!("{id}_replication"))
            .set("name", tf::string("replicate"))
            .set("role", role.attr("id"))
            .set("policy", policy.attr("json")),
    );
    let rule = Blk::new("rule", &[])
        .set("id", tf::string("everything"))
        .set("status", tf::string("Enabled"))
        .block(Blk::new("filter", &[]))
        .block(Blk::new("delete_marker_replication", &[]).set("status", tf::string("Enabled")))
        .block(
            Blk::new("destination", &[])
                .set("bucket", replica.attr("arn"))
                .set("storage_class", tf::string("STANDARD"))
                .block(Blk::new("encryption_configuration", &[]).set("replica_kms_key_id", key.attr("arn"))),
        )
        .block(
            Blk::new("source_selection_criteria", &[]).block(
                Blk::new("sse_kms_encrypted_objects", &[])
                    .set("status", tf::string(if source_kms { "Enabled" } else { "Disabled" })),
            ),
        );
    let source_versioning = Handle::resource("aws_s3_bucket_versioning", id);
    l.add(
        FILE,
        Blk::resource("aws_s3_bucket_replication_configuration", id)
            .set("role", role.attr("arn"))
            .set("bucket", source.attr("id"))
            .block(rule)
            .set("depends_on", tf::list([source_versioning.expr(), replica_versioning.expr()])),
    );
    Ok(())
}
