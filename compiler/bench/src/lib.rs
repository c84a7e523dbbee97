//! A generator of large, valid stacks: `n` services, each with its own database and a reference to
//! a shared cache (one per ten services) and to the previous service's URL, over one network and one
//! cluster, with dev, staging and prod environments — held to the built-in rules like a production
//! stack (probes, images by digest, a private cluster API, an owner tag, production approval).

use std::fmt::Write as _;

/// The stack's files as (file name, text), split into files of at most 100 services.
pub fn generate(n: usize) -> Vec<(String, String)> {
    let mut files = Vec::new();
    files.push((
        "stack.stack.hcl".to_owned(),
        r#"stack "large" {
  region = "us-east-1"
  tags = {
    owner = "platform"
  }
}

environment "dev" {
  profile = "development"
}

environment "staging" {
  profile = "staging"
}

environment "prod" {
  profile = "production"
  approval {
    reviewers = 1
  }
  suppress = {
    SC501 = "RDS classes are not priced by the catalog; the budget is kept in the finance tool"
  }
}

network "main" {
  cidr = "10.0.0.0/16"
}

cluster "apps" {
  version             = "1.35"
  public_access_cidrs = []
  node_pool "general" {
    instance = "m6i.large"
    min      = 2
    max      = 10
  }
}
"#
        .to_owned(),
    ));
    for chunk_start in (0..n).step_by(100) {
        let mut text = String::new();
        for i in chunk_start..(chunk_start + 100).min(n) {
            let cache = i / 10;
            if i % 10 == 0 {
                let _ = write!(
                    text,
                    "cache \"c{cache}\" {{\n  engine   = \"redis\"\n  instance = env.profile == \"production\" ? \"cache.r6g.large\" : \"cache.t4g.micro\"\n}}\n\n"
                );
            }
            let previous = if i == 0 { String::new() } else { format!("\n    UPSTREAM     = service.s{}.url", i - 1) };
            let _ = write!(
                text,
                r#"database "d{i}" {{
  engine  = "postgres"
  version = "16"
  storage = "{storage}Gi"
}}

service "s{i}" {{
  image  = "ghcr.io/acme/s{i}:1.{i}.0@sha256:{i:064x}"
  port   = {port}
  cpu    = "250m"
  memory = "512Mi"
  health {{}}
  env = {{
    DATABASE_URL = database.d{i}.url
    REDIS_URL    = cache.c{cache}.url
    SERVICE_NAME = "s{i}-${{env.name}}"{previous}
  }}
}}

"#,
                storage = 20 + i % 100,
                port = 8000 + i % 1000,
            );
        }
        files.push((format!("services-{:05}.stack.hcl", chunk_start / 100), text));
    }
    files
}

#[cfg(test)]
mod tests {
    /// The benchmark measures a stack users could write: if the stdlib's rules move (a Kubernetes
    /// version retired, a new limit), the generated stack must still check clean, or the numbers
    /// measure error reporting instead.
    #[test]
    fn the_generated_stack_checks_clean() {
        let mut sources = stackc_core::MemorySources::new();
        for (name, text) in super::generate(25) {
            sources.add(format!("stack/{name}"), text);
        }
        let c = stackc_core::compile(&sources, "stack").expect("the sources are in memory");
        assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
        assert!(stackc_core::emit::build(&c, None).is_ok());
    }
}
