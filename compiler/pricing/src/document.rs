//! Pure parsing of Price List product documents: one element of GetProducts' `PriceList` (a JSON string,
//! format `aws_v1`) → one typed instance type and hourly price, a reasoned skip, or an error naming the
//! SKU. Nothing here panics on a malformed document.
//!
//! A document looks like this (abridged):
//!
//! ```json
//! {"product": {"productFamily": "Compute Instance", "sku": "…",
//!              "attributes": {"instanceType": "m6i.large", "regionCode": "us-east-1", "vcpu": "2",
//!                             "memory": "8 GiB", "physicalProcessor": "Intel Xeon 8375C (Ice Lake)",
//!                             "processorArchitecture": "64-bit", "usagetype": "BoxUsage:m6i.large", …}},
//!  "serviceCode": "AmazonEC2",
//!  "terms": {"OnDemand": {"<sku>.JRTCKXETXF": {"priceDimensions": {"<sku>.JRTCKXETXF.6YS6EN2CT7":
//!              {"unit": "Hrs", "pricePerUnit": {"USD": "0.0960000000"}, …}}, …}},
//!            "Reserved": {…}},
//!  "version": "…", "publicationDate": "…"}
//! ```

use std::fmt;

use serde_json::{Map, Value};

use crate::decimal;
use crate::query::{Query, Service};

/// An instance's processor architecture, as the catalog's `arch` column spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arch {
    X86_64,
    Arm64,
}

impl Arch {
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
}

/// The architecture named by a product's `physicalProcessor` and `processorArchitecture` attributes.
///
/// The Price List says `processorArchitecture: "64-bit"` for Intel, AMD and Graviton alike (older x86
/// types say `"32-bit or 64-bit"`), so the architecture comes from the processor's name:
/// - `processorArchitecture` must mention `64-bit`, else the architecture is unknown;
/// - a processor named `…Graviton…` (`AWS Graviton2 Processor` on EC2, `AWS Graviton2` on RDS) or
///   `…Grace…` (NVIDIA Grace, an Arm Neoverse CPU) is `arm64`;
/// - a processor naming `Intel` or `AMD` (`Intel Xeon 8375C (Ice Lake)`, `AMD EPYC 7R13 Processor`) is
///   `x86_64`;
/// - anything else (`Variable`, a missing attribute) is unknown: `None`, an empty `arch` column.
pub fn arch_of(physical_processor: Option<&str>, processor_architecture: Option<&str>) -> Option<Arch> {
    let processor = physical_processor?;
    if !processor_architecture?.contains("64-bit") {
        return None;
    }
    let lower = processor.to_ascii_lowercase();
    if lower.contains("graviton") || lower.contains("grace") {
        Some(Arch::Arm64)
    } else if processor.contains("Intel") || processor.contains("AMD") {
        Some(Arch::X86_64)
    } else {
        None
    }
}

/// An instance type as the catalog describes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InstanceSpec {
    pub service: Service,
    /// As AWS spells it: `m6i.large`, `db.r6g.large`, `cache.t4g.micro`.
    pub name: String,
    pub vcpu: u32,
    /// A normalized decimal (`0.5`, `16`, `6.38`).
    pub memory_gib: String,
    /// `None` when the document does not tell (ElastiCache products name no processor; see
    /// `Catalog::from_fetched` for how those are resolved).
    pub arch: Option<Arch>,
}

/// What one product document means for the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// An instance type of the queried engine and region, with its on-demand price per hour in USD
    /// (a normalized, non-zero decimal).
    Priced { sku: String, spec: InstanceSpec, usd_per_hour: String },
    /// A product stackc does not model, or one without a non-zero hourly on-demand price.
    Skipped { sku: String, reason: String },
}

/// A document that cannot be read as a Price List product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    /// The product's SKU, when the document got that far.
    pub sku: Option<String>,
    pub message: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sku {
            Some(sku) => write!(f, "product {sku}: {}", self.message),
            None => write!(f, "product without a SKU: {}", self.message),
        }
    }
}

impl std::error::Error for DocumentError {}

/// Parses one `PriceList` element returned for `query`.
///
/// The product must match all filters of one of the query's GetProducts calls
/// ([`Query::filter_sets`], compared case-insensitively as `TERM_MATCH` does), and what the filters
/// cannot say: an instance-hour `usagetype` ([`Engine::usage_kinds`](crate::Engine::usage_kinds)),
/// `locationType` `AWS Region` and `marketoption` `OnDemand` where present. Non-hourly price dimensions
/// (`unit` other than `Hrs`) and zero prices are ignored.
pub fn parse_product(document: &str, query: &Query) -> Result<Parsed, DocumentError> {
    let root: Value = serde_json::from_str(document)
        .map_err(|e| DocumentError { sku: None, message: format!("not a JSON document: {e}") })?;
    let root = root.as_object().ok_or_else(|| DocumentError { sku: None, message: "not a JSON object".into() })?;
    let product = root
        .get("product")
        .and_then(Value::as_object)
        .ok_or_else(|| DocumentError { sku: None, message: "no `product` object".into() })?;
    let sku = product
        .get("sku")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| DocumentError { sku: None, message: "no `product.sku` string".into() })?
        .to_string();
    let fail = |message: String| DocumentError { sku: Some(sku.clone()), message };
    let skip = |reason: String| Ok(Parsed::Skipped { sku: sku.clone(), reason });

    let attributes = product
        .get("attributes")
        .and_then(Value::as_object)
        .ok_or_else(|| fail("no `product.attributes` object".into()))?;
    let attr = |name: &str| -> Result<Option<&str>, DocumentError> {
        match attributes.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(fail(format!("attribute `{name}` is {other}, not a string"))),
        }
    };
    let family = match product.get("productFamily") {
        None => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(other) => return Err(fail(format!("`product.productFamily` is {other}, not a string"))),
    };

    let mut mismatches = Vec::new();
    for filters in query.filter_sets() {
        let mut mismatch = None;
        for (field, wanted) in filters {
            let actual = if field == "productFamily" { family } else { attr(field)? };
            if !actual.is_some_and(|a| a.eq_ignore_ascii_case(&wanted)) {
                mismatch = Some(format!("{field} is {}, not {wanted:?}", shown(actual)));
                break;
            }
        }
        match mismatch {
            Some(m) => mismatches.push(m),
            None => {
                mismatches.clear();
                break;
            }
        }
    }
    if !mismatches.is_empty() {
        return skip(mismatches.join("; "));
    }
    let usage = attr("usagetype")?;
    if !usage.is_some_and(|u| query.engine.is_instance_hours(u)) {
        return skip(format!("usagetype is {}, not {}:…", shown(usage), query.engine.usage_kinds().join(":… or ")));
    }
    if let Some(location_type) = attr("locationType")? {
        if location_type != "AWS Region" {
            return skip(format!("locationType is {location_type:?}, not \"AWS Region\""));
        }
    }
    if let Some(market) = attr("marketoption")? {
        if market != "OnDemand" {
            return skip(format!("marketoption is {market:?}, not \"OnDemand\""));
        }
    }

    let name = attr("instanceType")?.ok_or_else(|| fail("no `instanceType` attribute".into()))?;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-') {
        return Err(fail(format!("instanceType {name:?} is not an instance type name")));
    }
    let vcpu_text = attr("vcpu")?.ok_or_else(|| fail(format!("{name}: no `vcpu` attribute")))?;
    let vcpu = vcpu_text
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| fail(format!("{name}: vcpu {vcpu_text:?} is not a positive integer")))?;
    let memory_text = attr("memory")?.ok_or_else(|| fail(format!("{name}: no `memory` attribute")))?;
    let memory_gib = memory_text
        .trim()
        .strip_suffix("GiB")
        .and_then(decimal::normalize)
        .filter(|m| !decimal::is_zero(m))
        .ok_or_else(|| fail(format!("{name}: memory {memory_text:?} is not a size in GiB")))?;
    let arch = arch_of(attr("physicalProcessor")?, attr("processorArchitecture")?);
    let spec = InstanceSpec { service: query.service(), name: name.to_string(), vcpu, memory_gib, arch };

    let Some(on_demand) = root.get("terms").and_then(|t| t.get("OnDemand")) else {
        return skip("no OnDemand terms".into());
    };
    let mut prices = hourly_prices(on_demand).map_err(fail)?;
    prices.sort();
    prices.dedup();
    match prices.as_slice() {
        [] => skip("no non-zero hourly (Hrs) on-demand price".into()),
        [price] => Ok(Parsed::Priced { sku: sku.clone(), spec, usd_per_hour: price.clone() }),
        several => Err(fail(format!("{name}: several hourly on-demand prices: {}", several.join(", ")))),
    }
}

/// The normalized non-zero USD prices of every `Hrs` dimension of every OnDemand term.
fn hourly_prices(on_demand: &Value) -> Result<Vec<String>, String> {
    let terms = on_demand.as_object().ok_or("terms.OnDemand is not an object")?;
    let mut prices = Vec::new();
    for (term_code, term) in terms {
        let dimensions = term
            .get("priceDimensions")
            .and_then(Value::as_object)
            .ok_or_else(|| format!("OnDemand term {term_code}: no `priceDimensions` object"))?;
        for (rate_code, dimension) in dimensions {
            let dimension: &Map<String, Value> =
                dimension.as_object().ok_or_else(|| format!("price dimension {rate_code} is not an object"))?;
            let unit = dimension
                .get("unit")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("price dimension {rate_code}: no `unit` string"))?;
            if !unit.eq_ignore_ascii_case("Hrs") {
                continue;
            }
            let usd = dimension
                .get("pricePerUnit")
                .and_then(|p| p.get("USD"))
                .and_then(Value::as_str)
                .ok_or_else(|| format!("price dimension {rate_code}: no `pricePerUnit.USD` string"))?;
            let price = decimal::normalize(usd)
                .ok_or_else(|| format!("price dimension {rate_code}: USD price {usd:?} is not a decimal"))?;
            if !decimal::is_zero(&price) {
                prices.push(price);
            }
        }
    }
    Ok(prices)
}

fn shown(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{v:?}"),
        None => "missing".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Engine;

    fn ec2_document() -> Value {
        serde_json::json!({
            "product": {
                "productFamily": "Compute Instance",
                "attributes": {
                    "instanceType": "m6i.large", "regionCode": "us-east-1", "location": "US East (N. Virginia)",
                    "locationType": "AWS Region", "vcpu": "2", "memory": "8 GiB",
                    "physicalProcessor": "Intel Xeon 8375C (Ice Lake)", "processorArchitecture": "64-bit",
                    "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
                    "capacitystatus": "Used", "licenseModel": "No License required", "marketoption": "OnDemand",
                    "usagetype": "BoxUsage:m6i.large", "operation": "RunInstances", "servicecode": "AmazonEC2"
                },
                "sku": "TESTSKU00000001"
            },
            "serviceCode": "AmazonEC2",
            "terms": {
                "OnDemand": {
                    "TESTSKU00000001.JRTCKXETXF": {
                        "priceDimensions": {
                            "TESTSKU00000001.JRTCKXETXF.6YS6EN2CT7": {
                                "unit": "Hrs", "endRange": "Inf", "beginRange": "0", "appliesTo": [],
                                "description": "$0.096 per On Demand Linux m6i.large Instance Hour",
                                "rateCode": "TESTSKU00000001.JRTCKXETXF.6YS6EN2CT7",
                                "pricePerUnit": {"USD": "0.0960000000"}
                            }
                        },
                        "sku": "TESTSKU00000001", "effectiveDate": "2025-06-01T00:00:00Z",
                        "offerTermCode": "JRTCKXETXF", "termAttributes": {}
                    }
                },
                "Reserved": {
                    "TESTSKU00000001.4NA7Y494T4": {
                        "priceDimensions": {
                            "TESTSKU00000001.4NA7Y494T4.6YS6EN2CT7": {
                                "unit": "Hrs", "pricePerUnit": {"USD": "0.0600000000"}, "appliesTo": [],
                                "rateCode": "TESTSKU00000001.4NA7Y494T4.6YS6EN2CT7", "description": "reserved"
                            }
                        },
                        "termAttributes": {"LeaseContractLength": "1yr", "OfferingClass": "standard",
                                           "PurchaseOption": "No Upfront"}
                    }
                }
            },
            "version": "20250601000000",
            "publicationDate": "2025-06-01T00:00:00Z"
        })
    }

    fn ec2() -> Query {
        Query::new(Engine::Linux, "us-east-1")
    }

    fn parse(doc: &Value, query: &Query) -> Result<Parsed, DocumentError> {
        parse_product(&doc.to_string(), query)
    }

    fn set(doc: &mut Value, pointer: &str, value: Value) {
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = value;
        } else {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            doc.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_string(), value);
        }
    }

    fn skipped_because(result: Result<Parsed, DocumentError>) -> String {
        match result {
            Ok(Parsed::Skipped { reason, .. }) => reason,
            other => panic!("expected a skip, got {other:?}"),
        }
    }

    fn error(result: Result<Parsed, DocumentError>) -> String {
        match result {
            Err(e) => e.to_string(),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn an_ec2_linux_product_is_priced_and_reserved_terms_are_ignored() {
        let parsed = parse(&ec2_document(), &ec2()).unwrap();
        assert_eq!(
            parsed,
            Parsed::Priced {
                sku: "TESTSKU00000001".into(),
                spec: InstanceSpec {
                    service: Service::Ec2,
                    name: "m6i.large".into(),
                    vcpu: 2,
                    memory_gib: "8".into(),
                    arch: Some(Arch::X86_64),
                },
                usd_per_hour: "0.096".into(),
            }
        );
    }

    #[test]
    fn products_the_filters_exclude_are_skipped_with_a_reason() {
        let cases: &[(&str, Value, &str)] = &[
            ("/product/attributes/operatingSystem", "Windows".into(), "operatingSystem is \"Windows\""),
            ("/product/attributes/tenancy", "Dedicated".into(), "tenancy is \"Dedicated\""),
            ("/product/attributes/capacitystatus", "UnusedCapacityReservation".into(), "capacitystatus"),
            ("/product/attributes/preInstalledSw", "SQL Std".into(), "preInstalledSw"),
            ("/product/attributes/regionCode", "us-west-2".into(), "regionCode is \"us-west-2\""),
            ("/product/attributes/usagetype", "HostBoxUsage:m6i".into(), "usagetype"),
            ("/product/attributes/locationType", "AWS Local Zone".into(), "locationType"),
            ("/product/attributes/marketoption", "CapacityBlock".into(), "marketoption is \"CapacityBlock\""),
            ("/product/productFamily", "Dedicated Host".into(), "productFamily is \"Dedicated Host\""),
        ];
        for (pointer, value, reason) in cases {
            let mut doc = ec2_document();
            set(&mut doc, pointer, value.clone());
            let why = skipped_because(parse(&doc, &ec2()));
            assert!(why.contains(reason), "{pointer}: {why}");
        }
        let mut doc = ec2_document();
        doc.pointer_mut("/product/attributes").unwrap().as_object_mut().unwrap().remove("regionCode");
        assert!(skipped_because(parse(&doc, &ec2())).contains("regionCode is missing"));
    }

    #[test]
    fn filters_compare_case_insensitively_like_term_match() {
        let mut doc = ec2_document();
        set(&mut doc, "/product/attributes/licenseModel", "No license required".into());
        assert!(matches!(parse(&doc, &ec2()), Ok(Parsed::Priced { .. })));
    }

    #[test]
    fn bare_metal_is_priced_from_its_dedicated_tenancy_product() {
        let mut doc = ec2_document();
        set(&mut doc, "/product/productFamily", "Compute Instance (bare metal)".into());
        set(&mut doc, "/product/attributes/instanceType", "m6i.metal".into());
        set(&mut doc, "/product/attributes/usagetype", "DedicatedUsage:m6i.metal".into());
        let why = skipped_because(parse(&doc, &ec2()));
        assert_eq!(
            why,
            "productFamily is \"Compute Instance (bare metal)\", not \"Compute Instance\"; \
             tenancy is \"Shared\", not \"Dedicated\""
        );
        set(&mut doc, "/product/attributes/tenancy", "Dedicated".into());
        assert!(matches!(parse(&doc, &ec2()), Ok(Parsed::Priced { spec, .. }) if spec.name == "m6i.metal"));
        // A dedicated-tenancy product of a virtualized size is not an on-demand shared price.
        set(&mut doc, "/product/productFamily", "Compute Instance".into());
        assert!(skipped_because(parse(&doc, &ec2())).contains("tenancy is \"Dedicated\", not \"Shared\""));
    }

    #[test]
    fn zero_and_non_hourly_prices_are_skipped() {
        let price = "/terms/OnDemand/TESTSKU00000001.JRTCKXETXF/priceDimensions/TESTSKU00000001.JRTCKXETXF.6YS6EN2CT7";
        let mut doc = ec2_document();
        set(&mut doc, &format!("{price}/pricePerUnit/USD"), "0.0000000000".into());
        assert!(skipped_because(parse(&doc, &ec2())).contains("no non-zero hourly"));
        let mut doc = ec2_document();
        set(&mut doc, &format!("{price}/unit"), "Quantity".into());
        assert!(skipped_because(parse(&doc, &ec2())).contains("no non-zero hourly"));
        let mut doc = ec2_document();
        doc.pointer_mut("/terms").unwrap().as_object_mut().unwrap().remove("OnDemand");
        assert!(skipped_because(parse(&doc, &ec2())).contains("no OnDemand terms"));
    }

    #[test]
    fn an_upfront_fee_beside_the_hourly_rate_is_ignored() {
        let mut doc = ec2_document();
        set(
            &mut doc,
            "/terms/OnDemand/TESTSKU00000001.JRTCKXETXF/priceDimensions/TESTSKU00000001.JRTCKXETXF.2TG2D8R56U",
            serde_json::json!({"unit": "Quantity", "pricePerUnit": {"USD": "580.788"}, "description": "Upfront Fee"}),
        );
        assert!(matches!(parse(&doc, &ec2()), Ok(Parsed::Priced { usd_per_hour, .. }) if usd_per_hour == "0.096"));
    }

    #[test]
    fn two_different_hourly_prices_are_an_error_naming_the_sku() {
        let mut doc = ec2_document();
        set(
            &mut doc,
            "/terms/OnDemand/TESTSKU00000001.JRTCKXETXF/priceDimensions/OTHER",
            serde_json::json!({"unit": "Hrs", "pricePerUnit": {"USD": "0.1"}}),
        );
        let message = error(parse(&doc, &ec2()));
        assert!(message.contains("TESTSKU00000001") && message.contains("0.096, 0.1"), "{message}");
    }

    #[test]
    fn malformed_documents_are_errors_naming_the_sku_not_panics() {
        let dim = "/terms/OnDemand/TESTSKU00000001.JRTCKXETXF/priceDimensions/TESTSKU00000001.JRTCKXETXF.6YS6EN2CT7";
        let cases: Vec<(String, Value, &str)> = vec![
            ("/product/attributes/vcpu".into(), "NA".into(), "vcpu \"NA\""),
            ("/product/attributes/vcpu".into(), "0".into(), "vcpu \"0\""),
            ("/product/attributes/memory".into(), "NA".into(), "memory \"NA\""),
            ("/product/attributes/memory".into(), "8 GB".into(), "memory \"8 GB\""),
            ("/product/attributes/memory".into(), Value::from(8), "attribute `memory` is 8"),
            ("/product/attributes/instanceType".into(), "m6i large\t".into(), "not an instance type name"),
            ("/product/attributes".into(), Value::Null, "no `product.attributes`"),
            (format!("{dim}/pricePerUnit/USD"), "free".into(), "is not a decimal"),
            (format!("{dim}/pricePerUnit"), Value::Null, "no `pricePerUnit.USD`"),
            (format!("{dim}/unit"), Value::from(1), "no `unit`"),
            ("/terms/OnDemand".into(), Value::from("x"), "not an object"),
            ("/terms/OnDemand/TESTSKU00000001.JRTCKXETXF/priceDimensions".into(), Value::Null, "priceDimensions"),
        ];
        for (pointer, value, expected) in cases {
            let mut doc = ec2_document();
            set(&mut doc, &pointer, value);
            let message = error(parse(&doc, &ec2()));
            assert!(message.starts_with("product TESTSKU00000001: "), "{pointer}: {message}");
            assert!(message.contains(expected), "{pointer}: {message}");
        }
        let mut doc = ec2_document();
        doc.pointer_mut("/product/attributes").unwrap().as_object_mut().unwrap().remove("instanceType");
        assert!(error(parse(&doc, &ec2())).contains("no `instanceType`"));

        for (text, expected) in [
            ("", "not a JSON document"),
            ("[1]", "not a JSON object"),
            ("{}", "no `product` object"),
            (r#"{"product": {"attributes": {}}}"#, "no `product.sku`"),
        ] {
            let message = error(parse_product(text, &ec2()));
            assert!(message.starts_with("product without a SKU: ") && message.contains(expected), "{message}");
        }
    }

    #[test]
    fn memory_with_thousands_separators() {
        let mut doc = ec2_document();
        set(&mut doc, "/product/attributes/memory", "3,904 GiB".into());
        let Ok(Parsed::Priced { spec, .. }) = parse(&doc, &ec2()) else { panic!() };
        assert_eq!(spec.memory_gib, "3904");
    }

    #[test]
    fn architecture_rule() {
        let x = Some(Arch::X86_64);
        let a = Some(Arch::Arm64);
        let cases = [
            (Some("AWS Graviton2 Processor"), Some("64-bit"), a),
            (Some("AWS Graviton3 Processor"), Some("64-bit"), a),
            (Some("AWS Graviton4 Processor"), Some("64-bit"), a),
            (Some("AWS Graviton2"), Some("64-bit"), a),
            (Some("NVIDIA Grace"), Some("64-bit"), a),
            (Some("Intel Xeon 8375C (Ice Lake)"), Some("64-bit"), x),
            (Some("Intel Skylake E5 2686 v5"), Some("64-bit"), x),
            (Some("High Frequency Intel Xeon E7-8880 v3 (Haswell)"), Some("64-bit"), x),
            (Some("AMD EPYC 7R13 Processor"), Some("64-bit"), x),
            (Some("Intel Xeon Family"), Some("32-bit or 64-bit"), x),
            (Some("Intel Xeon Family"), Some("32-bit"), None),
            (Some("Variable"), Some("64-bit"), None),
            (None, Some("64-bit"), None),
            (Some("AWS Graviton2 Processor"), None, None),
        ];
        for (processor, architecture, expected) in cases {
            assert_eq!(arch_of(processor, architecture), expected, "{processor:?} {architecture:?}");
        }
    }

    #[test]
    fn rds_and_elasticache_documents() {
        let rds = serde_json::json!({
            "product": {"productFamily": "Database Instance", "sku": "RDSSKU",
                "attributes": {"instanceType": "db.t4g.micro", "regionCode": "us-east-1", "vcpu": "2",
                    "memory": "1 GiB", "physicalProcessor": "AWS Graviton2", "processorArchitecture": "64-bit",
                    "databaseEngine": "PostgreSQL", "deploymentOption": "Single-AZ",
                    "licenseModel": "No license required", "usagetype": "InstanceUsage:db.t4g.micro"}},
            "terms": {"OnDemand": {"RDSSKU.JRTCKXETXF": {"priceDimensions": {"RDSSKU.JRTCKXETXF.6YS6EN2CT7":
                {"unit": "Hrs", "pricePerUnit": {"USD": "0.0160000000"}}}}}}
        });
        let postgres = Query::new(Engine::Postgres, "us-east-1");
        let Ok(Parsed::Priced { spec, usd_per_hour, .. }) = parse(&rds, &postgres) else { panic!() };
        assert_eq!((spec.service, spec.arch, usd_per_hour.as_str()), (Service::Rds, Some(Arch::Arm64), "0.016"));
        assert!(skipped_because(parse(&rds, &Query::new(Engine::Mysql, "us-east-1"))).contains("databaseEngine"));
        let mut multi_az = rds.clone();
        set(&mut multi_az, "/product/attributes/usagetype", "Multi-AZUsage:db.t4g.micro".into());
        assert!(skipped_because(parse(&multi_az, &postgres)).contains("usagetype"));

        let cache = serde_json::json!({
            "product": {"productFamily": "Cache Instance", "sku": "CACHESKU",
                "attributes": {"instanceType": "cache.t4g.micro", "regionCode": "eu-west-1", "vcpu": "2",
                    "memory": "0.5 GiB", "cacheEngine": "Valkey", "usagetype": "EU-NodeUsage:cache.t4g.micro"}},
            "terms": {"OnDemand": {"CACHESKU.JRTCKXETXF": {"priceDimensions": {"CACHESKU.JRTCKXETXF.6YS6EN2CT7":
                {"unit": "Hrs", "pricePerUnit": {"USD": "0.0144000000"}}}}}}
        });
        let valkey = Query::new(Engine::Valkey, "eu-west-1");
        let Ok(Parsed::Priced { spec, usd_per_hour, .. }) = parse(&cache, &valkey) else { panic!() };
        assert_eq!((spec.memory_gib.as_str(), spec.arch, usd_per_hour.as_str()), ("0.5", None, "0.0144"));
        assert!(skipped_because(parse(&cache, &Query::new(Engine::Redis, "eu-west-1"))).contains("cacheEngine"));
    }
}
