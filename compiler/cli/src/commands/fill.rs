//! `stackc fill OUT --env E --terraform-outputs FILE`: the deploy step between `terraform apply` and
//! the tools that deploy with values known only after it (`helmfile apply`, `ansible-playbook`).
//! Reads the environment's deferred-values manifests (`OUT/<env>/helm/deferred.json`,
//! `OUT/<env>/ansible/deferred.json`, written by `stackc build`) and the Terraform outputs
//! (`terraform output -json`, a file or `-` for stdin), checks that every output they need exists with
//! the type the stack expects, and writes the overlays: `OUT/<env>/helm/deferred/<release>.yaml`, which
//! the helmfile layers over each release's values, and `OUT/<env>/ansible/deferred/inventory.yml`,
//! the inventory layered over the environment's. Any problem is reported and nothing is written
//! (exit 1).

use std::fs;
use std::io::Read as _;
use std::path::PathBuf;

use stackc_core::emit::deferred;

#[derive(clap::Args)]
pub struct Args {
    /// The output directory `stackc build` wrote (its `--out`, default DIR/generated)
    out: PathBuf,
    /// The environment being deployed
    #[arg(long)]
    env: String,
    /// The JSON of `terraform output -json` for that environment, or `-` to read it from stdin
    #[arg(long, value_name = "FILE")]
    terraform_outputs: PathBuf,
}

pub fn run(args: &Args) -> u8 {
    let env_dir = args.out.join(&args.env);
    let mut manifests = Vec::new();
    for rel in deferred::MANIFESTS {
        let path = env_dir.join(rel);
        match fs::read_to_string(&path) {
            Ok(text) => manifests.push((*rel, text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return 2;
            }
        }
    }
    if manifests.is_empty() {
        if !env_dir.is_dir() {
            eprintln!("error: {} does not exist (run `stackc build` first, or check --env)", env_dir.display());
            return 2;
        }
        eprintln!("nothing to fill: {} has no value known only after apply", args.env);
        return 0;
    }
    let outputs = if args.terraform_outputs.as_os_str() == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("error: cannot read the Terraform outputs from stdin: {e}");
            return 2;
        }
        s
    } else {
        match fs::read_to_string(&args.terraform_outputs) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", args.terraform_outputs.display());
                return 2;
            }
        }
    };
    let pairs: Vec<(&str, &str)> = manifests.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let overlays = match deferred::fill(&pairs, &outputs, &deferred::header(&args.env)) {
        Ok(o) => o,
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            eprintln!("error: nothing was written; the deploy must not continue");
            return 1;
        }
    };
    for o in &overlays {
        let path = env_dir.join(&o.file);
        let tmp = path.with_extension("yaml.tmp");
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&tmp, &o.contents))
            .and_then(|()| fs::rename(&tmp, &path));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 2;
        }
    }
    eprintln!("filled {} overlay(s) of {} from the Terraform outputs", overlays.len(), args.env);
    0
}
