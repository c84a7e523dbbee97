//! Rules over the resources realised on AWS, one per file.

mod autoscaling_health;
mod backup_retention;
mod bucket_access_logs;
mod bucket_kms;
mod bucket_notifications;
mod bucket_replica_logs;
mod bucket_replication;
mod bucket_versioning;
mod cache_multi_az;
mod cdn_geo_restriction;
mod cdn_log_bucket_origin;
mod cdn_origin_failover;
mod cdn_root_object;
mod cdn_tls;
mod cluster_audit_logs;
mod cluster_public_endpoint;
mod cluster_secrets_encryption;
mod database_monitoring;
mod database_multi_az;
mod database_tls;
mod deletion_protection;
mod dns_dnssec;
mod dns_query_logs;
mod edge_access_logs;
mod flow_logs;
mod load_balancer_https;
mod load_balancer_plain_http;
mod log_retention;
mod secret_rotation;
mod ssh_from_anywhere;
mod vm_monitoring;
mod vm_public_ip;
mod waf;

use super::Rule;

pub(super) static RULES: &[&Rule] = &[
    &cluster_public_endpoint::RULE,
    &database_tls::RULE,
    &cluster_secrets_encryption::RULE,
    &cdn_tls::RULE,
    &load_balancer_https::RULE,
    &bucket_kms::RULE,
    &vm_public_ip::RULE,
    &waf::RULE,
    &secret_rotation::RULE,
    &bucket_access_logs::RULE,
    &bucket_replica_logs::RULE,
    &cluster_audit_logs::RULE,
    &log_retention::RULE,
    &edge_access_logs::RULE,
    &cdn_geo_restriction::RULE,
    &cdn_root_object::RULE,
    &cdn_log_bucket_origin::RULE,
    &dns_dnssec::RULE,
    &dns_query_logs::RULE,
    &database_multi_az::RULE,
    &deletion_protection::RULE,
    &database_monitoring::RULE,
    &cache_multi_az::RULE,
    &bucket_versioning::RULE,
    &bucket_replication::RULE,
    &bucket_notifications::RULE,
    &vm_monitoring::RULE,
    &cdn_origin_failover::RULE,
    &autoscaling_health::RULE,
    &load_balancer_plain_http::RULE,
    &flow_logs::RULE,
    &backup_retention::RULE,
    &ssh_from_anywhere::RULE,
];
