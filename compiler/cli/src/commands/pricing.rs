//! `stackc pricing update`: fetch the price catalog's newest source (`compiler/core/data/sources/aws-price-list`,
//! laid over the public sources by `scripts/catalog/generate.py`) from the AWS Price
//! List Query API with the user's AWS credentials. Compiled only with the `pricing-update` feature; see
//! docs/pricing-update.md.

use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: PricingCommand,
}

#[derive(clap::Subcommand)]
enum PricingCommand {
    /// Fetch on-demand instance prices from the AWS Price List Query API (GetProducts; needs AWS credentials
    /// allowed pricing:GetProducts) and rewrite the catalog files, keeping the rows of regions not fetched
    Update(UpdateArgs),
}

#[derive(clap::Args)]
struct UpdateArgs {
    /// The catalog directory: instance-types.tsv, instance-prices.tsv and coverage.tsv are read and rewritten
    #[arg(long, value_name = "DIR", default_value = "compiler/core/data/sources/aws-price-list")]
    out: PathBuf,
    /// A region to price, e.g. eu-west-1; repeatable [default: the regions of DIR/coverage.tsv, else
    /// us-east-1, us-west-2 and eu-west-1]
    #[arg(long = "region", value_name = "R")]
    regions: Vec<String>,
    /// Send the Price List calls to this endpoint instead of AWS's public one (a VPC endpoint, a local fake);
    /// they are signed for us-east-1
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
}

pub fn run(args: &Args) -> u8 {
    match &args.command {
        PricingCommand::Update(args) => update(args),
    }
}

fn update(args: &UpdateArgs) -> u8 {
    let regions = if args.regions.is_empty() {
        match stackc_pricing::default_regions(&args.out) {
            Ok(regions) => regions,
            Err(e) => return fail(&e),
        }
    } else {
        args.regions.clone()
    };
    eprintln!(
        "fetching EC2, RDS and ElastiCache on-demand prices in {} from the AWS Price List Query API",
        regions.join(", ")
    );
    match stackc_pricing::update_from_environment(&args.out, &regions, args.endpoint_url.as_deref()) {
        Ok(update) => super::print_stdout(&summary(args, &update)),
        Err(e) => fail(&e),
    }
}

fn fail(error: &stackc_pricing::Error) -> u8 {
    eprintln!("error: {error}");
    if let Some(hint) = error.hint() {
        eprintln!("hint: {hint}");
    }
    eprintln!("nothing was written");
    2
}

fn summary(args: &UpdateArgs, update: &stackc_pricing::Update) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "prices fetched (as of {}):", update.fetched.as_of);
    for (service, engine, region, count) in update.fetched.price_counts() {
        let _ = writeln!(out, "  {service:<12} {engine:<9} {region:<16} {count:>5}");
    }
    let written = &update.written;
    let _ = writeln!(
        out,
        "wrote {}: {} instance types, {} prices, {} (service, engine, region) covered",
        args.out.display(),
        written.instance_types.len(),
        written.prices.len(),
        written.coverage.len()
    );
    let _ = writeln!(out, "rebuild stackc to embed the refreshed catalog, then review and commit the diff");
    out
}
