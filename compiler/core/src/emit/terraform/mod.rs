//! Lowering to Terraform for AWS: one directory per environment.
//!
//! Each stdlib kind that lives in AWS has a lowering function (one module per concern, which is also
//! the `.tf` file its blocks land in). Shared pieces (the environment's KMS key, the log bucket, the
//! availability-zone lookup, extra provider regions) are emitted once, when the first resource asks
//! for them. Every value a stack resource exposes as an output has one Terraform expression
//! ([`Lowerer::output`]); resources of other targets that read such a value get a Terraform output.

mod cluster;
mod compute;
mod data;
mod dns;
mod edge;
mod messaging;
mod network;
mod shared;
mod storage;

use std::collections::{BTreeMap, BTreeSet};

use hcl::Expression;

use super::tf::{self, Blk, Part, TopBlock};
use super::Artifact;
use crate::env::{EnvGraph, Resource};
use crate::schema::Target;
use crate::value::{format_number, Deferred, DeferredPart, Value};

/// The Terraform files for one environment, as `(file name, contents)`.
pub fn lower(env: &EnvGraph) -> Vec<Artifact> {
    let mut l = Lowerer::new(env);
    for res in env.resources() {
        l.lower_resource(res);
    }
    l.consumed_outputs();
    l.finish()
}

/// What the `.tf` files of one environment are being built from, and what they hold so far.
pub(crate) struct Lowerer<'a> {
    pub env: &'a EnvGraph,
    files: BTreeMap<&'static str, Vec<TopBlock>>,
    /// Terraform outputs by name: value, description, sensitive.
    outputs: BTreeMap<String, (Expression, String)>,
    /// Values other targets provide, read through Terraform variables.
    variables: BTreeMap<String, String>,
    /// Shared pieces already emitted.
    emitted: BTreeSet<String>,
    /// Provider aliases for other regions: alias → region.
    regions: BTreeMap<String, String>,
}

impl<'a> Lowerer<'a> {
    fn new(env: &'a EnvGraph) -> Lowerer<'a> {
        Lowerer {
            env,
            files: BTreeMap::new(),
            outputs: BTreeMap::new(),
            variables: BTreeMap::new(),
            emitted: BTreeSet::new(),
            regions: BTreeMap::new(),
        }
    }

    fn lower_resource(&mut self, res: &Resource) {
        match res.kind.name.as_str() {
            "network" => network::lower(self, res),
            "cluster" => cluster::lower(self, res),
            "database" => data::database(self, res),
            "cache" => data::cache(self, res),
            "queue" => messaging::queue(self, res),
            "topic" => messaging::topic(self, res),
            "bucket" => storage::bucket(self, res),
            "cdn" => edge::cdn(self, res),
            "load_balancer" => edge::load_balancer(self, res),
            "dns_zone" => dns::zone(self, res),
            "secret" => shared::secret(self, res),
            "vm" => compute::vm(self, res),
            _ => {}
        }
    }

    pub fn add(&mut self, file: &'static str, block: Blk) {
        self.files.entry(file).or_default().push(block.build());
    }

    /// Runs `emit` the first time `key` is asked for.
    pub fn once(&mut self, key: &str, emit: impl FnOnce(&mut Lowerer<'a>)) {
        if self.emitted.insert(key.to_owned()) {
            emit(self);
        }
    }

    pub fn stack(&self) -> &str {
        &self.env.stack.name
    }

    /// The physical AWS name of a resource: `<stack>-<environment>-<name>`.
    pub fn aws_name(&self, res: &Resource) -> String {
        format!("{}-{}-{}", self.stack(), self.env.name, res.qualified_name())
    }

    pub fn get(&self, address: &str) -> Option<&'a Resource> {
        self.env.get(address)
    }

    /// The resource an attribute references.
    pub fn referenced(&self, res: &Resource, attr: &str) -> Option<&'a Resource> {
        res.attr(attr).as_ref_address().and_then(|a| self.env.get(a))
    }

    /// Tags of a block lowered from `res`: a readable Name and the stack address as component.
    pub fn tags(&self, res: &Resource, name: &str) -> Expression {
        tf::object([("Name", tf::string(name)), ("component", tf::string(res.address.clone()))])
    }

    /// The `checkov:skip` comments a resource's `suppress` map asks for.
    pub fn skips(&self, res: &Resource) -> Vec<String> {
        res.suppress.iter().map(|(check, reason)| format!("checkov:skip={check}:{reason}")).collect()
    }

    /// A stack value as a Terraform expression.
    pub fn value(&mut self, v: &Value) -> Expression {
        match v {
            Value::Null => Expression::Null,
            Value::Bool(b) => Expression::Bool(*b),
            Value::Number(n) => tf::number(*n),
            Value::String(s) => tf::string(s.clone()),
            Value::List(items) => Expression::Array(items.iter().map(|i| self.value(i)).collect()),
            Value::Map(map) => tf::object(map.iter().map(|(k, v)| (k.clone(), self.value(v))).collect::<Vec<_>>()),
            Value::Deferred(d) => self.deferred(d),
            Value::Ref(address) => tf::string(address.clone()),
            Value::Port(p) => tf::number(p.get()),
            other => tf::string(other.to_string()),
        }
    }

    pub fn deferred(&mut self, d: &Deferred) -> Expression {
        let parts = d
            .parts
            .iter()
            .map(|p| match p {
                DeferredPart::Literal(s) => Part::Text(s.clone()),
                DeferredPart::Output { resource, output } => Part::Expr(self.output_or_variable(resource, output)),
            })
            .collect();
        tf::template(parts)
    }

    fn output_or_variable(&mut self, address: &str, output: &str) -> Expression {
        if let Some(e) = self.get(address).and_then(|r| self.output(r, output)) {
            return e;
        }
        let name = format!("{}_{}", ident(address), output);
        self.variables.insert(name.clone(), format!("`{address}.{output}`, known after another target deploys it"));
        tf::reference("var", &[&name])
    }

    /// The Terraform expression of a stack output, for kinds lowered here.
    pub fn output(&self, res: &Resource, output: &str) -> Option<Expression> {
        let id = tf_id(res);
        let e = match (res.kind.name.as_str(), output) {
            ("network", "vpc_id") => format!("aws_vpc.{id}.id"),
            ("network", "private_subnet_ids") => format!("aws_subnet.{id}_private[*].id"),
            ("network", "public_subnet_ids") => format!("aws_subnet.{id}_public[*].id"),
            ("cluster", "name") => format!("aws_eks_cluster.{id}.name"),
            ("cluster", "endpoint") => format!("aws_eks_cluster.{id}.endpoint"),
            ("cluster", "oidc_issuer") => format!("aws_eks_cluster.{id}.identity[0].oidc[0].issuer"),
            ("cluster", "arn") => format!("aws_eks_cluster.{id}.arn"),
            ("cluster", "security_group_id") => format!("aws_eks_cluster.{id}.vpc_config[0].cluster_security_group_id"),
            ("database", "endpoint") => format!("aws_db_instance.{id}.endpoint"),
            ("database", "address") => format!("aws_db_instance.{id}.address"),
            ("database", "reader_endpoint") => {
                if res.attr("read_replicas").as_number().unwrap_or(0.0) >= 1.0 {
                    format!("aws_db_instance.{id}_replica[0].address")
                } else {
                    format!("aws_db_instance.{id}.address")
                }
            }
            ("database", "url") => {
                let scheme = if res.attr("engine").as_str() == Some("mysql") { "mysql" } else { "postgres" };
                format!("\"{scheme}://${{aws_db_instance.{id}.endpoint}}/${{aws_db_instance.{id}.db_name}}\"")
            }
            ("database", "secret_arn") => format!("aws_db_instance.{id}.master_user_secret[0].secret_arn"),
            ("database", "arn") => format!("aws_db_instance.{id}.arn"),
            ("cache", "endpoint") => {
                format!("\"${{aws_elasticache_replication_group.{id}.primary_endpoint_address}}:${{aws_elasticache_replication_group.{id}.port}}\"")
            }
            ("cache", "address") => format!("aws_elasticache_replication_group.{id}.primary_endpoint_address"),
            ("cache", "reader_endpoint") => format!("aws_elasticache_replication_group.{id}.reader_endpoint_address"),
            ("cache", "url") => format!(
                "\"rediss://${{aws_elasticache_replication_group.{id}.primary_endpoint_address}}:${{aws_elasticache_replication_group.{id}.port}}\""
            ),
            ("cache", "arn") => format!("aws_elasticache_replication_group.{id}.arn"),
            ("queue", "url") => format!("aws_sqs_queue.{id}.url"),
            ("queue", "arn") => format!("aws_sqs_queue.{id}.arn"),
            ("queue", "name") => format!("aws_sqs_queue.{id}.name"),
            ("queue", "dead_letter_arn") => format!("aws_sqs_queue.{id}_dlq.arn"),
            ("topic", "arn") => format!("aws_sns_topic.{id}.arn"),
            ("topic", "name") => format!("aws_sns_topic.{id}.name"),
            ("bucket", "name") => format!("aws_s3_bucket.{id}.bucket"),
            ("bucket", "arn") => format!("aws_s3_bucket.{id}.arn"),
            ("bucket", "domain_name") => format!("aws_s3_bucket.{id}.bucket_regional_domain_name"),
            ("cdn", "domain_name") => format!("aws_cloudfront_distribution.{id}.domain_name"),
            ("cdn", "id") => format!("aws_cloudfront_distribution.{id}.id"),
            ("cdn", "arn") => format!("aws_cloudfront_distribution.{id}.arn"),
            ("load_balancer", "dns_name") => format!("aws_lb.{id}.dns_name"),
            ("load_balancer", "zone_id") => format!("aws_lb.{id}.zone_id"),
            ("load_balancer", "arn") => format!("aws_lb.{id}.arn"),
            ("dns_zone", "zone_id") => format!("aws_route53_zone.{id}.zone_id"),
            ("dns_zone", "name_servers") => format!("aws_route53_zone.{id}.name_servers"),
            ("dns_zone", "arn") => format!("aws_route53_zone.{id}.arn"),
            ("secret", "arn") => format!("aws_secretsmanager_secret.{id}.arn"),
            ("secret", "name") => format!("aws_secretsmanager_secret.{id}.name"),
            ("vm", "instance_id") => format!("aws_instance.{id}.id"),
            ("vm", "private_ip") => format!("aws_instance.{id}.private_ip"),
            ("vm", "public_ip") => format!("aws_instance.{id}.public_ip"),
            ("vm", "arn") => format!("aws_instance.{id}.arn"),
            _ => return None,
        };
        Some(tf::expr(&e))
    }

    /// Terraform outputs for every AWS value that a resource of another target reads, named
    /// `<resource>_<output>` (`database_orders_url`).
    fn consumed_outputs(&mut self) {
        let mut wanted = BTreeSet::new();
        for res in self.env.resources() {
            if res.kind.target == Target::Aws {
                continue;
            }
            for v in res.attrs.values() {
                collect_outputs(v, &mut wanted);
            }
            for blocks in res.blocks.values() {
                for b in blocks {
                    for v in b.attrs.values() {
                        collect_outputs(v, &mut wanted);
                    }
                }
            }
        }
        for (address, output) in wanted {
            let Some(res) = self.get(&address) else { continue };
            let Some(value) = self.output(res, &output) else { continue };
            let doc = res.kind.outputs.get(&output).map(|o| o.doc.clone()).unwrap_or_default();
            self.outputs
                .insert(format!("{}_{}", ident(&address), output), (value, format!("{address}.{output}: {doc}")));
        }
    }

    fn finish(mut self) -> Vec<Artifact> {
        shared::root_files(&mut self);
        let header = vec![
            format!("Generated by stackc from stack \"{}\", environment \"{}\".", self.stack(), self.env.name),
            "Do not edit: change the stack source and run `stackc build`.".to_owned(),
        ];
        let mut out = Vec::new();
        for (file, blocks) in &self.files {
            out.push(Artifact {
                path: format!("{}/terraform/{file}.tf", self.env.name),
                contents: tf::render(&header, blocks),
            });
        }
        out
    }
}

fn collect_outputs(v: &Value, out: &mut BTreeSet<(String, String)>) {
    match v {
        Value::Deferred(d) => {
            for p in &d.parts {
                if let DeferredPart::Output { resource, output } = p {
                    out.insert((resource.clone(), output.clone()));
                }
            }
        }
        Value::List(items) => items.iter().for_each(|i| collect_outputs(i, out)),
        Value::Map(map) => map.values().for_each(|i| collect_outputs(i, out)),
        _ => {}
    }
}

/// The Terraform name of a stack resource: its name with `-` as `_`, module instances joined by `__`
/// (stack names have no `_`, so the mapping is one-to-one).
pub fn tf_id(res: &Resource) -> String {
    let mut parts: Vec<String> = res.module_path.iter().map(|m| m.replace('-', "_")).collect();
    parts.push(res.name.replace('-', "_"));
    parts.join("__")
}

/// An identifier from a stack address: `database.orders` → `database_orders`.
pub fn ident(address: &str) -> String {
    address.replace(['.', '-'], "_")
}

/// Whole days of a duration (profile fields hold durations as their source text).
pub fn days(v: &Value) -> u64 {
    match v {
        Value::Duration(d) => d.days_ceil(),
        Value::String(s) => crate::domain::Duration::parse(s).map(|d| d.days_ceil()).unwrap_or(0),
        _ => 0,
    }
}

pub fn seconds(v: &Value) -> u64 {
    match v {
        Value::Duration(d) => d.seconds(),
        _ => 0,
    }
}

pub fn gib(v: &Value) -> u64 {
    match v {
        Value::Size(s) => s.gib_ceil(),
        _ => 0,
    }
}

pub fn num(v: &Value) -> f64 {
    v.as_number().unwrap_or(0.0)
}

/// CloudWatch Logs accepts only these retention periods (days).
pub fn log_retention_days(v: &Value) -> u64 {
    const ALLOWED: [u64; 22] =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
    let d = days(v).max(1);
    ALLOWED.iter().copied().find(|a| *a >= d).unwrap_or(3653)
}

pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => format_number(*n),
        Value::Cidr(c) => c.to_string(),
        Value::Instance(i) => i.name.to_owned(),
        other => other.to_string().trim_matches('"').to_owned(),
    }
}
