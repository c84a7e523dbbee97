//! What evaluation produces: per-environment values, typed domain values, overrides, defaults from
//! profiles, deferred outputs, and determinism.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests and build scripts may use files

use stackc_core::value::{DeferredPart, Value};
use stackc_core::{compile, Compilation, MemorySources};

const STACK: &str = r#"
stack "shop" {
  region = "us-east-1"
}
environment "dev" { profile = "development" }
environment "prod" {
  profile = "production"
  region  = "eu-west-1"
  override "database.orders" { instance = "db.r6g.xlarge" }
  override "cluster.apps" {
    node_pool "big" { instance = "m6i.2xlarge" }
  }
}
network "main" { cidr = "10.0.0.0/16" }
cluster "apps" {
  version = "1.35"
  node_pool "general" { instance = "m6i.large" }
}
database "orders" {
  engine  = "postgres"
  storage = "100Gi"
}
service "api" {
  image  = "ghcr.io/acme/api:1.4.2"
  port   = 8080
  cpu    = "0.5"
  memory = "512Mi"
  env = {
    DATABASE_URL = "${database.orders.url}?sslmode=require"
  }
}
"#;

fn compiled(text: &str) -> Compilation {
    let c = compile(&MemorySources::new().with("s/main.stack.hcl", text.to_owned()), "s").unwrap();
    // The one finding is the warning that prod's override replaces the `general` node pool (the
    // built-in rules' findings, P0002, are tested in tests/rules.rs and the CLI's policy tests).
    let codes: Vec<_> = c.diagnostics.iter().map(|d| d.code.as_str()).filter(|c| *c != "P0002").collect();
    assert_eq!(codes, ["W0403"], "{:#?}", c.diagnostics);
    c
}

#[test]
fn values_are_typed_and_per_environment() {
    let c = compiled(STACK);
    let dev = &c.environment("dev").unwrap().graph;
    let prod = &c.environment("prod").unwrap().graph;
    assert_eq!((dev.region.as_str(), prod.region.as_str()), ("us-east-1", "eu-west-1"));

    // Profile defaults differ per environment; the override wins in prod.
    let db = |e: &stackc_core::EnvGraph, a: &str| e.get("database.orders").unwrap().attr(a).clone();
    assert_eq!(db(dev, "multi_az"), Value::Bool(false));
    assert_eq!(db(prod, "multi_az"), Value::Bool(true));
    let Value::Instance(t) = db(prod, "instance") else { panic!("instance type not parsed") };
    assert_eq!(t.name, "db.r6g.xlarge");
    let Value::Size(s) = db(dev, "storage") else { panic!("size not parsed") };
    assert_eq!(s.gib_ceil(), 100);
    // only(network) attached the database to the one network.
    assert_eq!(db(dev, "network"), Value::Ref("network.main".into()));

    // Override blocks replace the resource's blocks of that type.
    let pools = |e: &stackc_core::EnvGraph| -> Vec<String> {
        e.get("cluster.apps").unwrap().blocks("node_pool").iter().map(|b| b.label.clone().unwrap()).collect()
    };
    assert_eq!(pools(dev), ["general"]);
    assert_eq!(pools(prod), ["big"]);

    let api = dev.get("service.api").unwrap();
    let Value::Cpu(cpu) = api.attr("cpu") else { panic!() };
    assert_eq!(cpu.millis(), 500);
    let Value::Map(env) = api.attr("env") else { panic!() };
    let Value::Deferred(url) = &env.get("DATABASE_URL").unwrap() else {
        panic!("not deferred: {:?}", env.get("DATABASE_URL"))
    };
    assert_eq!(
        url.parts,
        [
            DeferredPart::Output { resource: "database.orders".into(), output: "url".into() },
            DeferredPart::Literal("?sslmode=require".into())
        ]
    );
    let deps: Vec<&str> = dev.dependencies("service.api").iter().map(|(r, _)| r.address.as_str()).collect();
    assert_eq!(deps, ["cluster.apps", "database.orders"]);
}

#[test]
fn file_and_block_order_do_not_change_the_result() {
    let one = compiled(STACK);
    // The same stack split over two files in reverse order.
    let (a, b) = STACK.split_at(STACK.find("network \"main\"").unwrap());
    let sources = MemorySources::new().with("s/z.stack.hcl", a.to_owned()).with("s/a.stack.hcl", b.to_owned());
    let two = compile(&sources, "s").unwrap();
    // The same findings (their order follows the files they are in).
    let findings = |c: &Compilation| {
        let mut all: Vec<String> = c.diagnostics.iter().map(|d| format!("{} {}", d.code.as_str(), d.message)).collect();
        all.sort();
        all
    };
    assert_eq!(findings(&one), findings(&two));
    for (x, y) in one.environments.iter().zip(&two.environments) {
        let xs: Vec<String> = x
            .graph
            .resources()
            .iter()
            .map(|r| {
                format!("{} {:?} {:?}", r.address, r.attrs().collect::<Vec<_>>(), r.blocks.keys().collect::<Vec<_>>())
            })
            .collect();
        let ys: Vec<String> = y
            .graph
            .resources()
            .iter()
            .map(|r| {
                format!("{} {:?} {:?}", r.address, r.attrs().collect::<Vec<_>>(), r.blocks.keys().collect::<Vec<_>>())
            })
            .collect();
        assert_eq!(xs, ys);
        assert_eq!(
            format!("{:?}", x.graph.edges().iter().map(|e| (e.0, e.1)).collect::<Vec<_>>()),
            format!("{:?}", y.graph.edges().iter().map(|e| (e.0, e.1)).collect::<Vec<_>>())
        );
    }
}

#[test]
fn a_pipeline_builds_at_most_one_matrix_of_images() {
    let mut text = String::from(
        "stack \"big\" {\n  region = \"us-east-1\"\n}\nenvironment \"dev\" {\n  profile = \"development\"\n}\nnetwork \"main\" {\n  cidr = \"10.0.0.0/16\"\n}\ncluster \"apps\" {\n  node_pool \"general\" {}\n}\n",
    );
    let mut names = Vec::new();
    for i in 0..257 {
        text.push_str(&format!("service \"s{i}\" {{\n  image = \"ghcr.io/acme/s{i}:1.0.0\"\n}}\n"));
        names.push(format!("service.s{i}"));
    }
    text.push_str(&format!(
        "pipeline \"delivery\" {{\n  repository = \"acme/big\"\n  services   = [{}]\n  promotion  = [\"dev\"]\n}}\n",
        names.join(", ")
    ));
    let c = compile(&MemorySources::new().with("s/main.stack.hcl", text), "s").unwrap();
    let found: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() != "P0002")
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    assert_eq!(found, ["E0710 the pipeline builds 257 images; a workflow matrix holds at most 256"], "{found:?}");
}

/// Patterns are compiled on first use, so one that parses but does not compile would quietly match
/// everything: the standard library has none.
#[test]
fn every_stdlib_pattern_compiles() {
    let (program, _, diags) = stackc_core::stdlib();
    assert!(diags.is_empty(), "{diags:?}");
    let mut seen = 0;
    for kind in program.kinds.values() {
        let attrs = kind.attributes.values().chain(kind.blocks.values().flat_map(|b| b.attributes.values()));
        for attr in attrs {
            for p in [&attr.constraints.pattern, &attr.constraints.key_pattern].into_iter().flatten() {
                assert!(p.compiles(), "{}.{}: `{}` does not compile", kind.name, attr.name, p.source);
                seen += 1;
            }
        }
    }
    assert!(seen > 10, "only {seen} patterns");
}

#[test]
fn long_paths_of_fields_read_as_short_ones() {
    // Paths of up to six fields are read in place; longer ones take the general evaluation. Both
    // give the value, and an unknown field at any depth is reported.
    let text = STACK.replace(
        "  env = {\n",
        "  env = {\n    SEVEN = [for x in local.deep : x.a.b.c.d.e.f.g][0]\n    \
         SIX = [for x in local.deep : x.a.b.c.d.e.f != null ? \"six\" : \"none\"][0]\n",
    ) + "locals {\n  deep = [{ a = { b = { c = { d = { e = { f = { g = \"seven\" } } } } } } }]\n}\n";
    let c = compiled(&text);
    let api = c.environment("dev").unwrap().graph.get("service.api").unwrap();
    let Value::Map(env) = api.attr("env") else { panic!() };
    assert_eq!(env.get("SEVEN"), Some(&Value::String("seven".into())));
    assert_eq!(env.get("SIX"), Some(&Value::String("six".into())));

    let broken = text.replace("x.a.b.c.d.e.f.g]", "x.a.b.c.d.e.f.h]");
    let c = compile(&MemorySources::new().with("s/main.stack.hcl", broken), "s").unwrap();
    let unknown: Vec<_> = c.diagnostics.iter().filter(|d| d.code.as_str() == "E0304").map(|d| &d.message).collect();
    assert_eq!(unknown, ["unknown field `h`"], "{:#?}", c.diagnostics);
}

#[test]
fn views_read_attributes_at_their_position_or_by_name() {
    use stackc_core::kinds::conv::attr_at;
    let c = compiled(STACK);
    let api = c.environment("dev").unwrap().graph.get("service.api").unwrap();
    let port = api.kind.attributes.get_index_of("port").unwrap();
    assert_eq!(attr_at(api, port, "port"), api.attr("port"));
    assert!(matches!(api.attr("port"), Value::Port(_)), "{:?}", api.attr("port"));
    // Anywhere else, or past the end, the name decides; a name the kind lacks reads as null.
    assert_eq!(attr_at(api, port + 1, "port"), api.attr("port"));
    assert_eq!(attr_at(api, usize::MAX, "port"), api.attr("port"));
    assert_eq!(attr_at(api, port, "no_such_attribute"), &Value::Null);
}
