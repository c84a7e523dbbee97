//! What every environment's Terraform has (versions, providers, backend, variables, outputs) and
//! the pieces resources share: the environment's KMS key, the access-log bucket, zone lookup.

use hcl::Expression;

use super::{days, ident, tf_id, Lowerer};
use crate::emit::tf::{self, Blk};
use crate::env::Resource;

/// The provider range the output is written and checked against.
pub const AWS_PROVIDER: &str = "~> 6.0";
/// Write-only attributes and ephemeral resources (used to keep generated secrets out of state) need 1.11.
pub const TERRAFORM_VERSION: &str = ">= 1.11.0";

pub fn root_files(l: &mut Lowerer) {
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

    let state_key = format!("{}/{}/terraform.tfstate", env.stack.name, env.name);
    l.add(
        "backend",
        Blk::new("terraform", &[]).block(
            Blk::new("backend", &["s3"])
                .set("bucket", tf::string(env.stack.state_bucket.clone()))
                .set("key", tf::string(state_key))
                .set("region", tf::string(env.region.clone()))
                .set("dynamodb_table", tf::string(env.stack.lock_table.clone()))
                .set("encrypt", true),
        ),
    );

    l.add("providers", Blk::new("locals", &[]).set("default_tags", default_tags(l)));
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
            .set("type", tf::expr("map(string)"))
            .set("default", tf::object(Vec::<(String, Expression)>::new())),
    );
    let variables: Vec<(String, String)> = l.variables.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (name, doc) in variables {
        l.add(
            "variables",
            Blk::new("variable", &[&name]).set("description", tf::string(doc)).set("type", tf::expr("string")),
        );
    }

    let outputs: Vec<(String, (Expression, String))> = std::mem::take(&mut l.outputs).into_iter().collect();
    for (name, (value, doc)) in outputs {
        l.add("outputs", Blk::new("output", &[&name]).set("description", tf::string(doc)).set("value", value));
    }
}

/// The tags every resource gets: the stack's own, plus stack, environment and managed-by.
fn default_tags(l: &Lowerer) -> Expression {
    let env = l.env;
    let mut tags: Vec<(String, Expression)> = vec![
        ("stack".into(), tf::string(env.stack.name.clone())),
        ("environment".into(), tf::string(env.name.clone())),
        ("managed-by".into(), tf::string("stackc")),
    ];
    for (k, v) in &env.stack.tags {
        if !tags.iter().any(|(t, _)| t == k) {
            tags.push((k.clone(), tf::string(v.clone())));
        }
    }
    tf::object(tags)
}

fn provider(alias: Option<&str>, region: &str) -> Blk {
    Blk::new("provider", &["aws"])
        .set_opt("alias", alias.map(tf::string))
        .set("region", tf::string(region))
        .block(Blk::new("default_tags", &[]).set("tags", tf::expr("merge(var.extra_tags, local.default_tags)")))
}

/// A provider alias for another region (`aws.us_west_2`), declared in providers.tf.
pub fn region_provider(l: &mut Lowerer, region: &str) -> Expression {
    let alias = region.replace('-', "_");
    l.regions.insert(alias.clone(), region.to_owned());
    tf::expr(&format!("aws.{alias}"))
}

/// `data.aws_availability_zones.available.names`: the zones this account can use in the region.
pub fn zones(l: &mut Lowerer) -> &'static str {
    l.once("zones", |l| {
        let names: Vec<String> =
            crate::domain::zone_names(&l.env.region).iter().map(|z| format!("{}{z}", l.env.region)).collect();
        l.add(
            "main",
            Blk::data("aws_availability_zones", "available")
                .set("state", tf::string("available"))
                .block(Blk::new("filter", &[]).set("name", tf::string("zone-name")).set("values", tf::strings(names))),
        );
    });
    "data.aws_availability_zones.available.names"
}

pub fn caller(l: &mut Lowerer) {
    l.once("caller", |l| {
        l.add("main", Blk::data("aws_caller_identity", "current"));
        l.add("main", Blk::data("aws_partition", "current"));
    });
}

/// The environment's customer-managed KMS key (rotated yearly); returns its ARN expression.
pub fn kms(l: &mut Lowerer) -> Expression {
    l.once("kms", |l| {
        caller(l);
        let name = format!("{}-{}", l.stack(), l.env.name);
        let account_root = tf::expr("\"arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root\"");
        let service_statement = |sid: &str, services: Vec<String>| {
            Blk::new("statement", &[])
                .set("sid", tf::string(sid))
                .set("actions", tf::strings(["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]))
                .set("resources", tf::strings(["*"]))
                .block(Blk::new("principals", &[]).set("type", tf::string("Service")).set("identifiers", tf::strings(services)))
        };
        let region = l.env.region.clone();
        l.add(
            "kms",
            Blk::data("aws_iam_policy_document", "kms")
                .comment("checkov:skip=CKV_AWS_109:a key policy's resource is always \"*\" (the key itself); access is limited to the account and named services")
                .comment("checkov:skip=CKV_AWS_111:a key policy's resource is always \"*\" (the key itself); access is limited to the account and named services")
                .comment("checkov:skip=CKV_AWS_356:a key policy's resource is always \"*\" (the key itself); access is limited to the account and named services")
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("AccountAdministration"))
                        .set("actions", tf::strings(["kms:*"]))
                        .set("resources", tf::strings(["*"]))
                        .block(Blk::new("principals", &[]).set("type", tf::string("AWS")).set("identifiers", Expression::Array(vec![account_root]))),
                )
                .block(service_statement(
                    "AwsServices",
                    vec![format!("logs.{region}.amazonaws.com"), "sns.amazonaws.com".into(), "cloudwatch.amazonaws.com".into(), "events.amazonaws.com".into()],
                )),
        );
        l.add(
            "kms",
            Blk::resource("aws_kms_key", "main")
                .set("description", tf::string(format!("stackc: encryption at rest for {name}")))
                .set("enable_key_rotation", true)
                .set("deletion_window_in_days", 30)
                .set("policy", tf::expr("data.aws_iam_policy_document.kms.json"))
                .set("tags", tf::object([("Name", tf::string(name.clone()))])),
        );
        l.add(
            "kms",
            Blk::resource("aws_kms_alias", "main")
                .set("name", tf::string(format!("alias/{name}")))
                .set("target_key_id", tf::expr("aws_kms_key.main.key_id")),
        );
    });
    tf::expr("aws_kms_key.main.arn")
}

/// A CloudWatch log group encrypted with the environment key.
pub fn log_group(l: &mut Lowerer, res: &Resource, id: &str, name: Expression, retention: u64) -> Blk {
    let key = kms(l);
    Blk::resource("aws_cloudwatch_log_group", id)
        .set("name", name)
        .set("retention_in_days", retention)
        .set("kms_key_id", key)
        .set("tags", l.tags(res, &format!("{}-logs", l.aws_name(res))))
}

/// The environment's access-log bucket (S3 server access logs, ALB and CloudFront logs); returns
/// the bucket's Terraform id.
pub fn log_bucket(l: &mut Lowerer) -> &'static str {
    l.once("log-bucket", |l| {
        caller(l);
        let name = tf::expr(&format!(
            "\"{}-{}-logs-${{data.aws_caller_identity.current.account_id}}\"",
            l.stack(),
            l.env.name
        ));
        let skip = |check: &str, reason: &str| format!("checkov:skip={check}:{reason}");
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket", "stackc_logs")
                .comment(skip("CKV_AWS_18", "this is the access-log bucket; logging it into itself would loop"))
                .comment(skip("CKV_AWS_144", "access logs are kept in the environment's region only"))
                .comment(skip("CKV_AWS_145", "ALB and CloudFront log delivery supports only SSE-S3 encryption"))
                .comment(skip("CKV2_AWS_62", "nothing consumes access-log object events"))
                .set("bucket", name)
                .set(
                    "force_destroy",
                    !l.env.profile_fields.get("deletion_protection").and_then(|v| v.as_bool()).unwrap_or(false),
                )
                .set("tags", tf::object([("Name", tf::string(format!("{}-{}-logs", l.stack(), l.env.name)))])),
        );
        super::storage::bucket_controls(l, "logging", "stackc_logs", None, "BucketOwnerPreferred", None);
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket_versioning", "stackc_logs")
                .set("bucket", tf::expr("aws_s3_bucket.stackc_logs.id"))
                .block(Blk::new("versioning_configuration", &[]).set("status", tf::string("Enabled"))),
        );
        let retention = l.env.profile_fields.get("log_retention").map(days).unwrap_or(90).max(1);
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket_lifecycle_configuration", "stackc_logs")
                .set("bucket", tf::expr("aws_s3_bucket.stackc_logs.id"))
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
        l.add(
            "logging",
            Blk::data("aws_iam_policy_document", "stackc_logs")
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("S3ServerAccessLogs"))
                        .set("actions", tf::strings(["s3:PutObject"]))
                        .set("resources", Expression::Array(vec![tf::expr("\"${aws_s3_bucket.stackc_logs.arn}/*\"")]))
                        .block(
                            Blk::new("principals", &[])
                                .set("type", tf::string("Service"))
                                .set("identifiers", tf::strings(["logging.s3.amazonaws.com"])),
                        )
                        .block(condition(
                            "StringEquals",
                            "aws:SourceAccount",
                            tf::expr("[data.aws_caller_identity.current.account_id]"),
                        )),
                )
                .block(
                    Blk::new("statement", &[])
                        .set("sid", tf::string("LoadBalancerAccessLogs"))
                        .set("actions", tf::strings(["s3:PutObject"]))
                        .set(
                            "resources",
                            Expression::Array(vec![tf::expr("\"${aws_s3_bucket.stackc_logs.arn}/alb/*\"")]),
                        )
                        .block(
                            Blk::new("principals", &[])
                                .set("type", tf::string("AWS"))
                                .set("identifiers", tf::expr("[data.aws_elb_service_account.main.arn]")),
                        ),
                )
                .block(deny_insecure_transport("aws_s3_bucket.stackc_logs")),
        );
        l.add("logging", Blk::data("aws_elb_service_account", "main"));
        l.add(
            "logging",
            Blk::resource("aws_s3_bucket_policy", "stackc_logs")
                .set("bucket", tf::expr("aws_s3_bucket.stackc_logs.id"))
                .set("policy", tf::expr("data.aws_iam_policy_document.stackc_logs.json")),
        );
    });
    "stackc_logs"
}

pub fn condition(test: &str, variable: &str, values: Expression) -> Blk {
    Blk::new("condition", &[]).set("test", tf::string(test)).set("variable", tf::string(variable)).set("values", values)
}

/// The statement every bucket policy carries: no access without TLS.
pub fn deny_insecure_transport(bucket: &str) -> Blk {
    Blk::new("statement", &[])
        .set("sid", tf::string("DenyInsecureTransport"))
        .set("effect", tf::string("Deny"))
        .set("actions", tf::strings(["s3:*"]))
        .set("resources", tf::expr(&format!("[{bucket}.arn, \"${{{bucket}.arn}}/*\"]")))
        .block(Blk::new("principals", &[]).set("type", tf::string("*")).set("identifiers", tf::strings(["*"])))
        .block(condition("Bool", "aws:SecureTransport", tf::strings(["false"])))
}

/// An IAM role that an AWS service assumes, with managed policies attached.
pub fn service_role(l: &mut Lowerer, file: &'static str, res: &Resource, id: &str, service: &str, policies: &[&str]) {
    caller(l);
    l.add(
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
    l.add(
        file,
        Blk::resource("aws_iam_role", id)
            .set("name", tf::string(truncate(&name, 64)))
            .set("assume_role_policy", tf::expr(&format!("data.aws_iam_policy_document.{id}_assume.json")))
            .set("tags", l.tags(res, &name)),
    );
    for policy in policies {
        let short = policy.rsplit('/').next().unwrap_or(policy);
        l.add(
            file,
            Blk::resource("aws_iam_role_policy_attachment", &format!("{id}_{}", ident(short).to_lowercase()))
                .set("role", tf::expr(&format!("aws_iam_role.{id}.name")))
                .set(
                    "policy_arn",
                    tf::expr(&format!("\"arn:${{data.aws_partition.current.partition}}:iam::aws:policy/{policy}\"")),
                ),
        );
    }
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

/// A secret in Secrets Manager; generated values come from an ephemeral resource and reach AWS
/// through a write-only attribute, so they are in neither the plan nor the state.
pub fn secret(l: &mut Lowerer, res: &Resource) {
    let id = tf_id(res);
    let key = kms(l);
    let name = format!("{}/{}/{}", l.stack(), l.env.name, res.qualified_name());
    let keys: Vec<String> =
        res.attr("keys").as_list().unwrap_or(&[]).iter().filter_map(|k| k.as_str().map(str::to_owned)).collect();
    l.add(
        "secrets",
        Blk::resource("aws_secretsmanager_secret", &id)
            .comments(l.skips(res))
            .set("name", tf::string(name.clone()))
            .set_opt("description", res.attr("description").as_str().map(tf::string))
            .set("kms_key_id", key)
            .set("recovery_window_in_days", days(res.attr("recovery_window")))
            .set("tags", l.tags(res, &name)),
    );
    if res.attr("generate").as_bool() == Some(true) {
        let length = super::num(res.attr("length"));
        l.add(
            "secrets",
            Blk::new("ephemeral", &["aws_secretsmanager_random_password", &id])
                .set("for_each", tf::call("toset", [tf::strings(&keys)]))
                .set("password_length", tf::number(length))
                .set("exclude_punctuation", true),
        );
        let values = tf::call(
            "jsonencode",
            [tf::object(keys.iter().map(|k| {
                (
                    k.clone(),
                    tf::expr(&format!(
                        "ephemeral.aws_secretsmanager_random_password.{id}[{}].random_password",
                        quote(k)
                    )),
                )
            }))],
        );
        l.add(
            "secrets",
            Blk::resource("aws_secretsmanager_secret_version", &id)
                .set("secret_id", tf::expr(&format!("aws_secretsmanager_secret.{id}.id")))
                .set("secret_string_wo", values)
                .set("secret_string_wo_version", 1),
        );
    }
}

/// A string literal in Terraform syntax.
pub fn quote(s: &str) -> String {
    hcl::format::to_string(&tf::string(s)).unwrap_or_default()
}
