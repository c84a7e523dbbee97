//! Parsing a stack file with recovery.
//!
//! hcl-edit stops at the first syntax error. To report every independent error, a file that fails to
//! parse as a whole is split into top-level chunks (each starts at a line whose first column begins an
//! identifier) and each chunk is parsed on its own: one broken block costs only itself.

use hcl::edit::parser::parse_body;

use crate::ast::File;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lower::Lowerer;
use crate::source::{FileId, Span};

/// Parses one file. Always returns a tree: the blocks that could be read, plus a diagnostic for each
/// chunk that could not.
pub fn parse_file(file: FileId, text: &str) -> (File, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if let Ok(body) = parse_body(text) {
        let mut lowerer = Lowerer { file, offset: 0, diagnostics: &mut diagnostics };
        let body = lowerer.body(&body);
        return (File { body }, diagnostics);
    }
    let mut out = File::default();
    for (start, end) in top_level_chunks(text) {
        let chunk = &text[start..end];
        match parse_body(chunk) {
            Ok(body) => {
                let mut lowerer = Lowerer { file, offset: start, diagnostics: &mut diagnostics };
                let body = lowerer.body(&body);
                out.body.attributes.extend(body.attributes);
                out.body.blocks.extend(body.blocks);
            }
            Err(err) => diagnostics.push(syntax_error(file, chunk, start, &err)),
        }
    }
    (out, diagnostics)
}

fn syntax_error(file: FileId, chunk: &str, chunk_start: usize, err: &hcl::edit::parser::Error) -> Diagnostic {
    let loc = err.location();
    let mut at = loc.offset().min(chunk.len());
    // Point at one character, not an empty span, when there is one.
    let mut end = chunk[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    if end == at && at > 0 {
        // At end of input: point at the last character.
        let prev = chunk[..at].chars().next_back().map_or(0, char::len_utf8);
        at -= prev;
        end = chunk.len();
    }
    let message = err.message().lines().next().unwrap_or("invalid syntax").to_owned();
    let message = if message.is_empty() { "invalid syntax".to_owned() } else { message };
    let span = Span::new(file, chunk_start + at, chunk_start + end);
    if message.contains("redefined attribute") || message.contains("redefined object key") {
        if let Some(d) = duplicate_attribute(file, chunk, chunk_start, at) {
            return d;
        }
    }
    let help = syntax_help(&message);
    Diagnostic::error(Code::E0001, format!("syntax error: {message}"))
        .primary(span, "here")
        .maybe_help(help)
        .note("the rest of this block was skipped; other blocks are still checked")
}

/// hcl-edit rejects a redefined attribute as a syntax error; report it as what it is, pointing at both.
fn duplicate_attribute(file: FileId, chunk: &str, chunk_start: usize, at: usize) -> Option<Diagnostic> {
    let rest = &chunk[at..];
    let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))?;
    let name = &rest[..len];
    if name.is_empty() {
        return None;
    }
    let again = Span::new(file, chunk_start + at, chunk_start + at + len);
    let mut d = Diagnostic::error(Code::E0003, format!("attribute `{name}` is set twice"))
        .primary(again, "set again here")
        .help("remove one of the two");
    let mut offset = 0;
    for line in chunk[..at].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with(name) && trimmed[len..].trim_start().starts_with('=') {
            let first = Span::new(file, chunk_start + offset + indent, chunk_start + offset + indent + len);
            d = d.secondary(first, "first set here");
        }
        offset += line.len();
    }
    Some(d)
}

fn syntax_help(message: &str) -> Option<String> {
    if message.starts_with("invalid expression") {
        Some("a value is missing or malformed here: write a string, number, bool, list, object or reference".into())
    } else if message.contains("`}`") {
        Some("check that every `{` has a matching `}` and that each attribute is on its own line".into())
    } else if message.contains("`=`") {
        Some("attributes are written `name = value`; blocks are written `name \"label\" { … }`".into())
    } else if message.contains("`\"`") {
        Some("close the string with `\"`".into())
    } else {
        None
    }
}

/// Byte ranges of the top-level chunks of `text`. A chunk starts at a line whose first character can
/// start an identifier; leading comments and blank lines belong to the chunk that follows them.
fn top_level_chunks(text: &str) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            starts.push(offset);
        }
        offset += line.len();
    }
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push((start, end));
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::ExprKind;

    #[test]
    fn parses_blocks_and_attributes_with_spans() {
        let src = "service \"api\" {\n  port = 8080\n}\n";
        let (file, diags) = parse_file(FileId(0), src);
        assert!(diags.is_empty(), "{diags:?}");
        let block = &file.body.blocks[0];
        assert_eq!(block.ident.name, "service");
        assert_eq!(block.labels[0].name, "api");
        let attr = &block.body.attributes[0];
        assert_eq!(&src[attr.name.span.range()], "port");
        assert_eq!(&src[attr.value.span.range()], "8080");
        assert_eq!(attr.value.kind, ExprKind::Number(8080.0));
    }

    #[test]
    fn one_broken_block_does_not_hide_the_others() {
        let src = "a \"x\" {\n  v = 1\n}\nb \"y\" {\n  v = \n}\nc \"z\" {\n  v = 3\n}\n";
        let (file, diags) = parse_file(FileId(0), src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, crate::Code::E0001);
        let names: Vec<_> = file.body.blocks.iter().map(|b| b.ident.name.as_str()).collect();
        assert_eq!(names, ["a", "c"]);
        // The error points inside the broken block.
        let span = diags[0].span().unwrap();
        assert!(span.start as usize > src.find("b \"y\"").unwrap());
        assert!((span.start as usize) < src.find("c \"z\"").unwrap());
        // Spans of later blocks are still absolute.
        assert_eq!(&src[file.body.blocks[1].labels[0].span.range()], "\"z\"");
    }

    #[test]
    fn duplicate_attributes_are_reported() {
        let (_, diags) = parse_file(FileId(0), "a \"x\" {\n  v = 1\n  v = 2\n}\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, crate::Code::E0003);
        assert_eq!(diags[0].labels.len(), 2);
    }

    #[test]
    fn templates_and_traversals_lower() {
        let (file, diags) = parse_file(FileId(0), "x = \"${local.a}-b\"\ny = database.orders.url\n");
        assert!(diags.is_empty());
        assert!(matches!(file.body.attributes[0].value.kind, ExprKind::Template(ref p) if p.len() == 2));
        let path: Vec<_> = file.body.attributes[1].value.as_path().unwrap().iter().map(|i| i.name.clone()).collect();
        assert_eq!(path, ["database", "orders", "url"]);
    }

    #[test]
    fn splats_are_unsupported_not_fatal() {
        let (_, diags) = parse_file(FileId(0), "x = a.b[*].c\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, crate::Code::E0002);
    }

    #[test]
    fn unterminated_input_points_inside_the_file() {
        for src in ["a {", "a \"x\" {\n b = \"", "\u{feff}", "}}}", "a = [1, 2"] {
            let (_, diags) = parse_file(FileId(0), src);
            for d in diags {
                let s = d.span().unwrap();
                assert!(s.end as usize <= src.len(), "{src:?} {d:?}");
            }
        }
    }
}
