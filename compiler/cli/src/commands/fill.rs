//! `stackc fill OUT --env E --terraform-outputs FILE`: the deploy step between `terraform apply` and
//! `helmfile apply`. Reads the environment's deferred-values manifest (`OUT/<env>/helm/deferred.json`,
//! written by `stackc build`) and the Terraform outputs (`terraform output -json`, a file or `-` for
//! stdin), checks that every output the Helm values need exists with the type the stack expects, and
//! writes `OUT/<env>/helm/deferred/<release>.yaml`, which the helmfile layers over each release's
//! values. Any problem is reported and nothing is written (exit 1).

use std::fs;
use std::io::Read as _;
use std::path::PathBuf;

use stackc_core::emit::helm::{deferred, deferred_header};

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
    let helm = args.out.join(&args.env).join("helm");
    let manifest_path = helm.join("deferred.json");
    let manifest = match fs::read_to_string(&manifest_path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!(
                "error: cannot read {}: {e}\n  (run `stackc build` first; an environment without Kubernetes workloads has nothing to fill)",
                manifest_path.display()
            );
            return 2;
        }
    };
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
    let overlays = match deferred::fill(&manifest, &outputs, &deferred_header(&args.env)) {
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
        let path = helm.join(&o.file);
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
    eprintln!("filled {} release(s) of {} from the Terraform outputs", overlays.len(), args.env);
    0
}
