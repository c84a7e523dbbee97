//! Container image references, following the Docker reference grammar:
//! `[registry/]repository[:tag][@sha256:digest]`.

use std::fmt;

use super::DomainError;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImageRef {
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

fn valid_component(c: &str) -> bool {
    !c.is_empty()
        && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-'))
        && c.starts_with(|ch: char| ch.is_ascii_alphanumeric())
        && c.ends_with(|ch: char| ch.is_ascii_alphanumeric())
}

impl ImageRef {
    pub fn parse(s: &str) -> Result<ImageRef, DomainError> {
        let example = "write an image like \"ghcr.io/acme/api:1.2.3\" or \"nginx:1.27-alpine\"";
        if s.is_empty() || s.chars().any(char::is_whitespace) {
            return Err(DomainError::new(format!("\"{s}\" is not an image reference")).help(example));
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                let hex = d.strip_prefix("sha256:").unwrap_or("");
                if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
                    return Err(DomainError::new(format!("\"{d}\" is not a digest"))
                        .help("a digest is \"sha256:\" and 64 lowercase hex digits"));
                }
                (r, Some(d.to_owned()))
            }
            None => (s, None),
        };
        // A tag is after the last colon that follows the last slash (a colon before it is a registry port).
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(rest[last_slash + i + 1..].to_owned())),
            None => (rest, None),
        };
        if let Some(t) = &tag {
            let ok = !t.is_empty()
                && t.len() <= 128
                && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
                && !t.starts_with(['.', '-']);
            if !ok {
                return Err(DomainError::new(format!("\"{t}\" is not a valid tag"))
                    .help("tags are letters, digits, `_`, `.` and `-`, at most 128 characters"));
            }
        }
        let mut parts: Vec<&str> = name.split('/').collect();
        let registry =
            if parts.len() > 1 && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost") {
                Some(parts.remove(0).to_owned())
            } else {
                None
            };
        for p in &parts {
            if !valid_component(p) {
                let help = if p.chars().any(|c| c.is_ascii_uppercase()) {
                    format!("repository names are lowercase: \"{}\"", name.to_ascii_lowercase())
                } else {
                    example.to_owned()
                };
                return Err(DomainError::new(format!("\"{name}\" is not a valid repository name")).help(help));
            }
        }
        Ok(ImageRef { registry, repository: parts.join("/"), tag, digest })
    }

    /// Pinned: a digest, or a tag other than `latest`.
    pub fn is_pinned(&self) -> bool {
        self.digest.is_some() || self.tag.as_deref().is_some_and(|t| t != "latest")
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(r) = &self.registry {
            write!(f, "{r}/")?;
        }
        f.write_str(&self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_references() {
        let i = ImageRef::parse("ghcr.io/acme/api:v1.2.3").unwrap();
        assert_eq!(
            (i.registry.as_deref(), i.repository.as_str(), i.tag.as_deref()),
            (Some("ghcr.io"), "acme/api", Some("v1.2.3"))
        );
        let i = ImageRef::parse("nginx").unwrap();
        assert_eq!((i.registry, i.repository.as_str(), i.tag), (None, "nginx", None));
        assert!(!ImageRef::parse("nginx").unwrap().is_pinned());
        assert!(!ImageRef::parse("nginx:latest").unwrap().is_pinned());
        assert!(ImageRef::parse("nginx:1.27-alpine").unwrap().is_pinned());
        let i = ImageRef::parse("localhost:5000/x:1").unwrap();
        assert_eq!(
            (i.registry.as_deref(), i.repository.as_str(), i.tag.as_deref()),
            (Some("localhost:5000"), "x", Some("1"))
        );
        let d = format!("repo@sha256:{}", "a".repeat(64));
        assert!(ImageRef::parse(&d).unwrap().is_pinned());
        for s in ["ghcr.io/acme/api:v1.2.3", "localhost:5000/x:1", &d] {
            assert_eq!(ImageRef::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_bad_references() {
        assert!(ImageRef::parse("").is_err());
        assert!(ImageRef::parse("a b").is_err());
        assert_eq!(
            ImageRef::parse("Acme/Api").unwrap_err().help.as_deref(),
            Some("repository names are lowercase: \"acme/api\"")
        );
        assert!(ImageRef::parse("repo@sha256:abc").is_err());
        assert!(ImageRef::parse("repo:").is_err());
    }
}
