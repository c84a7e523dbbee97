//! CIDR blocks: address spaces (top-level `cidr` attributes, e.g. networks) must not overlap, and a
//! nested block's CIDR (a subnet) must lie inside its resource's address space and not overlap its
//! siblings. Overlapping VPCs cannot be peered, overlapping subnets cannot be created.

use stackc_syntax::{Code, Diagnostic};

use crate::domain::Cidr;
use crate::graph::{BlockInstance, EnvGraph};
use crate::value::Value;

/// Address spaces (top-level `cidr` attributes) must not overlap; a block's CIDR (a subnet) must lie
/// inside its resource's address space and not overlap its siblings.
pub fn run(env: &EnvGraph) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut spaces = Vec::new();
    for r in env.resources() {
        for (attr, v) in r.attrs() {
            if let Value::Cidr(c) = v {
                spaces.push((r, attr, *c));
            }
        }
    }
    for (i, (ra, aa, ca)) in spaces.iter().enumerate() {
        for (rb, ab, cb) in &spaces[i + 1..] {
            if ca.overlaps(cb) {
                diags.push(
                    Diagnostic::error(Code::E0413, "overlapping CIDR blocks")
                        .primary(rb.attr_span(ab), format!("`{}` ({cb}) overlaps `{}` ({ca})", rb.address, ra.address))
                        .secondary(ra.attr_span(aa), format!("`{}` is {ca}", ra.address))
                        .help("give each network its own address range, e.g. 10.0.0.0/16 and 10.1.0.0/16"),
                );
            }
        }
    }
    for r in env.resources() {
        let parent = r.attrs().map(|(_, v)| v).find_map(|v| if let Value::Cidr(c) = v { Some(*c) } else { None });
        for instances in r.blocks.values() {
            let subnets: Vec<(&BlockInstance, Cidr)> = instances
                .iter()
                .flat_map(|b| {
                    b.attrs.values().filter_map(move |v| if let Value::Cidr(c) = v { Some((b, *c)) } else { None })
                })
                .collect();
            for (i, (b, c)) in subnets.iter().enumerate() {
                if let Some(p) = parent {
                    if !p.contains(c) {
                        diags.push(
                            Diagnostic::error(Code::E0413, "subnet outside its network")
                                .primary(b.span, format!("{c} is not inside {p}"))
                                .help(format!("choose a range inside {p}")),
                        );
                    }
                }
                for (b2, c2) in &subnets[i + 1..] {
                    if c.overlaps(c2) {
                        diags.push(
                            Diagnostic::error(Code::E0413, "overlapping CIDR blocks")
                                .primary(b2.span, format!("{c2} overlaps {c}"))
                                .secondary(b.span, format!("{c} is here")),
                        );
                    }
                }
            }
        }
    }
    diags
}
