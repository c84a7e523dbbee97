//! What every environment's Terraform has (versions, providers, backend, variables, outputs) and
//! the pieces resources share: the environment's KMS key, the access-log bucket, the zone lookup,
//! the caller identity, IAM roles for AWS services.

use hcl::Expression;

use super::tf::{self, Blk, Handle, Part};
use super::{ident, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::{Profile, ViewError};

/// The provider range the output is written and checked against.
pub const AWS_PROVIDER: &str = "~> 6.0";
/// Write-only attributes and ephemeral resources (used to keep generated secrets out of state) need 1.11.
pub const TERRAFORM_VERSION: &str = ">= 1.11.0";

pub fn root_files(l: &mut Lowerer) -> Result<(), ViewError> {
    let env = l.env;
    l.add(
        "versions",
        Blk::new("terraform", &[]).set("required_version", tf::string(TERRAFORM_VERSION)).block(
            Blk::new("required_providers", &[]).set(
                "aws",
                tf::object([("source", tf::string("hashicorp/aws")), ("version", tf::string(AWS_PROVIDER))]),
            ),
        ),
    );

    l.add(
        "backend",
        Blk::new("terraform", &[]).block(
            Blk::new("backend", &["s3"])
                .set("bucket", tf::string(env.stack.state_bucket.clone()))
                .set("key", tf::string(bridge::state_key(env)))
                .set("region", tf::string(env.region.clone()))
                .set("dynamodb_table", tf::string(env.stack.lock_table.clone()))
                .set("encrypt", true),
        ),
    );

    let default_tags = bridge::tags::defaults(env).into_iter().map(|(k, v)| (k, tf::string(v)));
    l.add("providers", Blk::new("locals", &[]).set("default_tags", tf::object(default_tags)));
    l.add("providers", provider(None, &env.region));
    let regions: Vec<(String, String)> = l.regions.iter().map(|(a, r)| (a.clone(), r.clone())).collect();
    for (alias, region) in regions {
        l.add("providers", provider(Some(&alias), &region));
    }

    l.add(
        "variables",
        Blk::new("variable", &["extra_tags"])
            .set(
                "description",
                tf::string(
                    "Tags added to every resource, like a deploy's commit (`git-sha`); stack tags win on conflicts.",
                ),
            )
            .set("type", tf::call("map", [tf::name("string")]))
            .set("default", tf::object(Vec::<(String, Expression)>::new())),
    );
    let variables: Vec<(String, String)> = l.variables.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (name, doc) in variables {
        l.add(
            "variables",
            Blk::new("variable", &[&name]).set("description", tf::string(doc)).set("type", tf::name("string")),
        );
    }

    let outputs: Vec<(String, (Expression, String))> = std::mem::take(&mut l.outputs).into_iter().collect();
    for (name, (value, doc)) in outputs {
        l.add("outputs", Blk::new("output", &[&name]).set("description", tf::string(doc)).set("value", value));
    }
    Ok(())
}

fn provider(alias: Option<&str>, region: &str) -> Blk {
    Blk::new("provider", &["aws"]).set_opt("alias", alias.map(tf::string)).set("region", tf::string(region)).block(
        Blk::new("default_tags", &[])
            .set("tags", tf::call("merge", [tf::var("extra_tags"), tf::local("default_tags")])),
    )
}

/// A provider alias for another region (`aws.us_west_2`), declared in providers.tf.
pub fn region_provider(l: &mut Lowerer, region: &str) -> Expression {
    let alias = region.replace('-', "_");
    l.regions.insert(alias.clone(), region.to_owned());
    tf::provider(&alias)
}

/// The zones this account can use in the region (`data.aws_availability_zones.available`), pinned by
/// name; its `names` attribute lists them.
pub fn zones(l: &mut Lowerer) -> Result<Handle, ViewError> {
    let handle = Handle::data("aws_availability_zones", "available");
    l.once("zones", |l| {
        let names: Vec<String> =
            crate::domain::zone_names(&l.env.region).iter().map(|z| format!("{}{z}", l.env.region)).collect();
        l.add(
            "main",
            Blk::of(&Handle::data("aws_availability_zones", "available"))
                .set("state", tf::string("available"))
                .block(Blk::new("filter", &[]).set("name", tf::string("zone-name")).set("values", tf::strings(names))),
        );
        Ok(())
    })?;
    Ok(handle)
}

/// The account and partition Terraform runs in.
pub struct Caller {
    pub identity: Handle,
    pub partition: Handle,
}

impl Caller {
    pub fn account_id(&self) -> Expression {
        self.identity.attr("account_id")
    }

    /// `arn:<partition>:iam::<account>:root`.
    pub fn account_root(&self) -> Expression {
        tf::template(vec![
            Part::Text("arn:".into()),
            Part::Expr(self.partition.attr("partition")),
            Part::Text(":iam::".into()),
            Part::Expr(self.account_id()),
            Part::Text(":root".into()),
        ])
    }

    /// The ARN of an AWS managed IAM policy: `arn:<partition>:iam::aws:policy/<name>`.
    pub fn managed_policy(&self, name: &str) -> Expression {
        tf::template(vec![
            Part::Text("arn:".into()),
            Part::Expr(self.partition.attr("partition")),
            Part::Text(format!(":iam::aws:policy/{name}")),
        ])
    }
}

pub fn caller(l: &mut Lowerer) -> Result<Caller, ViewError> {
    let caller = Caller {
        identity: Handle::data("aws_caller_identity", "current"),
        partition: Handle::data("aws_partition", "current"),
    };
    let (identity, partition) = (caller.identity.clone(), caller.partition.clone());
    l.once("caller", move |l| {
        l.add("main", Blk::of(&identity));
        l.add("main", Blk::of(&partition));
        Ok(())
    })?;
    Ok(caller)
}

/// The environment's customer-managed KMS key (rotated yearly).
pub fn kms(l: &mut Lowerer) -> Result<Handle, ViewError> {
    let key = Handle::resource("aws_kms_key", "main");
    let caller = caller(l)?;
    l.once("kms", |l| {
        let name = bridge::environment_prefix(l.env);
        let service_statement = |sid: &str, services: Vec<String>| {
            Blk::new("statement", &[])
                .set("sid", tf::string(sid))
                .set(
                    "actions",
                    tf::strings(["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]),
                )
                .set("resources", tf::strings(["*"]))
                .block(
                    Blk::new("principals", &[])
                        .set("type", tf::string("Service"))
                        .set("identifiers", tf::strings(services)),
                )
        };
        let region = l.env.region.clone();
        let reason = "a key policy's resource is always \"*\" (the key itself); access is limited to the account and named services";
        let policy = l.add(
            "kms",
            Blk::of(&Handle::data("aws_iam_policy_document", "kms"))
                .comment(format!("checkov:skip=CKV_AWS_109:{reason}"))
                .comment(format!("checkov:skip=CKV_AWS_111:{reason}"))
                .comment(format!("checkov:skip=CKV_AWS_356:{reason}"))
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("AccountAdministration"))
                        .set("actions", tf::strings(["kms:*"]))
                        .set("resources", tf::strings(["*"]))
                        .block(
                            Blk::new("principals", &[])
                                .set("type", tf::string("AWS"))
                                .set("identifiers", tf::list([caller.account_root()])),
                        ),
                )
                .block(service_statement(
                    "AwsServices",
                    vec![
                        format!("logs.{region}.amazonaws.com"),
                        "sns.amazonaws.com".into(),
                        "cloudwatch.amazonaws.com".into(),
                        "events.amazonaws.com".into(),
                    ],
                )),
        );
        let key = l.add(
            "kms",
            Blk::of(&Handle::resource("aws_kms_key", "main"))
                .set("description", tf::string(format!("stackc: encryption at rest for {name}")))
                .set("enable_key_rotation", true)
                .set("deletion_window_in_days", 30)
                .set("policy", policy.attr("json"))
                .set("tags", tf::object([(bridge::tags::NAME, tf::string(name.clone()))])),
        );
        l.add(
            "kms",
            Blk::of(&Handle::resource("aws_kms_alias", "main"))
                .set("name", tf::string(format!("alias/{name}")))
                .set("target_key_id", key.attr("key_id")),
        );
        Ok(())
    })?;
    Ok(key)
}

/// The key policy document of the environment key, which replica keys in other regions reuse.
pub fn kms_policy() -> Handle {
    Handle::data("aws_iam_policy_document", "kms")
}

/// A CloudWatch log group encrypted with the environment key.
pub fn log_group(
    l: &mut Lowerer,
    res: &Resource,
    id: &str,
    name: Expression,
    retention: u64,
) -> Result<Blk, ViewError> {
    let key = kms(l)?;
    Ok(Blk::resource("aws_cloudwatch_log_group", id)
        .set("name", name)
        .set("retention_in_days", retention)
        .set("kms_key_id", key.attr("arn"))
        .set("tags", l.tags(res, &format!("{}-logs", l.aws_name(res)))))
}

/// The environment's access-log bucket (S3 server access logs, ALB and CloudFront logs).
pub fn log_bucket(l: &mut Lowerer) -> Result<Handle, ViewError> {
    let bucket = Handle::resource("aws_s3_bucket", "stackc_logs");
    let caller = caller(l)?;
    l.once("log-bucket", |l| {
        let profile = Profile::view(l.env)?;
        let logs = bridge::log_bucket_name(l.env);
        let name = tf::template(vec![Part::Text(format!("{logs}-")), Part::Expr(caller.account_id())]);
        let skip = |check: &str, reason: &str| format!("checkov:skip={check}:{reason}");
        let bucket = l.add(
            "logging",
            Blk::resource("aws_s3_bucket", "stackc_logs")
                .comment(skip("CKV_AWS_18", "this is the access-log bucket; logging it into itself would loop"))
                .comment(skip("CKV_AWS_144", "access logs are kept in the environment's region only"))
                .comment(skip("CKV_AWS_145", "ALB and CloudFront log delivery supports only SSE-S3 encryption"))
                .comment(skip("CKV2_AWS_62", "nothing consumes access-log object events"))
                .set("bucket", name)
                .set("force_destroy", !profile.deletion_protection)
                .set("tags", tf::object([(bridge::tags::NAME, tf::string(logs.clone()))])),
        );
        super::bucket::controls(l, "logging", &bucket, None, "BucketOwnerPreferred", None);
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket_versioning", "stackc_logs")
                .set("bucket", bucket.attr("id"))
                .block(Blk::new("versioning_configuration", &[]).set("status", tf::string("Enabled"))),
        );
        let retention = profile.log_retention.days_ceil().max(1);
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket_lifecycle_configuration", "stackc_logs")
                .set("bucket", bucket.attr("id"))
                .block(
                    Blk::new("rule", &[])
                        .set("id", tf::string("expire-access-logs"))
                        .set("status", tf::string("Enabled"))
                        .block(Blk::new("filter", &[]))
                        .block(Blk::new("expiration", &[]).set("days", retention))
                        .block(Blk::new("noncurrent_version_expiration", &[]).set("noncurrent_days", 7))
                        .block(Blk::new("abort_incomplete_multipart_upload", &[]).set("days_after_initiation", 7)),
                ),
        );
        let elb_account = Handle::data("aws_elb_service_account", "main");
        let objects = |suffix: &str| tf::template(vec![Part::Expr(bucket.attr("arn")), Part::Text(suffix.into())]);
        let policy = l.add(
            "logging",
            Blk::data("aws_iam_policy_document", "stackc_logs")
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("S3ServerAccessLogs"))
                        .set("actions", tf::strings(["s3:PutObject"]))
                        .set("resources", tf::list([objects("/*")]))
                        .block(
                            Blk::new("principals", &[])
                                .set("type", tf::string("Service"))
                                .set("identifiers", tf::strings(["logging.s3.amazonaws.com"])),
                        )
                        .block(condition("StringEquals", "aws:SourceAccount", tf::list([caller.account_id()]))),
                )
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("LoadBalancerAccessLogs"))
                        .set("actions", tf::strings(["s3:PutObject"]))
                        .set("resources", tf::list([objects("/alb/*")]))
                        .block(
                            Blk::new("principals", &[])
                                .set("type", tf::string("AWS"))
                                .set("identifiers", tf::list([elb_account.attr("arn")])),
                        ),
                )
                .block(deny_insecure_transport(&bucket)),
        );
        l.add("logging", Blk::of(&elb_account));
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket_policy", "stackc_logs")
                .set("bucket", bucket.attr("id"))
                .set("policy", policy.attr("json")),
        );
        Ok(())
    })?;
    Ok(bucket)
}

pub fn condition(test: &str, variable: &str, values: Expression) -> Blk {
    Blk::new("condition", &[]).set("test", tf::string(test)).set("variable", tf::string(variable)).set("values", values)
}

/// The statement every bucket policy carries: no access without TLS.
pub fn deny_insecure_transport(bucket: &Handle) -> Blk {
    let objects = tf::template(vec![Part::Expr(bucket.attr("arn")), Part::Text("/*".into())]);
    Blk::new("statement", &[])
        .set("sid", tf::string("DenyInsecureTransport"))
        .set("effect", tf::string("Deny"))
        .set("actions", tf::strings(["s3:*"]))
        .set("resources", tf::list([bucket.attr("arn"), objects]))
        .block(Blk::new("principals", &[]).set("type", tf::string("*")).set("identifiers", tf::strings(["*"])))
        .block(condition("Bool", "aws:SecureTransport", tf::strings(["false"])))
}

/// An IAM role that an AWS service assumes, with managed policies attached; returns the role.
pub fn service_role(
    l: &mut Lowerer,
    file: &'static str,
    res: &Resource,
    id: &str,
    service: &str,
    policies: &[&str],
) -> Result<Handle, ViewError> {
    let caller = caller(l)?;
    let assume = l.add(
        file,
        Blk::data("aws_iam_policy_document", &format!("{id}_assume")).block(
            Blk::new("statement", &[]).set("actions", tf::strings(["sts:AssumeRole"])).block(
                Blk::new("principals", &[])
                    .set("type", tf::string("Service"))
                    .set("identifiers", tf::strings([service])),
            ),
        ),
    );
    let name = format!("{}-{}", l.aws_name(res), id.rsplit('_').next().unwrap_or(id));
    let role = l.add(
        file,
        Blk::resource("aws_iam_role", id)
            .set("name", tf::string(truncate(&name, 64)))
            .set("assume_role_policy", assume.attr("json"))
            .set("tags", l.tags(res, &name)),
    );
    for policy in policies {
        l.add(
            file,
            Blk::resource("aws_iam_role_policy_attachment", &policy_attachment(id, policy))
                .set("role", role.attr("name"))
                .set("policy_arn", caller.managed_policy(policy)),
        );
    }
    Ok(role)
}

/// The Terraform name of the attachment of a managed policy to a [`service_role`].
pub fn policy_attachment(role_id: &str, policy: &str) -> String {
    let short = policy.rsplit('/').next().unwrap_or(policy);
    format!("{role_id}_{}", ident(short).to_lowercase())
}

/// A name cut to an AWS length limit, keeping it unique with a short stable hash of the whole.
pub fn truncate(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let hash = name.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    let suffix = format!("-{:06x}", hash & 0xff_ffff);
    let keep = name[..max - suffix.len()].trim_end_matches('-');
    format!("{keep}{suffix}")
}

/// Adds `provider = <alias>` when a block lives in another region.
pub fn in_region(block: Blk, provider: Option<&Expression>) -> Blk {
    match provider {
        Some(p) => block.set("provider", p.clone()),
        None => block,
    }
}
