//! INTERIM domain types (replaced by the full module).
use std::fmt;
#[derive(Debug, Clone, PartialEq)]
pub struct DomainError {
    pub message: String,
    pub help: Option<String>,
}
fn e(m: &str) -> DomainError {
    DomainError { message: m.into(), help: None }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    bytes: u128,
}
impl Size {
    pub fn parse(s: &str) -> Result<Size, DomainError> {
        let (n, m) = match s.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, ""),
        };
        let n: u128 = n.parse().map_err(|_| e("bad size"))?;
        let mult = match m {
            "" => 1,
            "Ki" => 1 << 10,
            "Mi" => 1 << 20,
            "Gi" => 1 << 30,
            "Ti" => 1 << 40,
            "k" => 1000,
            "M" => 1_000_000,
            "G" => 1_000_000_000,
            _ => return Err(e("bad suffix")),
        };
        Ok(Size { bytes: n * mult })
    }
    pub fn bytes(&self) -> u128 {
        self.bytes
    }
}
impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Mi", self.bytes >> 20)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cpu {
    millis: u64,
}
impl Cpu {
    pub fn parse(s: &str) -> Result<Cpu, DomainError> {
        if let Some(m) = s.strip_suffix('m') {
            return Ok(Cpu { millis: m.parse().map_err(|_| e("bad cpu"))? });
        }
        let f: f64 = s.parse().map_err(|_| e("bad cpu"))?;
        Ok(Cpu { millis: (f * 1000.0) as u64 })
    }
    pub fn millis(&self) -> u64 {
        self.millis
    }
}
impl fmt::Display for Cpu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}m", self.millis)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    seconds: u64,
}
impl Duration {
    pub fn parse(s: &str) -> Result<Duration, DomainError> {
        let (n, u) = s.split_at(s.len().saturating_sub(1));
        let n: u64 = n.parse().map_err(|_| e("bad duration"))?;
        let m = match u {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            _ => return Err(e("bad unit")),
        };
        Ok(Duration { seconds: n * m })
    }
    pub fn seconds(&self) -> u64 {
        self.seconds
    }
}
impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}s", self.seconds)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: u32,
    prefix: u8,
}
impl Cidr {
    pub fn parse(s: &str) -> Result<Cidr, DomainError> {
        let (a, p) = s.split_once('/').ok_or_else(|| e("no prefix"))?;
        let ip: std::net::Ipv4Addr = a.parse().map_err(|_| e("bad ip"))?;
        Ok(Cidr { addr: u32::from(ip), prefix: p.parse().map_err(|_| e("bad prefix"))? })
    }
    fn mask(p: u8) -> u32 {
        if p == 0 {
            0
        } else {
            u32::MAX << (32 - p)
        }
    }
    pub fn overlaps(&self, o: &Cidr) -> bool {
        let p = self.prefix.min(o.prefix);
        (self.addr & Self::mask(p)) == (o.addr & Self::mask(p))
    }
    pub fn contains(&self, o: &Cidr) -> bool {
        o.prefix >= self.prefix && (o.addr & Self::mask(self.prefix)) == self.addr
    }
    pub fn subnet(&self, nb: u8, n: u32) -> Result<Cidr, DomainError> {
        let p = self.prefix + nb;
        if p > 32 {
            return Err(e("too many bits"));
        }
        Ok(Cidr { addr: self.addr | (n << (32 - p)), prefix: p })
    }
}
impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", std::net::Ipv4Addr::from(self.addr), self.prefix)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Port(u16);
impl Port {
    pub fn new(n: f64) -> Result<Port, DomainError> {
        if n >= 1.0 && n <= 65535.0 && n.fract() == 0.0 {
            Ok(Port(n as u16))
        } else {
            Err(e("bad port"))
        }
    }
    pub fn get(&self) -> u16 {
        self.0
    }
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub repository: String,
}
impl ImageRef {
    pub fn parse(s: &str) -> Result<ImageRef, DomainError> {
        if s.is_empty() || s.contains(' ') {
            return Err(e("bad image"));
        }
        Ok(ImageRef { repository: s.into() })
    }
}
impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repository)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceService {
    Ec2,
    Rds,
    ElastiCache,
}
impl InstanceService {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ec2" => Self::Ec2,
            "rds" => Self::Rds,
            "elasticache" => Self::ElastiCache,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ec2 => "ec2",
            Self::Rds => "rds",
            Self::ElastiCache => "elasticache",
        }
    }
}
#[derive(Debug, PartialEq)]
pub struct InstanceType {
    pub service: InstanceService,
    pub name: &'static str,
    pub vcpu: u32,
}
impl InstanceType {
    pub fn offered_in(&self, _r: &str) -> bool {
        true
    }
}
static CAT: &[InstanceType] = &[
    InstanceType { service: InstanceService::Ec2, name: "m6i.large", vcpu: 2 },
    InstanceType { service: InstanceService::Rds, name: "db.t4g.medium", vcpu: 2 },
    InstanceType { service: InstanceService::ElastiCache, name: "cache.t4g.micro", vcpu: 2 },
];
pub fn catalog() -> &'static [InstanceType] {
    CAT
}
pub fn lookup(s: InstanceService, n: &str) -> Result<&'static InstanceType, DomainError> {
    CAT.iter().find(|t| t.service == s && t.name == n).ok_or_else(|| e("unknown instance"))
}
pub fn regions() -> &'static [&'static str] {
    &["us-east-1", "us-west-2", "eu-west-1"]
}
pub fn is_known_region(r: &str) -> bool {
    regions().contains(&r)
}
