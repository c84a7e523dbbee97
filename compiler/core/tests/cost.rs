//! The cost models: each model's arithmetic written out from published prices, the models against the
//! lowered Terraform (every billable block priced, none invented), budgets and `monthly_cost` in
//! policies.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests may read files

use std::collections::BTreeMap;
use std::path::Path;

use stackc_core::cost::{EnvCost, LineItem};
use stackc_core::emit::terraform;
use stackc_core::{compile, Compilation, MemorySources};
use stackc_syntax::Code;

fn example(name: &str) -> MemorySources {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = MemorySources::new();
    for dir in [format!("examples/{name}"), "modules/web-service".to_owned()] {
        for entry in std::fs::read_dir(repo.join(&dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".stack.hcl") {
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                sources.add(format!("{dir}/{file}"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    sources
}

const PRELUDE: &str = r#"
stack "shop" {
  region = "us-east-1"
}
environment "dev" {
  profile = "development"
}
environment "prod" {
  profile = "production"
}
network "main" {
  cidr = "10.0.0.0/16"
}
"#;

fn stack(body: &str) -> Compilation {
    let mut sources = MemorySources::new();
    sources.add("s/stack.stack.hcl", format!("{PRELUDE}\n{body}"));
    compile(&sources, "s").unwrap()
}

fn estimate<'c>(c: &'c Compilation, env: &str) -> &'c EnvCost {
    c.environment(env).unwrap().cost.as_ref().unwrap()
}

fn lines<'c>(c: &'c EnvCost, address: &str) -> Vec<&'c LineItem> {
    c.resources.iter().find(|r| r.address == address).map(|r| r.items.iter().collect()).unwrap_or_default()
}

fn line<'c>(c: &'c EnvCost, address: &str, what: &str) -> &'c LineItem {
    lines(c, address)
        .into_iter()
        .find(|l| l.what.starts_with(what))
        .unwrap_or_else(|| panic!("no line `{what}` of {address}: {:#?}", lines(c, address)))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.005
}

/// Every billable Terraform block the lowering writes is priced by exactly the models' count, per
/// resource type, in every environment of every example.
#[test]
fn models_price_what_the_lowering_writes() {
    for name in ["platform", "product", "static-site"] {
        let c = compile(&example(name), &format!("examples/{name}")).unwrap();
        assert!(!c.has_errors(), "{name}: {:?}", c.diagnostics);
        assert_priced_as_lowered(&c, name);
    }
}

const BILLABLE: &[&str] = &[
    "aws_eks_cluster",
    "aws_eks_node_group",
    "aws_db_instance",
    "aws_elasticache_replication_group",
    "aws_nat_gateway",
    "aws_eip",
    "aws_vpc_endpoint",
    "aws_lb",
    "aws_wafv2_web_acl",
    "aws_route53_health_check",
    "aws_cloudfront_distribution",
    "aws_s3_bucket",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_route53_zone",
    "aws_secretsmanager_secret",
    "aws_kms_key",
    "aws_cloudwatch_log_group",
    "aws_instance",
];

fn assert_priced_as_lowered(c: &Compilation, name: &str) {
    for env in &c.environments {
        let module = terraform::lower(&env.graph).unwrap();
        let mut lowered: BTreeMap<&str, u64> = BTreeMap::new();
        for l in module.blocks() {
            let (Some(h), true) = (l.block.handle(), l.block.ident == "resource") else { continue };
            let Some(ty) = BILLABLE.iter().find(|t| **t == h.ty) else { continue };
            // Gateway endpoints are free.
            if *ty == "aws_vpc_endpoint"
                && l.block.get("vpc_endpoint_type") != Some(&hcl::Expression::String("Interface".into()))
            {
                continue;
            }
            let count = match l.block.get("count") {
                Some(hcl::Expression::Number(n)) => n.as_u64().unwrap(),
                None => 1,
                Some(other) => panic!("{name}/{}: count of {ty} is {other:?}", env.graph.name),
            };
            *lowered.entry(ty).or_default() += count;
        }
        let mut priced: BTreeMap<&str, u64> = BTreeMap::new();
        for res in &env.cost.as_ref().unwrap().resources {
            for item in &res.items {
                if let Some((ty, n)) = item.billed {
                    *priced.entry(ty).or_default() += n;
                }
            }
        }
        lowered.retain(|_, n| *n > 0);
        priced.retain(|_, n| *n > 0);
        assert_eq!(priced, lowered, "{name}/{}: priced (left) and lowered (right)", env.graph.name);
    }
}

#[test]
fn cluster_control_plane_nodes_and_spot() {
    let c = stack(
        r#"
cluster "k8s" {
  network = network.main
  logs    = []
  node_pool "general" {
    instance = "m6i.large"
    min      = 2
    max      = 4
    disk     = "50Gi"
    capacity = "on_demand"
  }
  node_pool "batch" {
    instance = "m6i.large"
    min      = 1
    max      = 3
    desired  = 3
    disk     = "20Gi"
    capacity = "spot"
  }
}
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let e = estimate(&c, "dev");
    // EKS: $0.10 an hour × 730 hours.
    assert!(close(line(e, "cluster.k8s", "control plane").monthly, 73.00));
    // m6i.large in us-east-1: $0.096 an hour; 2 nodes (min, no desired) × 730 h = $140.16.
    let general = line(e, "cluster.k8s", "node pool general: 2 × m6i.large");
    assert_eq!((general.quantity, general.usd_per_unit), (1460.0, Some(0.096)));
    assert!(close(general.monthly, 140.16));
    // gp3 $0.08 per GB-month: 2 × 50 GiB = 100 → $8.
    assert!(close(line(e, "cluster.k8s", "node pool general: 2 × 50 GiB").monthly, 8.00));
    // Spot: desired 3 × 730 h × $0.096 × (1 − 0.60) = $84.10 (84.096).
    let batch = line(e, "cluster.k8s", "node pool batch: 3 × m6i.large (Spot: 60% off on-demand)");
    assert_eq!(batch.assumption, Some("spot_discount_percent"));
    assert!(close(batch.monthly, 84.10), "{batch:?}");
    // No control-plane logs asked: no log lines.
    assert!(lines(e, "cluster.k8s").iter().all(|l| !l.what.contains("logs")));
}

#[test]
fn network_nat_endpoints_and_flow_logs() {
    let c = stack("");
    // prod: three zones, NAT per zone, flow logs kept 365 days (production profile).
    let prod = estimate(&c, "prod");
    // $0.045 an hour per gateway × 3 × 730 = $98.55; each has an address at $0.005/h: $10.95.
    assert!(close(line(prod, "network.main", "3 NAT gateway(s)").monthly, 98.55));
    assert!(close(line(prod, "network.main", "3 NAT gateway public").monthly, 10.95));
    // 100 GB (default assumption) × $0.045 = $4.50.
    let data = line(prod, "network.main", "NAT data processed");
    assert_eq!(data.assumption, Some("nat_data_gb"));
    assert!(close(data.monthly, 4.5));
    // Flow logs: 10 GB × $0.50 ingestion; storage at steady state 10 GB × 365/30 months × $0.03 = $3.65.
    assert!(close(line(prod, "network.main", "flow logs: ingestion").monthly, 5.0));
    assert!(close(line(prod, "network.main", "flow logs: storage").monthly, 3.65));
    // dev: a single NAT gateway.
    let dev = estimate(&c, "dev");
    assert!(close(line(dev, "network.main", "1 NAT gateway(s)").monthly, 32.85));
}

#[test]
fn usage_block_overrides_assumptions() {
    let mut sources = MemorySources::new();
    sources.add(
        "s/stack.stack.hcl",
        PRELUDE.replace(
            "environment \"prod\" {\n  profile = \"production\"\n}",
            "environment \"prod\" {\n  profile = \"production\"\n  usage {\n    nat_data_gb = 2000\n  }\n}",
        ),
    );
    let c = compile(&sources, "s").unwrap();
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    // 2,000 GB × $0.045 = $90.
    assert!(close(line(estimate(&c, "prod"), "network.main", "NAT data processed").monthly, 90.0));
    assert!(close(line(estimate(&c, "dev"), "network.main", "NAT data processed").monthly, 4.5));
    let assumed = estimate(&c, "prod").usage.iter().find(|u| u.key == "nat_data_gb").unwrap();
    assert!(assumed.overridden && assumed.value == 2000.0);

    let mut bad = MemorySources::new();
    bad.add(
        "s/stack.stack.hcl",
        PRELUDE.replace("profile = \"development\"", "profile = \"development\"\n  usage {\n    nat_gb = 1\n  }"),
    );
    let c = compile(&bad, "s").unwrap();
    let d = c.diagnostics.iter().find(|d| d.message.contains("nat_gb")).expect("unknown assumption reported");
    assert!(d.is_error(), "{d:?}");

    // A percentage above 100 would make a negative cost.
    let mut over = MemorySources::new();
    over.add(
        "s/stack.stack.hcl",
        PRELUDE.replace(
            "profile = \"development\"",
            "profile = \"development\"\n  usage {\n    spot_discount_percent = 150\n  }",
        ),
    );
    let c = compile(&over, "s").unwrap();
    assert!(
        c.diagnostics.iter().any(|d| d.code == Code::E0401 && d.labels[0].message.contains("percentage from 0 to 100")),
        "{:?}",
        c.diagnostics
    );
}

#[test]
fn database_multi_az_storage_backups_replicas() {
    let c = stack(
        r#"
database "orders" {
  engine           = "postgres"
  instance         = "db.t4g.micro"
  storage          = "100Gi"
  network          = network.main
  multi_az         = true
  read_replicas    = 1
  backup_retention = "8d"
}
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let e = estimate(&c, "dev");
    // gp3 $0.115 per GB-month, twice for Multi-AZ: 200 × 0.115 = $23.
    assert!(close(line(e, "database.orders", "100 GiB gp3 storage × 2").monthly, 23.0));
    // Backups: 100 GiB × 5 % a day × (8 − 1) days = 35 GB beyond the free 100 × $0.095 = $3.33 (3.325).
    let backup = line(e, "database.orders", "backup storage");
    assert_eq!(backup.quantity, 35.0);
    assert!(close(backup.monthly, 3.33) || close(backup.monthly, 3.32), "{backup:?}");
    // The RDS-managed master secret: $0.40.
    assert!(close(line(e, "database.orders", "master password secret").monthly, 0.4));
    // Instance hours: Multi-AZ is two instances' hours; the replica is Multi-AZ too (as the lowering
    // writes it), with its own storage twice.
    assert_eq!(line(e, "database.orders", "db.t4g.micro Multi-AZ").quantity, 1460.0);
    assert_eq!(line(e, "database.orders", "read replicas: 1 × db.t4g.micro Multi-AZ").quantity, 1460.0);
    assert!(close(line(e, "database.orders", "read replicas: 1 × 100 GiB gp3 storage Multi-AZ").monthly, 23.0));
    // Engine logs: 1 GB (assumed) per instance, primary and replica, × $0.50.
    assert!(close(line(e, "database.orders", "engine logs").monthly, 1.0));
}

#[test]
fn cache_nodes_by_engine() {
    let c = stack(
        r#"
cache "sessions" {
  engine   = "valkey"
  instance = "cache.t4g.micro"
  nodes    = 2
  shards   = 1
  network  = network.main
}
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let e = estimate(&c, "dev");
    // cache.t4g.micro Valkey in us-east-1: $0.0128 an hour × 2 nodes × 730 = $18.69 (18.688).
    let nodes = line(e, "cache.sessions", "2 × cache.t4g.micro");
    assert_eq!(nodes.usd_per_unit, Some(0.0128));
    assert!(close(nodes.monthly, 18.69));
    // prod keeps 30 daily snapshots: 29 beyond the free one × 1 GB (assumed) × $0.085 = $2.47 (2.465).
    let snapshots = line(estimate(&c, "prod"), "cache.sessions", "snapshots beyond the free one (30 kept)");
    assert_eq!(snapshots.quantity, 29.0);
}

#[test]
fn vm_disk_address_monitoring() {
    let c = stack(
        r#"
vm "bastion" {
  instance            = "t3.micro"
  network             = network.main
  subnet              = "public"
  assign_public_ip    = true
  disk                = "20Gi"
  detailed_monitoring = true
}
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let e = estimate(&c, "dev");
    // t3.micro: $0.0104 × 730 = $7.59 (7.592); 20 GiB gp3 = $1.60; IPv4 $0.005 × 730 = $3.65;
    // detailed monitoring 7 metrics × $0.30 = $2.10.
    assert!(close(line(e, "vm.bastion", "t3.micro").monthly, 7.59));
    assert!(close(line(e, "vm.bastion", "20 GiB gp3").monthly, 1.6));
    assert!(close(line(e, "vm.bastion", "public IPv4").monthly, 3.65));
    assert!(close(line(e, "vm.bastion", "detailed monitoring").monthly, 2.1));
    assert!(close(e.of("vm.bastion"), 7.59 + 1.6 + 3.65 + 2.1));
}

#[test]
fn messaging_dns_secrets() {
    let c = stack(
        r#"
queue "jobs" {}
topic "events" {}
secret "api" {
  keys = ["TOKEN"]
}
dns_zone "public" {
  domain = "example.com"
}
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let e = estimate(&c, "dev");
    // SQS standard $0.40 and SNS $0.50 per million (1 million assumed); hosted zone $0.50 + 1
    // million queries × $0.40; a secret $0.40 + 1,000 calls × $0.05 per 10,000 = $0.005.
    assert!(close(e.of("queue.jobs"), 0.40));
    assert!(close(e.of("topic.events"), 0.50));
    assert!(close(e.of("dns_zone.public"), 0.90));
    assert!(close(line(e, "secret.api", "secret").monthly, 0.40));
}

#[test]
fn no_price_is_reported_never_guessed() {
    let c = stack(
        r#"
database "orders" {
  engine   = "postgres"
  instance = "db.r6g.large"
  network  = network.main
}
"#,
    );
    let e = estimate(&c, "dev");
    // No source of the catalog prices RDS (until `stackc pricing update` adds one): the line says so
    // and counts for nothing, and the total says it is a lower bound.
    let instance = line(e, "database.orders", "db.r6g.large");
    assert_eq!((instance.usd_per_unit, instance.monthly), (None, 0.0));
    assert!(
        instance.no_price.as_deref().unwrap().contains("`db.r6g.large` (RDS postgres) in us-east-1"),
        "{instance:?}"
    );
    assert_eq!(e.unpriced_lines, 1);
    // Without a budget, `check` does not report it.
    assert!(c.diagnostics.iter().all(|d| d.code != Code::C0002), "{:?}", c.diagnostics);
}

#[test]
fn budgets_and_policies_read_the_estimate() {
    let mut sources = MemorySources::new();
    let body = PRELUDE.replace(
        "environment \"dev\" {\n  profile = \"development\"\n}",
        "environment \"dev\" {\n  profile = \"development\"\n  budget {\n    monthly = 10\n  }\n}",
    ) + r#"
policy "cheap-vms" {
  kind    = "vm"
  assert  = self.monthly_cost < 5
  message = "VMs cost under $5 a month here: ${self.monthly_cost}"
}
policy "env-under-10k" {
  assert  = env.monthly_cost < 10000
  message = "too expensive"
}
vm "big" {
  instance = "m6i.large"
  network  = network.main
}
"#;
    sources.add("s/stack.stack.hcl", body);
    let c = compile(&sources, "s").unwrap();
    let over = c.diagnostics.iter().find(|d| d.code == Code::C0001).expect("over budget");
    assert!(over.is_error());
    assert!(over.message.starts_with("environment `dev` costs $"), "{}", over.message);
    assert!(over.message.ends_with("over its budget of $10.00"), "{}", over.message);
    assert!(over.help.as_deref().unwrap().contains("`vm.big`"), "{over:?}");
    // Only dev has a budget.
    assert!(c.diagnostics.iter().filter(|d| d.code == Code::C0001).count() == 1);
    let policy = c.diagnostics.iter().find(|d| d.code == Code::P0001).expect("policy on monthly_cost");
    assert!(policy.message.starts_with("VMs cost under $5 a month here: 7"), "{}", policy.message);
    assert!(c.environments.iter().all(|e| e.policies.iter().any(|p| p.policy == "env-under-10k" && p.passed)));

    // A warning budget, met: nothing; `monthly_cost` outside a policy: E0306.
    let mut ok = MemorySources::new();
    ok.add(
        "s/stack.stack.hcl",
        PRELUDE.replace(
            "profile = \"development\"",
            "profile = \"development\"\n  budget {\n    monthly  = 100000\n    severity = \"warning\"\n  }",
        ) + "locals {\n  x = env.monthly_cost\n}\nsecret \"s\" {\n  description = \"${local.x}\"\n}\n",
    );
    let c = compile(&ok, "s").unwrap();
    assert!(c.diagnostics.iter().all(|d| d.code != Code::C0001));
    assert!(
        c.diagnostics.iter().any(|d| d.code == Code::E0306 && d.message.contains("monthly_cost")),
        "{:?}",
        c.diagnostics
    );
}

#[test]
fn load_balancer_cdn_and_bucket() {
    let c = stack(
        r#"
dns_zone "public" {
  domain = "example.com"
}
cluster "k8s" {
  network = network.main
  node_pool "general" {
    capacity = "on_demand"
  }
}
load_balancer "web" {
  network   = network.main
  domains   = ["app.example.com"]
  zone      = dns_zone.public
  cluster   = cluster.k8s
  node_port = 30080
}
bucket "assets" {
  versioning     = true
  replica_region = "us-west-2"
}
cdn "edge" {
  aliases = ["www.example.com"]
  zone    = dns_zone.public
  origin "assets" {
    bucket = bucket.assets
    path   = "*"
  }
}
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let prod = estimate(&c, "prod");
    // ALB: $0.0225 × 730 = $16.43 (16.425); one LCU × 730 × $0.008 = $5.84; internet-facing in three
    // zones: 3 × 730 × $0.005 = $10.95.
    assert!(close(line(prod, "load_balancer.web", "load balancer").monthly, 16.43));
    assert!(close(line(prod, "load_balancer.web", "capacity units").monthly, 5.84));
    assert!(close(line(prod, "load_balancer.web", "3 public IPv4").monthly, 10.95));
    // Production puts a WAF web ACL in front: $5 + 4 managed rule groups × $1 + 1 million requests ×
    // $0.60 + 1 GB of logs × $0.50 + 12 GB-months × $0.03.
    assert!(close(line(prod, "load_balancer.web", "WAF web ACL").monthly, 5.0));
    assert!(close(line(prod, "load_balancer.web", "WAF rules: 4").monthly, 4.0));
    assert!(close(line(prod, "load_balancer.web", "WAF requests").monthly, 0.6));
    // Not behind the CDN, with a domain in a zone: an HTTPS health check, $0.50 + $1.
    assert!(close(line(prod, "load_balancer.web", "Route 53 health check").monthly, 0.5));
    assert!(close(line(prod, "load_balancer.web", "Route 53 health check: HTTPS").monthly, 1.0));
    // CloudFront: 100 GB × $0.085 = $8.50, 1 million HTTPS requests = 100 × $0.01 per 10,000 = $1;
    // its web ACL has 3 rule groups.
    assert!(close(line(prod, "cdn.edge", "data to viewers").monthly, 8.5));
    assert!(close(line(prod, "cdn.edge", "HTTPS requests").monthly, 1.0));
    assert!(close(line(prod, "cdn.edge", "WAF rules: 3").monthly, 3.0));
    // A bucket: 10 GB × $0.023 + 10 thousand writes × $0.005 + 100 thousand reads × $0.0004 = $0.32;
    // its replica stores as much in us-west-2, with a KMS key there ($1).
    assert!(close(line(prod, "bucket.assets", "Standard storage").monthly, 0.23));
    assert!(close(line(prod, "bucket.assets", "replica storage in us-west-2").monthly, 0.23));
    assert!(close(line(prod, "bucket.assets", "replica KMS key in us-west-2").monthly, 1.0));
    assert_priced_as_lowered(&c, "load balancer, CDN and bucket");
    // dev has no WAF (development profile).
    assert!(lines(estimate(&c, "dev"), "load_balancer.web").iter().all(|l| !l.what.starts_with("WAF")));
}
