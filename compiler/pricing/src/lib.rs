//! `stackc pricing update`: refreshes stackc's price catalog from the AWS Price List Query API.
//!
//! For each priced region and each engine stackc models (EC2 Linux; RDS PostgreSQL and MySQL, Single-AZ;
//! ElastiCache Redis OSS and Valkey) one paginated GetProducts call with `TERM_MATCH` filters
//! ([`Query`]) returns Price List product documents; [`parse_product`] turns each into an instance type
//! and its on-demand hourly price; [`Catalog`] writes the three catalog files deterministically and can
//! lay a partial refresh over an existing catalog. The Price List API is served from us-east-1, whatever
//! regions are priced, so every client here is a us-east-1 client.
//!
//! The crate is compiled into the `stackc` binary only with the CLI's `pricing-update` feature. Its tests
//! run against a local fake endpoint, never AWS.

// No panics on what the API returns: malformed documents are errors naming the SKU.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod catalog;
mod date;
mod decimal;
mod document;
mod query;
mod write;

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aws_sdk_pricing::config::retry::RetryConfig;
use aws_sdk_pricing::config::timeout::TimeoutConfig;
use aws_sdk_pricing::config::{BehaviorVersion, ProvideCredentials, Region, SharedHttpClient};
use aws_sdk_pricing::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_pricing::operation::get_products::GetProductsError;
use aws_sdk_pricing::types::{Filter, FilterType};
use aws_sdk_pricing::Client;

pub use aws_sdk_pricing;
pub use catalog::{
    Catalog, CoverageRow, Fetched, PriceRow, TypeRow, COVERAGE_FILE, INSTANCE_PRICES_FILE, INSTANCE_TYPES_FILE, SOURCE,
};
pub use date::today_utc;
pub use document::{arch_of, parse_product, Arch, DocumentError, InstanceSpec, Parsed};
pub use query::{is_region_code, Engine, Query, Service};
pub use write::write_files;

/// The region every Price List client uses: the API is served from us-east-1 (and ap-south-1,
/// eu-central-1), not from the regions whose prices it lists.
pub const PRICE_LIST_REGION: &str = "us-east-1";

/// The regions priced when neither the command line nor an existing `coverage.tsv` names any.
pub const DEFAULT_REGIONS: [&str; 3] = ["us-east-1", "us-west-2", "eu-west-1"];

/// The Price List document format requested and understood.
pub const FORMAT_VERSION: &str = "aws_v1";

/// GetProducts' largest page.
const PAGE_SIZE: i32 = 100;

/// Why an update failed. Nothing is written when any of these happens.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument that cannot be used: a region that is not an AWS region code, no region at all, a date
    /// that is not `YYYY-MM-DD`.
    Argument(String),
    /// No usable AWS credentials were found.
    Credentials(String),
    /// A GetProducts call failed (access denied, throttled, network, …).
    Api {
        query: String,
        code: Option<String>,
        message: String,
    },
    /// The API answered in a format this crate does not read.
    Format {
        query: String,
        message: String,
    },
    /// A product document that cannot be read.
    Document {
        query: String,
        error: DocumentError,
    },
    /// Two products claim one catalog row with different prices.
    Conflict(String),
    /// An existing catalog file that cannot be read.
    Catalog {
        path: PathBuf,
        line: usize,
        message: String,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The async runtime could not start.
    Runtime(std::io::Error),
}

impl Error {
    /// What the user can do about it, when that is clear.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Error::Credentials(_) => Some(
                "configure AWS credentials: AWS_PROFILE=<profile> (run `aws sso login --profile <profile>` first \
                 for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)",
            ),
            Error::Api { code: Some(code), .. } => match code.as_str() {
                "AccessDeniedException" => {
                    Some("the identity needs the IAM permission pricing:GetProducts (for example the AWS managed policy AWSPriceListServiceFullAccess)")
                }
                "UnrecognizedClientException" | "InvalidSignatureException" | "ExpiredTokenException"
                | "ExpiredToken" | "InvalidClientTokenId" => Some(
                    "AWS did not accept the credentials: refresh them (`aws sso login` for an SSO profile) and run again",
                ),
                "ThrottlingException" => Some("the Price List API is throttling requests: run again in a few minutes"),
                _ => None,
            },
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Argument(message) => f.write_str(message),
            Error::Credentials(message) => write!(f, "no usable AWS credentials: {message}"),
            Error::Api { query, message, .. } => write!(f, "GetProducts for {query} failed: {message}"),
            Error::Format { query, message } => write!(f, "GetProducts for {query}: {message}"),
            Error::Document { query, error } => write!(f, "GetProducts for {query}: {error}"),
            Error::Conflict(message) => write!(f, "conflicting prices: {message}"),
            Error::Catalog { path, line, message } => write!(f, "{}:{line}: {message}", path.display()),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Runtime(source) => write!(f, "cannot start the async runtime: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Document { error, .. } => Some(error),
            Error::Io { source, .. } | Error::Runtime(source) => Some(source),
            _ => None,
        }
    }
}

/// The HTTP client of every Price List client: the SDK's hyper 1 + rustls client with ring as the
/// crypto provider (the SDK's default, aws-lc-rs, is a C library built with cmake). It trusts the
/// platform's root certificates and also speaks plain `http://`, which the tests' fake endpoint uses.
pub fn http_client() -> SharedHttpClient {
    use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
    aws_smithy_http_client::Builder::new().tls_provider(Provider::Rustls(CryptoMode::Ring)).build_https()
}

/// Runs `future` to completion on a current-thread tokio runtime.
pub fn block_on<F: Future>(future: F) -> Result<F::Output, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(Error::Runtime)?;
    Ok(runtime.block_on(future))
}

/// A Price List client with the user's credentials: the AWS SDK's default chain (environment variables,
/// `AWS_PROFILE` and the shared config/credentials files including SSO and `credential_process`, web
/// identity, container and instance metadata), region us-east-1 whatever the profile says, and
/// `endpoint_url` instead of the public endpoint when given. The credentials are resolved once here, so
/// that their absence is reported as such rather than as a failed call.
pub async fn client_from_environment(endpoint_url: Option<&str>) -> Result<Client, Error> {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(PRICE_LIST_REGION))
        .http_client(http_client())
        .retry_config(RetryConfig::standard().with_max_attempts(5))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(10))
                .operation_attempt_timeout(Duration::from_secs(60))
                .build(),
        )
        .load()
        .await;
    let provider = config
        .credentials_provider()
        .ok_or_else(|| Error::Credentials("no credentials provider is configured".to_string()))?;
    provider.provide_credentials().await.map_err(|e| Error::Credentials(error_chain(&e)))?;
    let mut builder = aws_sdk_pricing::config::Builder::from(&config);
    if let Some(url) = endpoint_url {
        builder = builder.endpoint_url(url);
    }
    Ok(Client::from_conf(builder.build()))
}

/// Fetches the catalog of `regions` (each engine of each region, every page), dated today (UTC).
pub async fn fetch(client: &Client, regions: &[String]) -> Result<Catalog, Error> {
    fetch_as_of(client, regions, &today_utc()).await
}

/// [`fetch`], dated `as_of` (`YYYY-MM-DD`).
pub async fn fetch_as_of(client: &Client, regions: &[String], as_of: &str) -> Result<Catalog, Error> {
    if !date::is_iso_date(as_of) {
        return Err(Error::Argument(format!("`{as_of}` is not a YYYY-MM-DD date")));
    }
    let regions = checked_regions(regions)?;
    let queries = Query::all(&regions);
    let mut products = Vec::new();
    for query in &queries {
        fetch_query(client, query, &mut products).await?;
    }
    Catalog::from_fetched(as_of, &queries, &products)
}

/// The regions, checked and sorted, without duplicates.
fn checked_regions(regions: &[String]) -> Result<Vec<String>, Error> {
    if regions.is_empty() {
        return Err(Error::Argument("no region to price".to_string()));
    }
    if let Some(bad) = regions.iter().find(|r| !is_region_code(r)) {
        return Err(Error::Argument(format!("`{bad}` is not an AWS region code (like us-east-1)")));
    }
    let mut regions = regions.to_vec();
    regions.sort();
    regions.dedup();
    Ok(regions)
}

/// Every page of every GetProducts call of one query; priced products are appended to `out`.
async fn fetch_query(client: &Client, query: &Query, out: &mut Vec<Fetched>) -> Result<(), Error> {
    for filters in query.filter_sets() {
        let filters = filters
            .into_iter()
            .map(|(field, value)| Filter::builder().r#type(FilterType::TermMatch).field(field).value(value).build())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Api { query: query.to_string(), code: None, message: e.to_string() })?;
        let mut pages = client
            .get_products()
            .service_code(query.service().service_code())
            .set_filters(Some(filters))
            .format_version(FORMAT_VERSION)
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| api_error(query, &e))?;
            if let Some(version) = page.format_version().filter(|v| *v != FORMAT_VERSION) {
                return Err(Error::Format {
                    query: query.to_string(),
                    message: format!("format version {version:?}, not {FORMAT_VERSION:?}"),
                });
            }
            for document in page.price_list() {
                match parse_product(document, query) {
                    Ok(Parsed::Priced { sku, spec, usd_per_hour }) => {
                        out.push(Fetched { query: query.clone(), sku, spec, usd_per_hour });
                    }
                    Ok(Parsed::Skipped { .. }) => {}
                    Err(error) => return Err(Error::Document { query: query.to_string(), error }),
                }
            }
        }
    }
    Ok(())
}

fn api_error(query: &Query, error: &SdkError<GetProductsError>) -> Error {
    let code = error.as_service_error().and_then(|e| e.code()).map(str::to_string);
    let message = match (error.as_service_error(), &code) {
        (Some(service_error), Some(code)) => {
            let status = error.raw_response().map(|r| format!(" (HTTP {})", r.status().as_u16())).unwrap_or_default();
            match service_error.message() {
                Some(message) => format!("{code}: {message}{status}"),
                None => format!("{code}{status}"),
            }
        }
        _ => error_chain(error),
    };
    Error::Api { query: query.to_string(), code, message }
}

/// An error and its sources, `: `-separated, each said once (the SDK's errors repeat their source's
/// text, and their `Debug` form is too long for a terminal).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// The regions an update prices by default: those of `dir`'s `coverage.tsv`, else [`DEFAULT_REGIONS`].
pub fn default_regions(dir: &Path) -> Result<Vec<String>, Error> {
    let covered = Catalog::read_dir(dir)?.covered_regions();
    Ok(if covered.is_empty() { DEFAULT_REGIONS.iter().map(|r| r.to_string()).collect() } else { covered })
}

/// What [`update`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// What was fetched.
    pub fetched: Catalog,
    /// What was written: the fetched catalog over the one that was in the directory.
    pub written: Catalog,
}

/// Refreshes the catalog in `dir` for `regions` as of `as_of`: reads the existing files (a malformed one
/// fails before any call), fetches everything, lays it over the existing rows
/// ([`Catalog::merged_over`]) and writes the three files ([`write_files`]). On any error nothing is
/// written.
pub async fn update(client: &Client, dir: &Path, regions: &[String], as_of: &str) -> Result<Update, Error> {
    let existing = Catalog::read_dir(dir)?;
    let fetched = fetch_as_of(client, regions, as_of).await?;
    let written = fetched.merged_over(&existing);
    write_files(dir, &written.to_files())?;
    Ok(Update { fetched, written })
}

/// `stackc pricing update`: [`update`] with the user's credentials ([`client_from_environment`]), dated
/// today, on a current-thread runtime.
pub fn update_from_environment(dir: &Path, regions: &[String], endpoint_url: Option<&str>) -> Result<Update, Error> {
    checked_regions(regions)?;
    block_on(async {
        let client = client_from_environment(endpoint_url).await?;
        update(&client, dir, regions, &today_utc()).await
    })?
}
