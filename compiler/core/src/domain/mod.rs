//! Domain value types: the values users write as strings (or numbers) that stackc parses and
//! validates — sizes, CPU amounts, durations, CIDR blocks, ports, container image references and AWS
//! instance types from an embedded catalog. Errors are plain data; the evaluator turns them into
//! diagnostics at the span where the value was written.

mod cidr;
mod date;
mod image;
mod instance;
mod quantity;

pub use cidr::Cidr;
pub use date::Date;
pub use image::ImageRef;
pub use instance::{
    alternatives, catalog, is_known_region, lookup, regions, usable_zones, zone_ids, Arch, Catalog, InstanceService,
    InstanceType, NoPrice,
};
pub use quantity::{Cpu, Duration, Port, Size};

/// Why a string is not a valid value of a domain type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainError {
    pub message: String,
    pub help: Option<String>,
}

impl DomainError {
    pub(crate) fn new(message: impl Into<String>) -> DomainError {
        DomainError { message: message.into(), help: None }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> DomainError {
        self.help = Some(help.into());
        self
    }
}
