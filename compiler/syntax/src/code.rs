//! Diagnostic codes as data: every code stackc can report, with its default severity, the group it
//! is listed under, its title and its explanation page (`docs/diagnostics/<CODE>.md`, embedded; a code
//! without a page does not compile). `stackc explain`, the diagnostics index and the test that every
//! code has a fixture all read [`Code::ALL`].
//!
//! Codes are stable: `E…` compile errors, `W…` warnings, `P…` policy findings, `C…` cost findings.

use crate::diagnostic::Severity;

macro_rules! codes {
    ($($code:ident, $severity:ident, $group:literal, $title:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// The code as written: `E0108`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }

            /// The severity a diagnostic with this code has unless its finding says otherwise (a policy
            /// declares its own).
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$code => Severity::$severity,)*
                }
            }

            /// The heading the code is listed under in the diagnostics index.
            pub fn group(self) -> &'static str {
                match self {
                    $(Code::$code => $group,)*
                }
            }

            /// A short title: the heading of its page.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$code => $title,)*
                }
            }

            /// The explanation page, as Markdown.
            pub fn page(self) -> &'static str {
                match self {
                    $(Code::$code => include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/../../docs/diagnostics/",
                        stringify!($code),
                        ".md"
                    )),)*
                }
            }
        }
    };
}

codes! {
    E0001, Error, "Syntax", "syntax error";
    E0002, Error, "Syntax", "unsupported syntax";
    E0003, Error, "Syntax", "attribute set twice";
    E0004, Error, "Syntax", "cannot read file";
    E0101, Error, "Structure", "unknown block";
    E0102, Error, "Structure", "wrong block labels";
    E0103, Error, "Structure", "declared twice";
    E0104, Error, "Structure", "no stack block";
    E0105, Error, "Structure", "more than one stack block";
    E0106, Error, "Structure", "invalid name";
    E0107, Error, "Structure", "no environments";
    E0108, Error, "Structure", "unknown attribute";
    E0109, Error, "Structure", "missing required attribute";
    E0110, Error, "Structure", "unknown nested block";
    E0111, Error, "Structure", "wrong number of nested blocks";
    E0112, Error, "Structure", "unknown profile";
    E0113, Error, "Structure", "override of an unknown resource";
    E0114, Error, "Structure", "attribute at the top level";
    E0115, Error, "Structure", "profile field is not a constant";
    E0116, Error, "Structure", "unknown kind";
    E0118, Error, "Structure", "unknown region";
    E0201, Error, "Modules", "module source cannot be loaded";
    E0202, Error, "Modules", "unknown module input";
    E0203, Error, "Modules", "missing module input";
    E0204, Error, "Modules", "module includes itself";
    E0205, Error, "Modules", "unknown module output";
    E0301, Error, "References", "unknown name";
    E0302, Error, "References", "unknown resource";
    E0303, Error, "References", "unknown attribute or output";
    E0304, Error, "References", "unknown field, local or input";
    E0305, Error, "References", "reference to a disabled resource";
    E0306, Error, "References", "self outside a kind default or policy";
    E0401, Error, "Types and values", "type mismatch";
    E0402, Error, "Types and values", "invalid size";
    E0403, Error, "Types and values", "invalid cpu";
    E0404, Error, "Types and values", "invalid duration";
    E0405, Error, "Types and values", "invalid CIDR block";
    E0406, Error, "Types and values", "invalid port";
    E0407, Error, "Types and values", "invalid image reference";
    E0408, Error, "Types and values", "unknown instance type";
    E0409, Error, "Types and values", "value not allowed";
    E0410, Error, "Types and values", "value only known after apply";
    E0411, Error, "Types and values", "wrong function arguments";
    E0412, Error, "Types and values", "unknown function";
    E0413, Error, "Types and values", "overlapping CIDR blocks";
    E0414, Error, "Types and values", "invalid operation";
    E0415, Error, "Types and values", "no single resource to attach to";
    E0417, Error, "Types and values", "instance type not offered in the region";
    E0418, Error, "Types and values", "invalid suppression";
    E0419, Error, "Types and values", "suppression expired";
    E0420, Error, "Types and values", "value out of range";
    E0421, Error, "Types and values", "value does not have the required form";
    E0422, Error, "Types and values", "rule of a kind not met";
    E0501, Error, "Graph", "dependency cycle";
    E0502, Error, "Graph", "value depends on itself";
    E0503, Error, "Graph", "depends_on lists resources";
    E0601, Error, "Standard library", "invalid kind definition";
    E0602, Error, "Standard library", "invalid type expression";
    E0701, Error, "Lowering to AWS", "impossible zone count";
    E0702, Error, "Lowering to AWS", "AWS name too long";
    E0703, Error, "Lowering to AWS", "certificate without a zone";
    E0704, Error, "Lowering to AWS", "AWS names collide";
    E0705, Error, "Lowering to Kubernetes", "Kubernetes objects collide";
    E0706, Error, "Lowering to Kubernetes", "add-on too old for what stackc writes";
    E0707, Error, "Lowering to Ansible", "inventory entries collide";
    E0708, Error, "Lowering to Ansible", "host variable set by an attribute";
    E0709, Error, "Lowering to Ansible", "value an inventory cannot hold";
    E0710, Error, "Lowering to GitHub Actions", "pipeline the workflows cannot run";
    E0901, Error, "Internal", "internal compiler error";
    C0001, Error, "Cost", "environment over budget";
    C0002, Warning, "Cost", "no price for a resource";
    P0001, Error, "Policies", "stack policy not met";
    P0002, Error, "Policies", "built-in rule not met";
    W0401, Warning, "Warnings", "size without a unit";
    W0402, Warning, "Warnings", "image not pinned";
    W0403, Warning, "Warnings", "override drops settings of nested blocks";
    W0418, Warning, "Warnings", "suppression suppresses nothing";
    W0419, Warning, "Warnings", "suppression expires soon";
    W0422, Warning, "Warnings", "implausible value";
}

impl Code {
    /// The code written as text (`e0108` too), if it exists.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_titled_with_its_code_and_title() {
        for code in Code::ALL {
            let first = code.page().lines().next().unwrap_or_default();
            assert_eq!(first, format!("# {}: {}", code.as_str(), code.title()), "docs/diagnostics/{code}.md");
        }
    }

    #[test]
    fn codes_are_sorted_and_unique() {
        let mut sorted = Code::ALL.to_vec();
        sorted.sort_by_key(|c| c.as_str());
        sorted.dedup();
        assert_eq!(sorted.len(), Code::ALL.len());
        assert_eq!(Code::parse("e0108"), Some(Code::E0108));
        assert_eq!(Code::parse("E9999"), None);
    }
}
