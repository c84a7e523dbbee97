//! An S3 bucket: Standard storage and requests (`bucket_storage_gb`, `bucket_writes_thousand`,
//! `bucket_reads_thousand`); a replica in another region stores as much again there, with its own
//! KMS key. Transitions to cheaper classes (`transition_after`) are not modelled: storage is priced
//! as Standard, an upper bound.

use super::Pricer;
use crate::kinds::bucket::Bucket;

pub(super) fn price(p: &mut Pricer<'_>, b: &Bucket<'_>) {
    let gb = p.usage.get("bucket_storage_gb");
    p.unit("Standard storage", "s3.standard", gb).assumed("bucket_storage_gb").bills("aws_s3_bucket", 1);
    let writes = p.usage.get("bucket_writes_thousand");
    p.unit("write requests", "s3.put", writes).assumed("bucket_writes_thousand");
    let reads = p.usage.get("bucket_reads_thousand");
    p.unit("read requests", "s3.get", reads).assumed("bucket_reads_thousand");
    if let Some(region) = b.replica_region.and_then(|r| r.known()) {
        p.unit_in(format!("replica storage in {region}"), "s3.standard", gb, region)
            .assumed("bucket_storage_gb")
            .bills("aws_s3_bucket", 1);
        p.unit_in(format!("replica KMS key in {region}"), "kms.key", 1.0, region).bills("aws_kms_key", 1);
    }
}
