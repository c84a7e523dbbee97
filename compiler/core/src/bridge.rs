//! The names one target writes and another reads, produced in one place: Terraform output names that
//! Helm values and the deploy step read, Secrets Manager secret names that ExternalSecrets and the
//! Ansible inventory look up, the physical names of AWS resources, and the tags the Terraform puts on
//! cloud resources that the Ansible `aws_ec2` inventory keys on. Emitters call these; none re-derives
//! a name another emitter writes.

use crate::graph::{EnvGraph, Resource};

/// The names the Ansible inventories use, shared by the Terraform that tags VMs and the inventories
/// that read the tags.
pub mod inventory {
    use super::*;

    /// The inventory group of a `host_group`: its qualified name with every character Ansible does not
    /// accept in a group name (anything but ASCII letters, digits and `_`) written as `_`.
    pub fn group(res: &Resource) -> String {
        res.qualified_name().chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
    }

    /// The inventory host name of a `host` or `vm`: its name qualified by its module instances.
    pub fn host(res: &Resource) -> String {
        res.qualified_name()
    }

    /// The output of a jump host (a `vm`) Ansible connects to: its public address when it has one,
    /// else its private one (for a control node inside the network).
    pub fn bastion_output(bastion: &Resource) -> &'static str {
        if bastion.attr("assign_public_ip").as_bool() == Some(true) {
            "public_ip"
        } else {
            "private_ip"
        }
    }

    /// The Jinja expression a host variable holding a stack `secret` becomes: a lookup in Secrets
    /// Manager each time the variable is used, parsed into the secret's object of keys.
    pub fn secret_lookup(env: &EnvGraph, secret: &Resource) -> String {
        format!(
            "{{{{ lookup('amazon.aws.secretsmanager_secret', '{}', region='{}') | from_json }}}}",
            secret_name(env, secret),
            env.region
        )
    }
}

/// The physical AWS name of a resource: `<stack>-<environment>-<name>`, `<name>` being the resource's
/// name qualified by its module instances (`web-db`).
/// Whether a CDN in the environment uses the load balancer `lb` as an origin: the load balancer then
/// admits only CloudFront and gets no Route 53 health check of its own.
pub fn fronted_by_cdn(env: &EnvGraph, lb: &Resource) -> bool {
    env.of_kind("cdn").any(|cdn| {
        cdn.blocks("origin")
            .iter()
            .any(|o| matches!(o.attr("load_balancer"), crate::value::Value::Ref(a) if *a == lb.address))
    })
}

pub fn physical_name(env: &EnvGraph, res: &Resource) -> String {
    format!("{}-{}-{}", env.stack.name, env.name, res.qualified_name())
}

/// The prefix every physical name of the environment starts with: `<stack>-<environment>`.
pub fn environment_prefix(env: &EnvGraph) -> String {
    format!("{}-{}", env.stack.name, env.name)
}

/// The Terraform output that carries a stack output to other targets: `database.orders` `url` →
/// `database_orders_url` (addresses have no `_`, so the mapping is one-to-one).
pub fn terraform_output(address: &str, output: &str) -> String {
    format!("{}_{output}", address.replace(['.', '-'], "_"))
}

/// The Terraform variable through which Terraform reads an output another target provides.
pub fn terraform_variable(address: &str, output: &str) -> String {
    terraform_output(address, output)
}

/// The Secrets Manager name of a stack `secret`: `<stack>/<environment>/<name>`.
pub fn secret_name(env: &EnvGraph, res: &Resource) -> String {
    format!("{}/{}/{}", env.stack.name, env.name, res.qualified_name())
}

/// The Secrets Manager name of a cache's AUTH token: `<stack>/<environment>/<name>/auth` (resource names
/// have no `/`, so it can be no stack secret's name).
pub fn cache_auth_secret_name(env: &EnvGraph, res: &Resource) -> String {
    format!("{}/auth", secret_name(env, res))
}

/// The name of a resource's own security group: the physical name and the kind's role, so a database,
/// a cache and a VM of one name never share a security group name in their VPC.
pub fn security_group_name(env: &EnvGraph, res: &Resource, role: &str) -> String {
    format!("{}-{role}", physical_name(env, res))
}

/// The physical name of a bucket, before the account ID stackc appends (`-<account>`).
pub fn bucket_name(env: &EnvGraph, res: &Resource) -> String {
    physical_name(env, res)
}

/// The environment's access-log bucket, before the account ID.
pub fn log_bucket_name(env: &EnvGraph) -> String {
    format!("{}-logs", environment_prefix(env))
}

/// A bucket's replica in `region`, before the account ID.
pub fn replica_bucket_name(env: &EnvGraph, res: &Resource, region: &str) -> String {
    format!("{}-{region}", physical_name(env, res))
}

/// A queue's dead-letter queue (before a `.fifo` suffix).
pub fn dead_letter_queue_name(env: &EnvGraph, res: &Resource) -> String {
    format!("{}-dlq", physical_name(env, res))
}

/// An AWS namespace in which names must be unique (per environment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Namespace {
    S3Bucket,
    SqsQueue,
    SnsTopic,
    RdsInstance,
    EksCluster,
    SecretsManager,
}

impl Namespace {
    pub fn describe(self) -> &'static str {
        match self {
            Namespace::S3Bucket => "S3 bucket",
            Namespace::SqsQueue => "SQS queue",
            Namespace::SnsTopic => "SNS topic",
            Namespace::RdsInstance => "RDS instance",
            Namespace::EksCluster => "EKS cluster",
            Namespace::SecretsManager => "Secrets Manager secret",
        }
    }
}

/// The key of an environment's Terraform state in the state bucket.
pub fn state_key(env: &EnvGraph) -> String {
    format!("{}/{}/terraform.tfstate", env.stack.name, env.name)
}

/// The AWS identities of what runs in a cluster (EKS Pod Identity): service accounts, role names and
/// the Terraform outputs carrying the role ARNs.
pub mod identity {
    use super::*;

    /// The namespace and service account of the cluster autoscaler (the chart's defaults).
    pub const AUTOSCALER_NAMESPACE: &str = "kube-system";
    pub const AUTOSCALER_SERVICE_ACCOUNT: &str = "cluster-autoscaler";

    /// The Kubernetes service account of a workload: a service's is its name (qualified by its module
    /// instances), a job's and a cron job's add `-job` and `-cron-job`, so a service and a job of one
    /// name in one namespace never share an identity.
    pub fn service_account(res: &Resource) -> String {
        match res.kind.name.as_str() {
            "job" => format!("{}-job", res.qualified_name()),
            "cron_job" => format!("{}-cron-job", res.qualified_name()),
            _ => res.qualified_name(),
        }
    }

    /// The IAM role of a workload's pods: `<stack>-<environment>-<name>-<kind>` (a service and a job
    /// of one name get two roles), cut to IAM's 64 characters by the emitter.
    pub fn role_name(env: &EnvGraph, res: &Resource) -> String {
        format!("{}-{}", physical_name(env, res), res.kind.name.replace('_', "-"))
    }

    /// The Terraform output with a workload's role ARN.
    pub fn role_output(address: &str) -> String {
        terraform_output(address, "iam_role_arn")
    }

    /// The Terraform output with a cluster's External Secrets controller role ARN.
    pub fn external_secrets_output(cluster: &str) -> String {
        terraform_output(cluster, "external_secrets_role_arn")
    }

    /// The Terraform output with a cluster's autoscaler role ARN.
    pub fn autoscaler_output(cluster: &str) -> String {
        terraform_output(cluster, "autoscaler_role_arn")
    }

    /// Where the External Secrets controller of `cluster` runs: the namespace of the stack's
    /// `external-secrets` chart on that cluster and the service account the chart names after its
    /// release (the release name when it contains the chart's name, else `<release>-external-secrets`);
    /// `external-secrets/external-secrets` when the stack installs no such add-on.
    pub fn external_secrets(env: &EnvGraph, cluster: &Resource) -> (String, String) {
        const CHART: &str = "external-secrets";
        for addon in env.of_kind("addon") {
            let on_cluster = matches!(addon.attr("cluster"), crate::value::Value::Ref(a) if *a == cluster.address);
            if !on_cluster || addon.attr("chart").as_str() != Some(CHART) {
                continue;
            }
            let namespace = addon.attr("namespace").as_str().unwrap_or(CHART).to_owned();
            let release = addon.attr("release").as_str().map_or_else(|| addon.qualified_name(), str::to_owned);
            let account = if release.contains(CHART) { release } else { format!("{release}-{CHART}") };
            return (namespace, account);
        }
        (CHART.to_owned(), CHART.to_owned())
    }
}

/// What Kubernetes workloads know of each other and of the add-ons around them.
pub mod kubernetes {
    use super::*;

    /// The link-local address of the EKS Pod Identity agent, which pods reach for credentials.
    pub const POD_IDENTITY_AGENT_CIDR: &str = "169.254.170.23/32";

    /// A service's in-cluster URL: `<scheme>://<name>.<namespace>.svc.cluster.local:<port>`.
    pub fn service_url(scheme: &str, name: &str, namespace: &str, port: &str) -> String {
        format!("{scheme}://{name}.{namespace}.svc.cluster.local:{port}")
    }

    /// The namespace of the stack's add-on installing `chart` on `cluster`, or `fallback`.
    fn addon_namespace(env: &EnvGraph, cluster: &Resource, chart: &str, fallback: &str) -> String {
        env.of_kind("addon")
            .filter(|a| matches!(a.attr("cluster"), crate::value::Value::Ref(c) if *c == cluster.address))
            .find(|a| a.attr("chart").as_str() == Some(chart))
            .and_then(|a| a.attr("namespace").as_str().map(str::to_owned))
            .unwrap_or_else(|| fallback.to_owned())
    }

    /// Where the ingress controller runs: the stack's `ingress-nginx` add-on's namespace, else
    /// `ingress-nginx`.
    pub fn ingress_controller_namespace(env: &EnvGraph, cluster: &Resource) -> String {
        addon_namespace(env, cluster, "ingress-nginx", "ingress-nginx")
    }

    /// The Helm release of the stack's `kube-prometheus-stack` add-on on `cluster`, if any: its
    /// Prometheus selects ServiceMonitors labelled `release: <release>`.
    pub fn monitoring_release(env: &EnvGraph, cluster: &Resource) -> Option<String> {
        env.of_kind("addon")
            .filter(|a| matches!(a.attr("cluster"), crate::value::Value::Ref(c) if *c == cluster.address))
            .find(|a| a.attr("chart").as_str() == Some("kube-prometheus-stack"))
            .map(|a| a.attr("release").as_str().map_or_else(|| a.qualified_name(), str::to_owned))
    }

    /// Where Prometheus runs: the stack's `kube-prometheus-stack` add-on's namespace, else `monitoring`.
    pub fn monitoring_namespace(env: &EnvGraph, cluster: &Resource) -> String {
        addon_namespace(env, cluster, "kube-prometheus-stack", "monitoring")
    }
}

/// GitHub Actions' OIDC identity provider and the claims deploy roles trust.
pub mod github {
    use crate::graph::{EnvGraph, Resource};

    /// The issuer of GitHub Actions' OIDC tokens.
    pub const OIDC_URL: &str = "https://token.actions.githubusercontent.com";
    /// The audience the official `aws-actions/configure-aws-credentials` action requests.
    pub const OIDC_AUDIENCE: &str = "sts.amazonaws.com";

    /// The `sub` claim of a workflow job that runs in GitHub environment `environment` of `repository`
    /// (`owner/name`): only such jobs may assume that environment's deploy role.
    pub fn environment_subject(repository: &str, environment: &str) -> String {
        format!("repo:{repository}:environment:{environment}")
    }

    /// The IAM role a pipeline's jobs in environment `env` assume (the environment's Terraform
    /// creates it; the workflows name it in `role-to-assume`).
    pub fn deploy_role_name(env: &EnvGraph, pipeline: &Resource) -> String {
        crate::emit::truncate(&format!("{}-deploy", super::physical_name(env, pipeline)), 64)
    }

    /// The IAM role (in the bootstrap root, account-wide) with which a pipeline's image jobs push to
    /// its ECR repositories.
    pub fn publish_role_name(stack: &str, pipeline: &Resource) -> String {
        crate::emit::truncate(&format!("{stack}-{}-publish", pipeline.qualified_name()), 64)
    }

    /// The `sub` claim of a workflow job run by a push to `branch` (a GitHub filter pattern: its `*`
    /// and `?` mean the same in IAM's `StringLike`) outside any GitHub environment.
    pub fn branch_subject(repository: &str, branch: &str) -> String {
        format!("repo:{repository}:ref:refs/heads/{}", branch.replace("**", "*"))
    }

    /// The `sub` claim of a pull request's jobs, which may only plan.
    pub fn pull_request_subject(repository: &str) -> String {
        format!("repo:{repository}:pull_request")
    }
}

/// Tags stackc puts on cloud resources, and the tags other tools select them by.
pub mod tags {
    use super::*;

    /// Every resource of the environment, through the provider's `default_tags`.
    pub const STACK: &str = "stack";
    pub const ENVIRONMENT: &str = "environment";
    pub const MANAGED_BY: &str = "managed-by";
    pub const MANAGED_BY_VALUE: &str = "stackc";
    /// Every resource lowered from a stack resource: its address.
    pub const COMPONENT: &str = "component";
    pub const NAME: &str = "Name";
    /// On VMs, for the Ansible `aws_ec2` inventory: the inventory host name, the SSH user, the
    /// comma-separated inventory groups, and one tag per host variable.
    pub const HOST: &str = "stackc:host";
    pub const USER: &str = "stackc:user";
    pub const GROUPS: &str = "stackc:groups";
    pub const VAR_PREFIX: &str = "stackc:var:";
    /// On a VM with a `bastion`: `<user>@<address>` of the jump host, for ProxyJump.
    pub const JUMP: &str = "stackc:jump";

    /// The tag carrying host variable `key`.
    pub fn var(key: &str) -> String {
        format!("{VAR_PREFIX}{key}")
    }

    /// The tags on every resource of the environment: the stack's own, then stack, environment and
    /// managed-by (which win over the stack's on a clash).
    pub fn defaults(env: &EnvGraph) -> Vec<(String, String)> {
        let mut out = vec![
            (STACK.to_owned(), env.stack.name.clone()),
            (ENVIRONMENT.to_owned(), env.name.clone()),
            (MANAGED_BY.to_owned(), MANAGED_BY_VALUE.to_owned()),
        ];
        for (k, v) in &env.stack.tags {
            if !out.iter().any(|(t, _)| t == k) {
                out.push((k.clone(), v.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_are_one_to_one() {
        assert_eq!(terraform_output("database.orders", "url"), "database_orders_url");
        assert_eq!(terraform_output("module.web.database.db-main", "arn"), "module_web_database_db_main_arn");
    }
}
