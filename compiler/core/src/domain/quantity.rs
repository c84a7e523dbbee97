//! Sizes (`512Mi`), CPU amounts (`500m`), durations (`1h30m`) and ports.

use std::fmt;

use super::DomainError;

/// A number of bytes, written as a Kubernetes quantity: `512Mi`, `100Gi`, `1G`, `1024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Size {
    bytes: u128,
}

const BINARY: &[(&str, u128)] = &[("Pi", 1 << 50), ("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)];
const DECIMAL: &[(&str, u128)] =
    &[("P", 1_000_000_000_000_000), ("T", 1_000_000_000_000), ("G", 1_000_000_000), ("M", 1_000_000), ("k", 1_000)];

/// Splits `"1.5Gi"` into `("1.5", "Gi")`.
fn split_number(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    s.split_at(end)
}

/// Parses a non-negative decimal into (integer part, fraction digits) without floating point.
fn decimal(number: &str) -> Option<(u128, String)> {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) || int.len() > 30 {
        return None;
    }
    let int = if int.is_empty() { 0 } else { int.parse().ok()? };
    Some((int, frac.trim_end_matches('0').to_owned()))
}

/// `int.frac × unit`, exactly, or `None` if it is not whole or overflows.
fn scale(int: u128, frac: &str, unit: u128) -> Option<u128> {
    let mut total = int.checked_mul(unit)?;
    if !frac.is_empty() {
        let denom = 10u128.checked_pow(u32::try_from(frac.len()).ok()?)?;
        let num: u128 = frac.parse().ok()?;
        let part = num.checked_mul(unit)?;
        if part % denom != 0 {
            return None;
        }
        total = total.checked_add(part / denom)?;
    }
    Some(total)
}

impl Size {
    pub fn parse(s: &str) -> Result<Size, DomainError> {
        let bad = || {
            DomainError::new(format!("\"{s}\" is not a size")).help("write a size like \"512Mi\", \"100Gi\" or \"1Ti\"")
        };
        let (number, suffix) = split_number(s.trim());
        let (int, frac) = decimal(number).ok_or_else(bad)?;
        let unit = if suffix.is_empty() {
            1
        } else if let Some((_, u)) = BINARY.iter().chain(DECIMAL).find(|(n, _)| *n == suffix) {
            *u
        } else {
            let upper = suffix.to_ascii_uppercase();
            let help = match upper.as_str() {
                "GB" | "MB" | "TB" | "KB" | "PB" => {
                    let b = &suffix[..1];
                    format!(
                        "did you mean \"{number}{b}i\" (binary, {b}iB) or \"{number}{b}\" (decimal)?",
                        b = b.to_ascii_uppercase()
                    )
                }
                "GI" | "MI" | "TI" | "KI" => format!("did you mean \"{number}{}i\"?", &upper[..1]),
                _ => "sizes use Kubernetes suffixes: Ki, Mi, Gi, Ti, Pi (binary) or k, M, G, T, P (decimal)".to_owned(),
            };
            return Err(DomainError::new(format!("unknown size suffix `{suffix}`")).help(help));
        };
        let bytes = scale(int, &frac, unit)
            .ok_or_else(|| DomainError::new(format!("\"{s}\" is not a whole number of bytes, or is too large")))?;
        Ok(Size { bytes })
    }

    pub fn from_bytes(bytes: u128) -> Size {
        Size { bytes }
    }

    pub fn bytes(&self) -> u128 {
        self.bytes
    }

    /// Whole GiB, rounded up (RDS storage is allocated in GiB).
    pub fn gib_ceil(&self) -> u64 {
        u64::try_from(self.bytes.div_ceil(1 << 30)).unwrap_or(u64::MAX)
    }

    /// Whole MiB, rounded up.
    pub fn mib_ceil(&self) -> u64 {
        u64::try_from(self.bytes.div_ceil(1 << 20)).unwrap_or(u64::MAX)
    }
}

impl fmt::Display for Size {
    /// The canonical Kubernetes form: the largest binary suffix that divides exactly, else bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bytes > 0 {
            for (name, unit) in BINARY {
                if self.bytes.is_multiple_of(*unit) {
                    return write!(f, "{}{name}", self.bytes / unit);
                }
            }
        }
        write!(f, "{}", self.bytes)
    }
}

/// CPU in millicores: `"500m"`, `"0.5"`, `"2"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cpu {
    millis: u64,
}

impl Cpu {
    pub fn parse(s: &str) -> Result<Cpu, DomainError> {
        let t = s.trim();
        let bad = || {
            DomainError::new(format!("\"{s}\" is not a CPU amount"))
                .help("write millicores like \"500m\" or cores like \"2\" or \"0.5\"")
        };
        if let Some(m) = t.strip_suffix('m') {
            let millis: u64 = m.parse().map_err(|_| bad())?;
            return Ok(Cpu { millis });
        }
        if let Some(number) = t.strip_suffix('M') {
            return Err(DomainError::new(format!("\"{s}\" is not a CPU amount"))
                .help(format!("CPU millicores use a lowercase m: \"{number}m\"")));
        }
        let (int, frac) = decimal(t).ok_or_else(bad)?;
        let millis = scale(int, &frac, 1000).and_then(|m| u64::try_from(m).ok()).ok_or_else(|| {
            DomainError::new(format!("\"{s}\" is finer than a millicore"))
                .help("CPU is counted in whole millicores, e.g. \"250m\"")
        })?;
        Ok(Cpu { millis })
    }

    pub fn millis(&self) -> u64 {
        self.millis
    }
}

impl fmt::Display for Cpu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.millis.is_multiple_of(1000) && self.millis > 0 {
            write!(f, "{}", self.millis / 1000)
        } else {
            write!(f, "{}m", self.millis)
        }
    }
}

/// A duration in whole seconds: `"30s"`, `"15m"`, `"2h"`, `"30d"`, `"1w"`, `"1h30m"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    seconds: u64,
}

const UNITS: &[(char, u64)] = &[('w', 604_800), ('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)];

impl Duration {
    pub fn parse(s: &str) -> Result<Duration, DomainError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(DomainError::new("empty duration").help("write a duration like \"30s\", \"15m\" or \"7d\""));
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            return Err(
                DomainError::new(format!("\"{s}\" has no unit")).help(format!("add a unit, e.g. \"{t}s\" or \"{t}m\""))
            );
        }
        let mut seconds: u64 = 0;
        let mut number = String::new();
        for c in t.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let Some((_, unit)) = UNITS.iter().find(|(u, _)| *u == c) else {
                return Err(DomainError::new(format!("unknown duration unit `{c}` in \"{s}\""))
                    .help("units are s, m, h, d and w, e.g. \"90s\", \"1h30m\", \"30d\""));
            };
            let n: u64 = number.parse().map_err(|_| {
                DomainError::new(format!("\"{s}\" is not a duration"))
                    .help("write a number before each unit, e.g. \"1h30m\"")
            })?;
            number.clear();
            seconds = n
                .checked_mul(*unit)
                .and_then(|v| seconds.checked_add(v))
                .ok_or_else(|| DomainError::new(format!("\"{s}\" is too long")))?;
        }
        if !number.is_empty() {
            return Err(
                DomainError::new(format!("\"{s}\" ends without a unit")).help(format!("add a unit after {number}"))
            );
        }
        Ok(Duration { seconds })
    }

    pub fn from_seconds(seconds: u64) -> Duration {
        Duration { seconds }
    }

    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    /// Whole days, rounded up.
    pub fn days_ceil(&self) -> u64 {
        self.seconds.div_ceil(86_400)
    }
}

impl fmt::Display for Duration {
    /// Canonical compound form, largest unit first: `"1h30m"`, `"30d"`, `"0s"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.seconds == 0 {
            return f.write_str("0s");
        }
        let mut rest = self.seconds;
        for (unit, secs) in UNITS {
            if rest >= *secs {
                write!(f, "{}{unit}", rest / secs)?;
                rest %= secs;
            }
        }
        Ok(())
    }
}

/// A TCP/UDP port, 1–65535.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Port(u16);

impl Port {
    pub fn new(n: f64) -> Result<Port, DomainError> {
        if n.fract() == 0.0 && (1.0..=65535.0).contains(&n) {
            return Ok(Port(n as u16));
        }
        Err(DomainError::new(format!("{n} is not a port")).help("ports are whole numbers from 1 to 65535"))
    }

    pub fn get(&self) -> u16 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(Size::parse("512Mi").unwrap().bytes(), 512 << 20);
        assert_eq!(Size::parse("1G").unwrap().bytes(), 1_000_000_000);
        assert_eq!(Size::parse("0.5Gi").unwrap().bytes(), 512 << 20);
        assert_eq!(Size::parse("1024").unwrap().bytes(), 1024);
        assert_eq!(Size::parse("0").unwrap().bytes(), 0);
        assert_eq!(Size::parse("100Gi").unwrap().gib_ceil(), 100);
        assert_eq!(Size::parse("1G").unwrap().gib_ceil(), 1);
        assert_eq!(Size::parse("1536Mi").unwrap().to_string(), "1536Mi");
        assert_eq!(Size::parse("2048Mi").unwrap().to_string(), "2Gi");
        assert_eq!(Size::parse("1G").unwrap().to_string(), "1000000000");
        let e = Size::parse("100GB").unwrap_err();
        assert_eq!(e.message, "unknown size suffix `GB`");
        assert_eq!(e.help.as_deref(), Some("did you mean \"100Gi\" (binary, GiB) or \"100G\" (decimal)?"));
        assert!(Size::parse("").is_err());
        assert!(Size::parse("-1Gi").is_err());
        assert!(Size::parse("0.3").is_err(), "not a whole number of bytes");
        assert!(Size::parse("99999999999999999999999999999Pi").is_err(), "overflow");
        assert_eq!(Size::parse("1gi").unwrap_err().help.as_deref(), Some("did you mean \"1Gi\"?"));
    }

    #[test]
    fn cpus() {
        assert_eq!(Cpu::parse("500m").unwrap().millis(), 500);
        assert_eq!(Cpu::parse("0.5").unwrap().millis(), 500);
        assert_eq!(Cpu::parse("2").unwrap().millis(), 2000);
        assert_eq!(Cpu::parse("1.5").unwrap().to_string(), "1500m");
        assert_eq!(Cpu::parse("2").unwrap().to_string(), "2");
        assert!(Cpu::parse("0.0001").is_err());
        assert!(Cpu::parse("-1").is_err());
        assert_eq!(Cpu::parse("500M").unwrap_err().help.as_deref(), Some("CPU millicores use a lowercase m: \"500m\""));
    }

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("30s").unwrap().seconds(), 30);
        assert_eq!(Duration::parse("1h30m").unwrap().seconds(), 5400);
        assert_eq!(Duration::parse("30d").unwrap().days_ceil(), 30);
        assert_eq!(Duration::parse("1w").unwrap().seconds(), 604_800);
        assert_eq!(Duration::parse("90m").unwrap().to_string(), "1h30m");
        assert_eq!(Duration::parse("0s").unwrap().to_string(), "0s");
        assert_eq!(Duration::parse("30").unwrap_err().help.as_deref(), Some("add a unit, e.g. \"30s\" or \"30m\""));
        assert!(Duration::parse("30x").unwrap_err().message.contains("unknown duration unit `x`"));
        assert!(Duration::parse("").is_err());
        assert!(Duration::parse("1h30").is_err());
        assert!(Duration::parse("h").is_err());
    }

    #[test]
    fn ports() {
        assert_eq!(Port::new(8080.0).unwrap().get(), 8080);
        assert!(Port::new(0.0).is_err());
        assert!(Port::new(65536.0).is_err());
        assert!(Port::new(80.5).is_err());
    }
}
