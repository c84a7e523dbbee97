//! IPv4 CIDR blocks: parsing, containment, overlap and Terraform's `cidrsubnet`.

use std::fmt;
use std::net::Ipv4Addr;

use super::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cidr {
    addr: u32,
    prefix: u8,
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    }
}

impl Cidr {
    pub fn parse(s: &str) -> Result<Cidr, DomainError> {
        let example = "write an IPv4 block like \"10.0.0.0/16\"";
        let Some((addr, prefix)) = s.trim().split_once('/') else {
            return Err(DomainError::new(format!("\"{s}\" has no prefix length"))
                .help(format!("{example}; for one address use \"{s}/32\"")));
        };
        let ip: Ipv4Addr =
            addr.parse().map_err(|_| DomainError::new(format!("\"{addr}\" is not an IPv4 address")).help(example))?;
        let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32).ok_or_else(|| {
            DomainError::new(format!("\"/{prefix}\" is not a prefix length")).help("the prefix length is 0 to 32")
        })?;
        let addr = u32::from(ip);
        let network = addr & mask(prefix);
        if network != addr {
            let fixed = Cidr { addr: network, prefix };
            return Err(
                DomainError::new(format!("\"{s}\" has host bits set")).help(format!("did you mean \"{fixed}\"?"))
            );
        }
        Ok(Cidr { addr, prefix })
    }

    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    pub fn address(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.addr)
    }

    pub fn overlaps(&self, other: &Cidr) -> bool {
        let p = self.prefix.min(other.prefix);
        self.addr & mask(p) == other.addr & mask(p)
    }

    pub fn contains(&self, other: &Cidr) -> bool {
        other.prefix >= self.prefix && other.addr & mask(self.prefix) == self.addr
    }

    pub fn host_count(&self) -> u64 {
        1u64 << (32 - u32::from(self.prefix))
    }

    /// Terraform's `cidrsubnet(prefix, newbits, netnum)`.
    pub fn subnet(&self, newbits: u8, netnum: u32) -> Result<Cidr, DomainError> {
        let prefix = u32::from(self.prefix) + u32::from(newbits);
        if prefix > 32 {
            return Err(DomainError::new(format!("{self} cannot be split {newbits} more bits (more than /32)")));
        }
        if newbits < 32 && u64::from(netnum) >= (1u64 << newbits) {
            return Err(DomainError::new(format!("network number {netnum} does not fit in {newbits} bits of {self}")));
        }
        let shift = 32 - prefix;
        let offset = if shift >= 32 { 0 } else { netnum << shift };
        Ok(Cidr { addr: self.addr | offset, prefix: prefix as u8 })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.addr), self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cidr {
        Cidr::parse(s).unwrap()
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(c("10.0.0.0/16").to_string(), "10.0.0.0/16");
        assert_eq!(c("0.0.0.0/0").host_count(), 1 << 32);
        assert_eq!(c("10.1.2.3/32").host_count(), 1);
        assert_eq!(Cidr::parse("10.0.0.1/16").unwrap_err().help.as_deref(), Some("did you mean \"10.0.0.0/16\"?"));
        assert!(Cidr::parse("10.0.0.0/33").is_err());
        assert!(Cidr::parse("10.0.0.256/24").is_err());
        assert!(Cidr::parse("10.0.0.0").is_err());
    }

    #[test]
    fn overlap_and_containment() {
        assert!(c("10.0.0.0/16").overlaps(&c("10.0.5.0/24")));
        assert!(c("10.0.5.0/24").overlaps(&c("10.0.0.0/16")));
        assert!(!c("10.0.0.0/16").overlaps(&c("10.1.0.0/16")));
        assert!(c("10.0.0.0/16").contains(&c("10.0.5.0/24")));
        assert!(!c("10.0.5.0/24").contains(&c("10.0.0.0/16")));
        assert!(c("0.0.0.0/0").contains(&c("192.168.0.0/16")));
    }

    #[test]
    fn subnets_match_terraform() {
        // cidrsubnet("10.0.0.0/16", 4, 2) == "10.0.32.0/20"
        assert_eq!(c("10.0.0.0/16").subnet(4, 2).unwrap().to_string(), "10.0.32.0/20");
        assert_eq!(c("10.0.0.0/16").subnet(8, 255).unwrap().to_string(), "10.0.255.0/24");
        assert!(c("10.0.0.0/16").subnet(8, 256).is_err());
        assert!(c("10.0.0.0/30").subnet(3, 0).is_err());
        assert_eq!(c("10.0.0.0/24").subnet(8, 7).unwrap().to_string(), "10.0.0.7/32");
    }
}
