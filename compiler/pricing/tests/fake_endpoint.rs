//! The whole update against a fake Price List endpoint: a `std::net::TcpListener` on 127.0.0.1 answers
//! the SDK's `x-amz-json-1.1` GetProducts calls with the recorded responses in `tests/pricing/responses`
//! (see `tests/pricing/README.md`), and records every request. No network beyond loopback, no AWS.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};
use stackc_pricing::aws_sdk_pricing::config::{BehaviorVersion, Credentials, Region};
use stackc_pricing::aws_sdk_pricing::{Client, Config};
use stackc_pricing::{Catalog, Error};

const AS_OF: &str = "2026-01-15";
const FILES: [&str; 3] = ["instance-types.tsv", "instance-prices.tsv", "coverage.tsv"];

fn recordings() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/pricing")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// How the fake endpoint answers.
#[derive(Clone)]
enum Behaviour {
    /// The recorded responses.
    Recorded,
    /// Every call: 400 AccessDeniedException, as for an identity without pricing:GetProducts.
    AccessDenied,
    /// The recorded responses, but the call carrying this NextToken gets a 403 (credentials that expired
    /// between two pages).
    ExpireAtToken(String),
    /// The recorded responses, with the response of this file stem replaced by this body.
    Replace(String, String),
}

/// One request the fake endpoint received.
#[derive(Clone, Debug)]
struct Request {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Value,
}

struct FakePriceList {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl FakePriceList {
    fn start(behaviour: Behaviour) -> FakePriceList {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let tokens: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let (requests2, stop2) = (requests.clone(), stop.clone());
        let thread = thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (requests, tokens, behaviour) = (requests2.clone(), tokens.clone(), behaviour.clone());
                thread::spawn(move || serve(stream, &requests, &tokens, &behaviour));
            }
        });
        FakePriceList { addr, requests, stop, thread: Some(thread) }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// A client as the brief of the tests asks: endpoint override, static test credentials, us-east-1, and
    /// the crate's own HTTP client.
    fn client(&self) -> Client {
        let config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(self.url())
            .credentials_provider(Credentials::new("AKIDTEST", "secret", None, None, "test"))
            .http_client(stackc_pricing::http_client())
            .build();
        Client::from_conf(config)
    }
}

impl Drop for FakePriceList {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves the HTTP/1.1 requests of one connection (the SDK keeps connections alive).
fn serve(
    stream: TcpStream,
    requests: &Mutex<Vec<Request>>,
    tokens: &Mutex<HashMap<String, String>>,
    behaviour: &Behaviour,
) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let mut headers = HashMap::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
            }
        }
        let body = if headers.get("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
            read_chunked(&mut reader)
        } else {
            let length: usize = headers.get("content-length").map_or(0, |l| l.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            body
        };
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let request = Request { method, path, headers, body };
        requests.lock().unwrap().push(request.clone());
        let (status, error_type, response) = respond(&request, tokens, behaviour);
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\
             x-amzn-RequestId: 6a3f1b0e-0000-4000-8000-{:012}\r\n",
            response.len(),
            requests.lock().unwrap().len()
        );
        if let Some(error_type) = error_type {
            head.push_str(&format!("x-amzn-ErrorType: {error_type}\r\n"));
        }
        head.push_str("\r\n");
        if writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(response.as_bytes())).is_err() {
            return;
        }
    }
}

fn read_chunked(reader: &mut impl BufRead) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).unwrap();
        let size = usize::from_str_radix(size.trim().split(';').next().unwrap(), 16).unwrap();
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

/// (status line, x-amzn-ErrorType, body) for one GetProducts request.
fn respond(
    request: &Request,
    tokens: &Mutex<HashMap<String, String>>,
    behaviour: &Behaviour,
) -> (&'static str, Option<&'static str>, String) {
    let error = |status, kind: &'static str, message: &str| {
        (status, Some(kind), json!({"__type": kind, "Message": message}).to_string())
    };
    if request.headers.get("x-amz-target").map(String::as_str) != Some("AWSPriceListService.GetProducts") {
        return error("400 Bad Request", "UnknownOperationException", "unknown operation");
    }
    if matches!(behaviour, Behaviour::AccessDenied) {
        return error(
            "400 Bad Request",
            "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/test is not authorized to perform: pricing:GetProducts \
             because no identity-based policy allows the pricing:GetProducts action",
        );
    }
    let token = request.body.get("NextToken").and_then(Value::as_str);
    if let (Behaviour::ExpireAtToken(expiring), Some(token)) = (behaviour, token) {
        if expiring == token {
            return error(
                "403 Forbidden",
                "ExpiredTokenException",
                "The security token included in the request is expired",
            );
        }
    }
    let stem = match token {
        Some(token) => match tokens.lock().unwrap().get(token) {
            Some(stem) => stem.clone(),
            None => return error("400 Bad Request", "InvalidNextTokenException", "The pagination token is invalid."),
        },
        None => {
            let Some(stem) = stem_of(&request.body) else {
                return error("400 Bad Request", "InvalidParameterException", "no recording for these filters");
            };
            let dir = recordings().join("responses");
            if dir.join(format!("{stem}.json")).exists() {
                stem
            } else {
                format!("{stem}.page1")
            }
        }
    };
    let body = match behaviour {
        Behaviour::Replace(replaced, body) if *replaced == stem => body.clone(),
        _ => read(&recordings().join("responses").join(format!("{stem}.json"))),
    };
    let parsed: Value = serde_json::from_str(&body).unwrap();
    if let Some(next) = parsed.get("NextToken").and_then(Value::as_str) {
        let page: u32 = stem.rsplit_once(".page").map_or(1, |(_, n)| n.parse().unwrap());
        let base = stem.rsplit_once(".page").map_or(stem.as_str(), |(base, _)| base);
        tokens.lock().unwrap().insert(next.to_string(), format!("{base}.page{}", page + 1));
    }
    ("200 OK", None, body)
}

/// `ec2-linux-us-east-1` and the like, from the ServiceCode and filters of a first-page request.
fn stem_of(body: &Value) -> Option<String> {
    let filters: HashMap<&str, &str> = body
        .get("Filters")?
        .as_array()?
        .iter()
        .filter_map(|f| Some((f.get("Field")?.as_str()?, f.get("Value")?.as_str()?)))
        .collect();
    let region = filters.get("regionCode")?;
    let (service, engine) = match body.get("ServiceCode")?.as_str()? {
        "AmazonEC2" if *filters.get("productFamily")? == "Compute Instance (bare metal)" => ("ec2", "linux-metal"),
        "AmazonEC2" => ("ec2", "linux"),
        "AmazonRDS" => ("rds", if *filters.get("databaseEngine")? == "PostgreSQL" { "postgres" } else { "mysql" }),
        "AmazonElastiCache" => {
            ("elasticache", if *filters.get("cacheEngine")? == "Redis" { "redis" } else { "valkey" })
        }
        _ => return None,
    };
    Some(format!("{service}-{engine}-{region}"))
}

fn regions(names: &[&str]) -> Vec<String> {
    names.iter().map(|r| r.to_string()).collect()
}

fn term_match(pairs: &[(&str, &str)]) -> Value {
    Value::Array(pairs.iter().map(|(f, v)| json!({"Type": "TERM_MATCH", "Field": f, "Value": v})).collect())
}

/// The filters every call must carry, written out (not computed by the crate under test).
fn expected_filters(service_code: &str, engine: &str, region: &str) -> Value {
    match (service_code, engine) {
        ("AmazonEC2", "Linux") => term_match(&[
            ("regionCode", region),
            ("productFamily", "Compute Instance"),
            ("operatingSystem", "Linux"),
            ("tenancy", "Shared"),
            ("preInstalledSw", "NA"),
            ("capacitystatus", "Used"),
            ("licenseModel", "No License required"),
            ("marketoption", "OnDemand"),
        ]),
        ("AmazonEC2", _) => term_match(&[
            ("regionCode", region),
            ("productFamily", "Compute Instance (bare metal)"),
            ("operatingSystem", "Linux"),
            ("tenancy", "Dedicated"),
            ("preInstalledSw", "NA"),
            ("capacitystatus", "Used"),
            ("licenseModel", "No License required"),
            ("marketoption", "OnDemand"),
        ]),
        ("AmazonRDS", engine) => term_match(&[
            ("regionCode", region),
            ("productFamily", "Database Instance"),
            ("databaseEngine", engine),
            ("deploymentOption", "Single-AZ"),
            ("licenseModel", "No license required"),
        ]),
        (_, engine) => {
            term_match(&[("regionCode", region), ("productFamily", "Cache Instance"), ("cacheEngine", engine)])
        }
    }
}

fn files_of(dir: &Path) -> Vec<(String, String)> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), read(&dir.join(n)))).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in FILES {
        std::fs::copy(from.join(name), to.join(name)).unwrap();
    }
}

#[test]
fn fetch_sends_the_filters_follows_pages_and_writes_the_expected_catalog() {
    let server = FakePriceList::start(Behaviour::Recorded);
    let client = server.client();
    let catalog = stackc_pricing::block_on(stackc_pricing::fetch(&client, &regions(&["us-east-1", "eu-west-1"])))
        .unwrap()
        .unwrap();
    assert_eq!(catalog.as_of, stackc_pricing::today_utc());

    let requests = server.requests();
    let calls: Vec<(String, String, Option<String>)> = requests
        .iter()
        .map(|r| {
            let filters = r.body["Filters"].as_array().unwrap();
            let region = filters.iter().find(|f| f["Field"] == "regionCode").unwrap()["Value"].as_str().unwrap();
            (
                r.body["ServiceCode"].as_str().unwrap().to_string(),
                region.to_string(),
                r.body["NextToken"].as_str().map(str::to_string),
            )
        })
        .collect();
    let page2_token = read(&recordings().join("responses/ec2-linux-us-east-1.page1.json"));
    let page2_token = serde_json::from_str::<Value>(&page2_token).unwrap()["NextToken"].as_str().unwrap().to_string();
    let expected_calls: Vec<(String, String, Option<String>)> = [
        ("AmazonEC2", "eu-west-1", None),
        ("AmazonEC2", "eu-west-1", None),
        ("AmazonRDS", "eu-west-1", None),
        ("AmazonRDS", "eu-west-1", None),
        ("AmazonElastiCache", "eu-west-1", None),
        ("AmazonElastiCache", "eu-west-1", None),
        ("AmazonEC2", "us-east-1", None),
        ("AmazonEC2", "us-east-1", Some(page2_token.as_str())),
        ("AmazonEC2", "us-east-1", None),
        ("AmazonRDS", "us-east-1", None),
        ("AmazonRDS", "us-east-1", None),
        ("AmazonElastiCache", "us-east-1", None),
        ("AmazonElastiCache", "us-east-1", None),
    ]
    .iter()
    .map(|(s, r, t)| (s.to_string(), r.to_string(), t.map(str::to_string)))
    .collect();
    assert_eq!(calls, expected_calls, "per region: EC2 shared and bare metal, RDS ×2, ElastiCache ×2; two EC2 pages");

    let engines = [
        "Linux",
        "metal",
        "PostgreSQL",
        "MySQL",
        "Redis",
        "Valkey",
        "Linux",
        "Linux",
        "metal",
        "PostgreSQL",
        "MySQL",
        "Redis",
        "Valkey",
    ];
    for ((request, engine), (service_code, region, _)) in requests.iter().zip(engines).zip(&calls) {
        assert_eq!(request.body["Filters"], expected_filters(service_code, engine, region), "{service_code} {engine}");
        assert_eq!(request.body["FormatVersion"], "aws_v1");
        assert_eq!(request.body["MaxResults"], 100);
        assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/"));
        assert_eq!(request.headers["x-amz-target"], "AWSPriceListService.GetProducts");
        assert_eq!(request.headers["content-type"], "application/x-amz-json-1.1");
        let authorization = &request.headers["authorization"];
        assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), "{authorization}");
        assert!(authorization.contains("/us-east-1/pricing/aws4_request"), "signed for us-east-1: {authorization}");
    }

    // `fetch` dates the catalog today (its header and coverage rows); the recording expects AS_OF.
    let today = stackc_pricing::today_utc();
    for (name, contents) in catalog.to_files() {
        let expected = read(&recordings().join("expected").join(name)).replace(AS_OF, &today);
        assert_eq!(contents, expected, "{name}");
    }
}

#[test]
fn update_writes_the_three_files_into_a_new_directory() {
    let server = FakePriceList::start(Behaviour::Recorded);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog");
    let update = stackc_pricing::block_on(stackc_pricing::update(
        &server.client(),
        &out,
        &regions(&["us-east-1", "eu-west-1"]),
        AS_OF,
    ))
    .unwrap()
    .unwrap();
    let mut expected: Vec<(String, String)> =
        FILES.iter().map(|n| (n.to_string(), read(&recordings().join("expected").join(n)))).collect();
    expected.sort();
    assert_eq!(files_of(&out), expected, "exactly the three files, byte for byte");
    assert_eq!(update.fetched, update.written);
    let counts = update.fetched.price_counts();
    assert!(counts.contains(&("ec2".into(), "linux".into(), "us-east-1".into(), 6)), "{counts:?}");
    assert!(counts.contains(&("ec2".into(), "linux".into(), "eu-west-1".into(), 3)), "{counts:?}");
    assert!(counts.contains(&("elasticache".into(), "valkey".into(), "eu-west-1".into(), 0)), "{counts:?}");
}

#[test]
fn updating_one_region_keeps_the_other_regions_of_an_existing_catalog() {
    let server = FakePriceList::start(Behaviour::Recorded);
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&recordings().join("existing"), dir.path());
    assert_eq!(stackc_pricing::default_regions(dir.path()).unwrap(), regions(&["us-east-1", "us-west-2"]));
    stackc_pricing::block_on(stackc_pricing::update(&server.client(), dir.path(), &regions(&["us-east-1"]), AS_OF))
        .unwrap()
        .unwrap();
    for name in FILES {
        assert_eq!(read(&dir.path().join(name)), read(&recordings().join("expected-merged").join(name)), "{name}");
    }
    assert_eq!(server.requests().len(), 7, "six calls for one region, the shared EC2 one on two pages");
    // Writing the merged catalog again from its own files changes nothing.
    let reread = Catalog::read_dir(dir.path()).unwrap();
    let again = Catalog { as_of: AS_OF.to_string(), ..reread };
    for (name, contents) in again.to_files() {
        assert_eq!(contents, read(&dir.path().join(name)), "{name}");
    }
}

/// Runs an update into a copy of the existing catalog and returns the error; the directory must be
/// exactly as it was.
fn failing_update(behaviour: Behaviour) -> (Error, usize) {
    let server = FakePriceList::start(behaviour);
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&recordings().join("existing"), dir.path());
    let before = files_of(dir.path());
    let result = stackc_pricing::block_on(stackc_pricing::update(
        &server.client(),
        dir.path(),
        &regions(&["us-east-1", "eu-west-1"]),
        AS_OF,
    ))
    .unwrap();
    assert_eq!(files_of(dir.path()), before, "nothing written, no temporary file left");
    (result.unwrap_err(), server.requests().len())
}

#[test]
fn access_denied_is_an_error_with_a_hint_and_writes_nothing() {
    let (error, calls) = failing_update(Behaviour::AccessDenied);
    assert_eq!(calls, 1, "no retry of an access error, no further query");
    match &error {
        Error::Api { code, message, .. } => {
            assert_eq!(code.as_deref(), Some("AccessDeniedException"));
            assert!(
                message.starts_with("AccessDeniedException: User: arn:aws:iam::123456789012:user/test"),
                "{message}"
            );
            assert!(message.ends_with("allows the pricing:GetProducts action (HTTP 400)"), "{message}");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert!(error.to_string().starts_with("GetProducts for ec2 linux in eu-west-1 (AmazonEC2) failed: "), "{error}");
    assert!(error.hint().unwrap().contains("pricing:GetProducts"));
}

#[test]
fn credentials_expiring_between_pages_is_an_error_and_writes_nothing() {
    let page1 = read(&recordings().join("responses/ec2-linux-us-east-1.page1.json"));
    let token = serde_json::from_str::<Value>(&page1).unwrap()["NextToken"].as_str().unwrap().to_string();
    let (error, calls) = failing_update(Behaviour::ExpireAtToken(token));
    assert_eq!(calls, 8, "eu-west-1's six calls, then us-east-1's shared EC2 pages 1 and 2");
    assert!(matches!(&error, Error::Api { code: Some(code), .. } if code == "ExpiredTokenException"), "{error:?}");
    assert!(
        error
            .to_string()
            .ends_with("ExpiredTokenException: The security token included in the request is expired (HTTP 403)"),
        "{error}"
    );
    assert!(error.hint().unwrap().contains("aws sso login"));
}

#[test]
fn a_malformed_product_is_an_error_naming_its_sku_and_writes_nothing() {
    let mut page: Value =
        serde_json::from_str(&read(&recordings().join("responses/rds-mysql-eu-west-1.json"))).unwrap();
    let mut product: Value = serde_json::from_str(page["PriceList"][0].as_str().unwrap()).unwrap();
    let sku = product["product"]["sku"].as_str().unwrap().to_string();
    product["product"]["attributes"]["memory"] = json!("NA");
    page["PriceList"][0] = Value::String(product.to_string());
    let (error, _) = failing_update(Behaviour::Replace("rds-mysql-eu-west-1".into(), page.to_string()));
    let message = error.to_string();
    assert!(message.contains(&format!("product {sku}: db.t4g.micro: memory \"NA\" is not a size in GiB")), "{message}");
    assert!(message.starts_with("GetProducts for rds mysql in eu-west-1 (AmazonRDS): "), "{message}");
}

#[test]
fn a_malformed_existing_catalog_fails_before_any_call() {
    let server = FakePriceList::start(Behaviour::Recorded);
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&recordings().join("existing"), dir.path());
    std::fs::write(dir.path().join("coverage.tsv"), "service\tengine\tregion\n").unwrap();
    let error =
        stackc_pricing::block_on(stackc_pricing::update(&server.client(), dir.path(), &regions(&["us-east-1"]), AS_OF))
            .unwrap()
            .unwrap_err();
    assert!(matches!(error, Error::Catalog { line: 1, .. }), "{error:?}");
    assert!(server.requests().is_empty());
}

#[test]
fn a_bad_region_fails_before_any_call() {
    let server = FakePriceList::start(Behaviour::Recorded);
    let result =
        stackc_pricing::block_on(stackc_pricing::fetch(&server.client(), &regions(&["us-east-1", "Ireland"]))).unwrap();
    assert!(matches!(&result, Err(Error::Argument(m)) if m.contains("`Ireland`")), "{result:?}");
    assert!(server.requests().is_empty());
}
