//! What every environment's Terraform has (versions, providers, backend, variables, outputs) and
//! the pieces resources share: the environment's KMS key, the access-log bucket, the zone lookup,
//! the caller identity, IAM roles for AWS services.

use hcl::Expression;

use super::tf::{self, Blk, Handle, Part};
use super::{ident, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::{Profile, ViewError};

/// The oldest hashicorp/aws release with every argument stackc writes, and the schema the tests check
/// the output against (`vendor/aws-provider-schema-<version>.json.gz`): the newest argument,
/// `aws_elasticache_replication_group.auth_token_wo`, arrived in the 6.6x releases, and 6.66.0 is
/// the first version whose full schema was checked. The next major version may rename arguments.
pub const AWS_PROVIDER_MIN: &str = "6.66.0";
pub const AWS_PROVIDER: &str = ">= 6.66.0, < 7.0.0";
/// Write-only attributes and ephemeral resources (used to keep generated secrets out of state) and S3
/// native state locking (`use_lockfile`) need 1.11.
pub const TERRAFORM_VERSION: &str = ">= 1.11.0";

/// `terraform { required_version, required_providers }`.
pub fn versions() -> Blk {
    Blk::new("terraform", &[]).set("required_version", tf::string(TERRAFORM_VERSION)).block(
        Blk::new("required_providers", &[])
            .set("aws", tf::object([("source", tf::string("hashicorp/aws")), ("version", tf::string(AWS_PROVIDER))])),
    )
}

pub fn root_files(l: &mut Lowerer) -> Result<(), ViewError> {
    let env = l.env;
    l.add("versions", versions());

    // The state bucket is created by the bootstrap root, in the stack's region; the lock is a file
    // beside the state (S3 conditional writes), so no DynamoDB table is needed. Objects are encrypted
    // by the bucket's default, its KMS key: `encrypt = true` would ask for SSE-S3 instead.
    l.add(
        "backend",
        Blk::new("terraform", &[]).block(
            Blk::new("backend", &["s3"])
                .set("bucket", tf::string(env.stack.state_bucket.clone()))
                .set("key", tf::string(bridge::state_key(env)))
                .set("region", tf::string(env.stack.region.clone()))
                .set("use_lockfile", true),
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

/// The zones a network may use in the region (`data.aws_availability_zones.available`), pinned by
/// zone ID ([`crate::domain::zone_ids`]: the same physical zones in every account, and never one
/// without current instance families); its `names` attribute lists this account's names for them.
pub fn zones(l: &mut Lowerer) -> Result<Handle, ViewError> {
    let handle = Handle::data("aws_availability_zones", "available");
    l.once("zones", |l| {
        let ids = crate::domain::zone_ids(&l.env.region);
        l.add(
            "main",
            Blk::of(&Handle::data("aws_availability_zones", "available"))
                .set("state", tf::string("available"))
                .block(Blk::new("filter", &[]).set("name", tf::string("zone-id")).set("values", tf::strings(ids))),
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

/// What a KMS key must admit besides the account's own IAM principals (which the account-administration
/// statement delegates to IAM, and through which RDS, SQS, S3, Secrets Manager, EKS and EBS use it on
/// the caller's behalf). Each use adds exactly the statement AWS documents for it, with the conditions
/// that bind it to this account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyUse {
    /// Encrypts CloudWatch log groups in the key's region (`logs.<region>.amazonaws.com`, bound to
    /// this account's log groups by the encryption context).
    Logs,
    /// SNS delivers to SQS queues encrypted with the key (`sns.amazonaws.com`, bound to this
    /// environment's topics).
    SnsDelivery,
    /// EKS managed node groups launch instances whose root volumes use the key: the EC2 Auto Scaling
    /// service-linked role must use it and create grants for EBS.
    AutoScaling,
    /// CloudFront origin access control reads objects of buckets encrypted with the key
    /// (`cloudfront.amazonaws.com`, bound to this account's distributions).
    CloudFrontOrigins,
}

/// The environment's customer-managed KMS key in its region (rotated yearly), for uses through IAM.
pub fn kms(l: &mut Lowerer) -> Result<Handle, ViewError> {
    kms_for(l, None, None)
}

/// The environment's KMS key in `region` (the environment's own when `None`), admitting `use_`. KMS
/// keys are regional, so a resource in another region (a us-east-1 log group of a CloudFront web
/// ACL) gets a key of its own there. The key and its policy are written once every resource is
/// lowered ([`keys`]), with a statement per use.
pub fn kms_for(l: &mut Lowerer, region: Option<&str>, use_: Option<KeyUse>) -> Result<Handle, ViewError> {
    caller(l)?;
    let region = region.filter(|r| *r != l.env.region).map(str::to_owned);
    let uses = l.keys.entry(region.clone()).or_default();
    uses.extend(use_);
    Ok(match region {
        None => Handle::resource("aws_kms_key", "main"),
        Some(r) => Handle::resource("aws_kms_key", ident(&r)),
    })
}

/// The ARN of the EC2 Auto Scaling service-linked role, which launches the nodes of EKS managed node
/// groups. It must exist before a key policy can name it: the bootstrap root creates it.
pub fn autoscaling_role_arn(caller: &Caller) -> Expression {
    tf::template(vec![
        Part::Text("arn:".into()),
        Part::Expr(caller.partition.attr("partition")),
        Part::Text(":iam::".into()),
        Part::Expr(caller.account_id()),
        Part::Text(format!(":role/{AUTOSCALING_ROLE_PATH}")),
    ])
}

/// The path and name of the EC2 Auto Scaling service-linked role.
pub const AUTOSCALING_ROLE_PATH: &str = "aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

/// An ARN pattern in this account: `arn:<partition>:<service>:<region>:<account>:<resource>`.
pub fn account_arn(caller: &Caller, service: &str, region: &str, resource: &str) -> Expression {
    tf::template(vec![
        Part::Text("arn:".into()),
        Part::Expr(caller.partition.attr("partition")),
        Part::Text(format!(":{service}:{region}:")),
        Part::Expr(caller.account_id()),
        Part::Text(format!(":{resource}")),
    ])
}

/// Writes every KMS key the environment asked for, each with the statements of its uses.
pub fn keys(l: &mut Lowerer) -> Result<(), ViewError> {
    let keys = std::mem::take(&mut l.keys);
    if keys.is_empty() {
        return Ok(());
    }
    let caller = caller(l)?;
    let prefix = bridge::environment_prefix(l.env);
    for (region, uses) in keys {
        let (id, key_region, provider) = match &region {
            None => ("main".to_owned(), l.env.region.clone(), None),
            Some(r) => (ident(r), r.clone(), Some(region_provider(l, r))),
        };
        let mut policy =
            Blk::data("aws_iam_policy_document", &if id == "main" { "kms".to_owned() } else { format!("kms_{id}") })
                .comments(key_policy_skips())
                .block(account_administration(&caller));
        for use_ in uses {
            policy = match use_ {
                KeyUse::Logs => policy.block(
                    service_use(
                        "CloudWatchLogs",
                        &format!("logs.{key_region}.amazonaws.com"),
                        &["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                    )
                    .block(condition(
                        "ArnLike",
                        "kms:EncryptionContext:aws:logs:arn",
                        tf::list([account_arn(&caller, "logs", &key_region, "log-group:*")]),
                    )),
                ),
                KeyUse::SnsDelivery => policy.block(
                    service_use(
                        "SnsDeliveryToEncryptedQueues",
                        "sns.amazonaws.com",
                        &["kms:GenerateDataKey*", "kms:Decrypt"],
                    )
                    .block(condition("StringEquals", "aws:SourceAccount", tf::list([caller.account_id()])))
                    .block(condition(
                        "ArnLike",
                        "aws:SourceArn",
                        tf::list([account_arn(&caller, "sns", &key_region, &format!("{prefix}-*"))]),
                    )),
                ),
                KeyUse::AutoScaling => policy
                    .block(
                        Blk::new("statement", &[])
                            .set("sid", tf::string("AutoScalingLaunchesEncryptedVolumes"))
                            .set(
                                "actions",
                                tf::strings([
                                    "kms:Encrypt",
                                    "kms:Decrypt",
                                    "kms:ReEncrypt*",
                                    "kms:GenerateDataKey*",
                                    "kms:DescribeKey",
                                ]),
                            )
                            .set("resources", tf::strings(["*"]))
                            .block(principal("AWS", tf::list([autoscaling_role_arn(&caller)]))),
                    )
                    .block(
                        Blk::new("statement", &[])
                            .set("sid", tf::string("AutoScalingGrantsForEbs"))
                            .set("actions", tf::strings(["kms:CreateGrant"]))
                            .set("resources", tf::strings(["*"]))
                            .block(principal("AWS", tf::list([autoscaling_role_arn(&caller)])))
                            .block(condition("Bool", "kms:GrantIsForAWSResource", tf::strings(["true"]))),
                    ),
                KeyUse::CloudFrontOrigins => policy.block(
                    service_use("CloudFrontOriginAccessControl", "cloudfront.amazonaws.com", &["kms:Decrypt"]).block(
                        condition(
                            "ArnLike",
                            "aws:SourceArn",
                            tf::list([account_arn(&caller, "cloudfront", "", "distribution/*")]),
                        ),
                    ),
                ),
            };
        }
        let policy = l.add("kms", policy);
        let key = l.add(
            "kms",
            in_region(Blk::resource("aws_kms_key", &id), provider.as_ref())
                .set("description", tf::string(format!("stackc: encryption at rest for {prefix} in {key_region}")))
                .set("enable_key_rotation", true)
                .set("deletion_window_in_days", 30)
                .set("policy", policy.attr("json"))
                .set("tags", tf::object([(bridge::tags::NAME, tf::string(prefix.clone()))])),
        );
        l.add(
            "kms",
            in_region(Blk::resource("aws_kms_alias", &id), provider.as_ref())
                .set("name", tf::string(format!("alias/{prefix}")))
                .set("target_key_id", key.attr("key_id")),
        );
    }
    Ok(())
}

/// A key policy's resource is always `*`, which checkov's IAM checks cannot tell from an identity
/// policy's.
fn key_policy_skips() -> Vec<String> {
    let reason =
        "a key policy's resource is always \"*\" (the key itself); access is limited to the account and named services";
    ["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"].iter().map(|c| format!("checkov:skip={c}:{reason}")).collect()
}

/// The statement every key policy starts with: the account administers the key and delegates its use
/// to IAM policies.
fn account_administration(caller: &Caller) -> Blk {
    Blk::new("statement", &[])
        .set("sid", tf::string("AccountAdministration"))
        .set("actions", tf::strings(["kms:*"]))
        .set("resources", tf::strings(["*"]))
        .block(principal("AWS", tf::list([caller.account_root()])))
}

fn service_use(sid: &str, service: &str, actions: &[&str]) -> Blk {
    Blk::new("statement", &[])
        .set("sid", tf::string(sid))
        .set("actions", tf::strings(actions))
        .set("resources", tf::strings(["*"]))
        .block(principal("Service", tf::strings([service])))
}

pub fn principal(ty: &str, identifiers: Expression) -> Blk {
    Blk::new("principals", &[]).set("type", tf::string(ty)).set("identifiers", identifiers)
}

/// A key policy that only the account administers (a replica key in another region, used by the S3
/// replication role through IAM).
pub fn account_only_key_policy(l: &mut Lowerer) -> Result<Handle, ViewError> {
    let caller = caller(l)?;
    let handle = Handle::data("aws_iam_policy_document", "kms_account_only");
    let block = Blk::of(&handle).comments(key_policy_skips()).block(account_administration(&caller));
    l.once("kms-account-only", |l| {
        l.add("kms", block);
        Ok(())
    })?;
    Ok(handle)
}

/// A CloudWatch log group in `region` (the environment's own when `None`, else through `provider`),
/// encrypted with the environment's key in that region.
pub fn log_group(
    l: &mut Lowerer,
    res: &Resource,
    id: &str,
    name: Expression,
    retention: u64,
    region: Option<(&str, &Expression)>,
) -> Result<Blk, ViewError> {
    let key = kms_for(l, region.map(|(r, _)| r), Some(KeyUse::Logs))?;
    Ok(in_region(Blk::resource("aws_cloudwatch_log_group", id), region.map(|(_, p)| p))
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
        // ALBs write under `alb/<name>/AWSLogs/<account>/`.
        let alb_logs = tf::template(vec![
            Part::Expr(bucket.attr("arn")),
            Part::Text("/alb/*/AWSLogs/".into()),
            Part::Expr(caller.account_id()),
            Part::Text("/*".into()),
        ]);
        let log_prefix = format!("{}-*", bridge::environment_prefix(l.env));
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
                        .block(condition("StringEquals", "aws:SourceAccount", tf::list([caller.account_id()])))
                        .block(condition(
                            "ArnLike",
                            "aws:SourceArn",
                            tf::list([tf::template(vec![
                                Part::Text("arn:".into()),
                                Part::Expr(caller.partition.attr("partition")),
                                Part::Text(format!(":s3:::{log_prefix}")),
                            ])]),
                        )),
                )
                .block(
                    // Regions opened before August 2022 deliver as the regional ELB account, newer
                    // ones as the log delivery service; both may write only this account's ALB logs.
                    Blk::new("statement", &[])
                        .set("sid", tf::string("LoadBalancerAccessLogs"))
                        .set("actions", tf::strings(["s3:PutObject"]))
                        .set("resources", tf::list([alb_logs.clone()]))
                        .block(principal("AWS", tf::list([elb_account.attr("arn")]))),
                )
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("LoadBalancerLogDelivery"))
                        .set("actions", tf::strings(["s3:PutObject"]))
                        .set("resources", tf::list([alb_logs]))
                        .block(principal("Service", tf::strings(["logdelivery.elasticloadbalancing.amazonaws.com"]))),
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

/// What a log delivery must wait for before it is switched on: the log bucket's policy (ELB writes a
/// test object when access logs are enabled) and its ownership controls (CloudFront standard logging
/// writes with ACLs, which new buckets refuse until ownership is `BucketOwnerPreferred`).
pub fn log_bucket_ready() -> Vec<Expression> {
    vec![
        Handle::resource("aws_s3_bucket_ownership_controls", "stackc_logs").expr(),
        Handle::resource("aws_s3_bucket_policy", "stackc_logs").expr(),
    ]
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
    // Services that send the caller's account when assuming a role are bound to this account, so no
    // other account's flow logs, monitoring or replication can use the role (confused deputy).
    let bound = SOURCE_ACCOUNT_SERVICES.contains(&service);
    let assume = l.add(
        file,
        Blk::data("aws_iam_policy_document", &format!("{id}_assume")).block(
            Blk::new("statement", &[])
                .set("actions", tf::strings(["sts:AssumeRole"]))
                .block(principal("Service", tf::strings([service])))
                .block_if(bound, || condition("StringEquals", "aws:SourceAccount", tf::list([caller.account_id()]))),
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

/// Services whose role assumption carries `aws:SourceAccount` (VPC Flow Logs, RDS Enhanced
/// Monitoring, S3 replication document it); EC2 and EKS do not, so their trust has no condition.
const SOURCE_ACCOUNT_SERVICES: &[&str] =
    &["vpc-flow-logs.amazonaws.com", "monitoring.rds.amazonaws.com", "s3.amazonaws.com"];

/// The Terraform name of the attachment of a managed policy to a [`service_role`].
pub fn policy_attachment(role_id: &str, policy: &str) -> String {
    let short = policy.rsplit('/').next().unwrap_or(policy);
    format!("{role_id}_{}", ident(short).to_lowercase())
}

pub(crate) use crate::emit::truncate;

/// Adds `provider = <alias>` when a block lives in another region.
pub fn in_region(block: Blk, provider: Option<&Expression>) -> Blk {
    match provider {
        Some(p) => block.set("provider", p.clone()),
        None => block,
    }
}
