//! Parsing a stack file with recovery.
//!
//! hcl-edit stops at the first syntax error. To report every independent error, a file that fails to
//! parse as a whole is split into top-level chunks (each starts at a line whose first column begins an
//! identifier, outside heredocs and block comments) and each chunk is parsed on its own: one broken
//! block costs only itself. The header of a dropped chunk is kept ([`BrokenBlock`]) so that later
//! stages can tell a reference to a block that could not be read from a reference to nothing.
//!
//! hcl-edit reports where its parser gave up, which for a string or bracket left open is often far
//! from the mistake. A chunk that fails is therefore scanned ([`scan`]) for the usual causes, and the
//! error points at the quote, bracket, comment or heredoc that is never closed (or the bracket that
//! closes nothing); hcl-edit's message is the fallback.

use hcl::edit::parser::parse_body;

use crate::ast::{BrokenBlock, File, Ident};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lower::Lowerer;
use crate::source::{FileId, Span};

const SKIPPED: &str = "the rest of this block was skipped; other blocks are still checked";

/// Parses one file. Always returns a tree: the blocks that could be read, plus a diagnostic (and a
/// [`BrokenBlock`], when its header can be read) for each chunk that could not.
///
/// The direct parser ([`crate::fast`]) reads what it can read exactly as hcl-edit does; anything
/// else, and every file with an error, is parsed by hcl-edit.
pub fn parse_file(file: FileId, text: &str) -> (File, Vec<Diagnostic>) {
    match crate::fast::parse_body(file, text, 0) {
        Some(body) => (File { body, broken: Vec::new() }, Vec::new()),
        None => parse_file_with_hcl_edit(file, text),
    }
}

/// [`parse_file`] by hcl-edit alone.
pub fn parse_file_with_hcl_edit(file: FileId, text: &str) -> (File, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if let Ok(body) = parse_body(text) {
        let mut lowerer = Lowerer { file, offset: 0, diagnostics: &mut diagnostics };
        let body = lowerer.body(&body);
        return (File { body, broken: Vec::new() }, diagnostics);
    }
    let mut out = File::default();
    for (start, end) in top_level_chunks(text) {
        let Some(chunk) = text.get(start..end) else { continue };
        match parse_body(chunk) {
            Ok(body) => {
                let mut lowerer = Lowerer { file, offset: start, diagnostics: &mut diagnostics };
                let body = lowerer.body(&body);
                out.body.attributes.extend(body.attributes);
                out.body.blocks.extend(body.blocks);
            }
            Err(err) => {
                diagnostics.push(syntax_error(file, chunk, start, &err));
                out.broken.extend(broken_header(file, chunk, start));
            }
        }
    }
    (out, diagnostics)
}

/// A file longer than this is parsed in pieces of about this size, on several threads.
const PIECE: usize = 48 * 1024;

/// Parses several files, as [`parse_file`] parses each, using every core: the files, and the pieces
/// of a large file (about [`PIECE`] bytes each, the last at least half that), are parsed in parallel
/// and put back in order, so the result does not depend on scheduling.
///
/// A piece boundary is a line that starts with an identifier in the first column: at the top level
/// that is where an attribute or block begins; anywhere else (inside a block, a bracket, a string, a
/// heredoc, a block comment) the piece before it is left unclosed and fails to parse.
/// A file any piece of which fails — or whose pieces repeat a top-level attribute, which hcl-edit
/// rejects in one body — is parsed again whole by [`parse_file`], so errors and recovery are exactly
/// those of the one-piece parse.
pub fn parse_files(files: &[(FileId, &str)], threads: usize) -> Vec<(File, Vec<Diagnostic>)> {
    type Parsed = Option<(File, Vec<Diagnostic>)>;
    // (file, start, end) of every piece, files in order.
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
    for (i, (_, text)) in files.iter().enumerate() {
        if text.len() <= 2 * PIECE || threads < 2 {
            pieces.push((i, 0, text.len()));
            continue;
        }
        let mut start = 0;
        while let Some(end) = piece_end(text, start) {
            pieces.push((i, start, end));
            start = end;
        }
        pieces.push((i, start, text.len()));
    }
    let parse_piece = |&(i, start, end): &(usize, usize, usize)| -> Parsed {
        let (file, text) = files[i];
        let text = text.get(start..end)?;
        if start == 0 && end == files[i].1.len() {
            return Some(parse_file(file, text));
        }
        if let Some(body) = crate::fast::parse_body(file, text, start) {
            return Some((File { body, broken: Vec::new() }, Vec::new()));
        }
        let body = parse_body(text).ok()?;
        let mut diagnostics = Vec::new();
        let body = Lowerer { file, offset: start, diagnostics: &mut diagnostics }.body(&body);
        Some((File { body, broken: Vec::new() }, diagnostics))
    };
    let parsed: Vec<Parsed> = crate::work::in_order(&pieces, threads, parse_piece);
    // Put each file's pieces back together.
    let mut out: Vec<Parsed> = files.iter().map(|_| None).collect();
    let mut failed = vec![false; files.len()];
    for (&(i, _, _), piece) in pieces.iter().zip(parsed) {
        let Some((file, diags)) = piece else {
            failed[i] = true;
            continue;
        };
        match &mut out[i] {
            None => out[i] = Some((file, diags)),
            Some((whole, all)) => {
                let names = |f: &File| f.body.attributes.iter().map(|a| a.name.name.clone()).collect::<Vec<_>>();
                let seen = names(whole);
                failed[i] |= names(&file).iter().any(|n| seen.contains(n));
                whole.body.attributes.extend(file.body.attributes);
                whole.body.blocks.extend(file.body.blocks);
                all.extend(diags);
            }
        }
    }
    out.into_iter()
        .zip(failed)
        .zip(files)
        .map(|((parsed, failed), &(file, text))| match parsed {
            Some(p) if !failed => p,
            _ => parse_file(file, text),
        })
        .collect()
}

fn syntax_error(file: FileId, chunk: &str, chunk_start: usize, err: &hcl::edit::parser::Error) -> Diagnostic {
    let loc = err.location();
    let mut at = loc.offset().min(chunk.len());
    // hcl-edit's offset may fall inside a multi-byte character: step back to its start.
    while !chunk.is_char_boundary(at) {
        at -= 1;
    }
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
    if let Some(finding) = scan(chunk, true).finding {
        return finding.diagnostic(file, chunk_start).note(SKIPPED);
    }
    let help = syntax_help(&message);
    Diagnostic::error(Code::E0001, format!("syntax error: {message}"))
        .primary(span, "here")
        .maybe_help(help)
        .note(SKIPPED)
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
/// start an identifier, unless that line is inside a heredoc or a block comment (a commented-out block
/// is not a block); leading comments and blank lines before the first chunk form a chunk of their own.
fn top_level_chunks(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = scan(text, false)
        .line_starts
        .into_iter()
        .filter(|&s| bytes.get(s).is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_'))
        .collect();
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

/// The end of the piece of `text` that starts at `start`: the first line at least [`PIECE`] bytes on
/// that starts with an identifier, when at least half a piece follows it. `None` when the rest is the
/// last piece. No scan of the text before it: where the line is not at the top level, the piece
/// fails to parse, and the file is parsed whole.
fn piece_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = start + PIECE;
    loop {
        at += bytes.get(at..)?.iter().position(|&c| c == b'\n')? + 1;
        if bytes.get(at).is_some_and(|&c| is_ident_start(c)) && text.len() - at >= PIECE / 2 {
            return Some(at);
        }
    }
}

/// The header of a chunk that failed to parse: its identifier and first label (`network "main" {` →
/// `network`, `main`), after any leading comments. `None` when the chunk does not start like a block
/// (a top-level attribute, stray text).
fn broken_header(file: FileId, chunk: &str, chunk_start: usize) -> Option<BrokenBlock> {
    let bytes = chunk.as_bytes();
    let start = skip_trivia(bytes, 0);
    let name_end = ident_end(bytes, start)?;
    let span = |from: usize, to: usize| Span::new(file, chunk_start + from, chunk_start + to);
    let ident = Ident { name: chunk.get(start..name_end)?.to_owned(), span: span(start, name_end) };
    let mut at = name_end;
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    let label = match bytes.get(at) {
        Some(b'"') => {
            // A label is read only when it is closed on this line and holds plain text.
            let len = bytes.get(at + 1..)?.iter().position(|&c| c == b'"' || c == b'\n')?;
            let close = at + 1 + len;
            let name = chunk.get(at + 1..close)?;
            let plain = bytes.get(close) == Some(&b'"') && !name.contains(['\\', '$', '%']);
            plain.then(|| Ident { name: name.to_owned(), span: span(at, close + 1) })
        }
        Some(&c) if is_ident_start(c) => {
            let end = ident_end(bytes, at)?;
            Some(Ident { name: chunk.get(at..end)?.to_owned(), span: span(at, end) })
        }
        Some(b'{') => None,
        _ => return None,
    };
    let end = chunk.trim_end().len().max(name_end);
    Some(BrokenBlock { ident, label, span: span(start, end) })
}

/// Skips whitespace and comments from `at`.
fn skip_trivia(bytes: &[u8], mut at: usize) -> usize {
    loop {
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(c), _) if c.is_ascii_whitespace() => at += 1,
            (Some(b'#'), _) | (Some(b'/'), Some(b'/')) => at = line_end(bytes, at),
            (Some(b'/'), Some(b'*')) => at = find(bytes, at + 2, b"*/").map_or(bytes.len(), |end| end + 2),
            _ => return at,
        }
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// The end of the identifier starting at `at`, if one does.
fn ident_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !bytes.get(at).is_some_and(|&c| is_ident_start(c)) {
        return None;
    }
    let len = bytes.get(at..)?.iter().position(|&c| !is_ident_char(c)).unwrap_or(bytes.len() - at);
    Some(at + len)
}

/// The offset of the newline ending the line that contains `at`, or the end of the text.
fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).and_then(|rest| rest.iter().position(|&c| c == b'\n')).map_or(bytes.len(), |n| at + n)
}

/// The offset of the first `needle` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|n| from + n)
}

/// The number of spaces and tabs at the start of the line beginning at `line_start`.
fn indent_at(bytes: &[u8], line_start: usize) -> usize {
    bytes.get(line_start..).map_or(0, |rest| rest.iter().take_while(|&&c| c == b' ' || c == b'\t').count())
}

fn closing(open: u8) -> u8 {
    match open {
        b'[' => b']',
        b'(' => b')',
        _ => b'}',
    }
}

fn opening(close: u8) -> u8 {
    match close {
        b']' => b'[',
        b')' => b'(',
        _ => b'{',
    }
}

/// What [`scan`] found wrong in a chunk. Offsets are relative to the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Finding {
    /// A `"` whose line (or the chunk) ends before the string closes.
    UnterminatedString { quote: usize },
    /// A `{`, `[` or `(` that is never closed; `closer` is the other closing bracket met instead.
    Unclosed { open: usize, bracket: u8, closer: Option<(usize, u8)> },
    /// A `${` (or `%{`) in a string that is never closed.
    UnclosedInterpolation { at: usize, sigil: u8 },
    /// A closing bracket with nothing open to close.
    Unexpected { at: usize, bracket: u8 },
    /// A `/*` without its `*/`.
    UnclosedComment { at: usize },
    /// A `<<EOT` (or `<<-EOT`) without the line that ends it.
    UnterminatedHeredoc { at: usize, len: usize, marker: String },
}

impl Finding {
    fn diagnostic(&self, file: FileId, chunk_start: usize) -> Diagnostic {
        let span = |at: usize, len: usize| Span::new(file, chunk_start + at, chunk_start + at + len);
        match self {
            Finding::UnterminatedString { quote } => Diagnostic::error(Code::E0001, "unterminated string")
                .primary(span(*quote, 1), "this string is never closed")
                .help(
                    "close the string with `\"` on the same line; use a heredoc (`<<EOT`) for text over several lines",
                ),
            Finding::Unclosed { open, bracket, closer } => {
                let (o, c) = (char::from(*bracket), char::from(closing(*bracket)));
                let mut d = Diagnostic::error(Code::E0001, format!("unclosed `{o}`"))
                    .primary(span(*open, 1), format!("this `{o}` is never closed"));
                if let Some((at, found)) = closer {
                    d = d.secondary(span(*at, 1), format!("expected `{c}` before this `{}`", char::from(*found)));
                }
                d.help(format!("add the matching `{c}`"))
            }
            Finding::UnclosedInterpolation { at, sigil } => {
                let open = format!("{}{{", char::from(*sigil));
                Diagnostic::error(Code::E0001, format!("unclosed `{open}`"))
                    .primary(span(*at, 2), format!("this `{open}` is never closed"))
                    .help("close it with `}` before the string's closing `\"`")
            }
            Finding::Unexpected { at, bracket } => {
                let (c, o) = (char::from(*bracket), char::from(opening(*bracket)));
                Diagnostic::error(Code::E0001, format!("unexpected `{c}`"))
                    .primary(span(*at, 1), format!("no `{o}` is open here"))
                    .help(format!("remove this `{c}`, or add the `{o}` it was meant to close"))
            }
            Finding::UnclosedComment { at } => Diagnostic::error(Code::E0001, "unclosed comment")
                .primary(span(*at, 2), "this comment is never closed")
                .help("end the comment with `*/`"),
            Finding::UnterminatedHeredoc { at, len, marker } => Diagnostic::error(Code::E0001, "unterminated heredoc")
                .primary(span(*at, *len), "this heredoc is never closed")
                .help(format!("end it with a line that holds only `{marker}`")),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    /// An open `{`, `[` or `(`: the bracket, its offset and the indentation of its line.
    Bracket(u8, usize, usize),
    /// An open `${` or `%{` in a string: the sigil and its offset.
    Interp(u8, usize),
    /// An open string: the offset of its quote.
    Str(usize),
}

/// The open frames of a [`scan`], with what it asks of them kept up to date, so that no step of the
/// scan walks the whole stack (a hostile file may nest deeply).
#[derive(Default)]
struct Frames {
    stack: Vec<Frame>,
    /// The index of the outermost open string.
    first_str: Option<usize>,
    /// How many brackets are open, by the indentation of their line.
    indents: std::collections::HashMap<usize, usize>,
}

impl Frames {
    fn last(&self) -> Option<Frame> {
        self.stack.last().copied()
    }

    fn push(&mut self, frame: Frame) {
        match frame {
            Frame::Str(_) if self.first_str.is_none() => self.first_str = Some(self.stack.len()),
            Frame::Bracket(_, _, indent) => *self.indents.entry(indent).or_default() += 1,
            _ => {}
        }
        self.stack.push(frame);
    }

    fn pop(&mut self) {
        if let Some(Frame::Bracket(_, _, indent)) = self.stack.pop() {
            if let Some(n) = self.indents.get_mut(&indent) {
                *n = n.saturating_sub(1);
            }
        }
        if self.first_str.is_some_and(|i| i >= self.stack.len()) {
            self.first_str = None;
        }
    }

    /// Drops every open string and what was opened in it.
    fn close_strings(&mut self) {
        if let Some(first) = self.first_str {
            while self.stack.len() > first {
                self.pop();
            }
        }
    }

    /// Whether an open bracket's line is indented by `indent`.
    fn bracket_indented(&self, indent: usize) -> bool {
        self.indents.get(&indent).is_some_and(|&n| n > 0)
    }
}

/// What [`scan`] returns.
struct Scan {
    /// The first problem found (strict mode only).
    finding: Option<Finding>,
    /// The offsets of the lines that start outside heredocs, block comments and strings.
    line_starts: Vec<usize>,
}

/// Where each heredoc end marker could be: every line that holds only an identifier, by identifier.
/// Built once per scan, so that many heredocs cost a lookup each, not a pass over the rest of the text.
struct MarkerLines<'a> {
    lines: std::collections::HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> MarkerLines<'a> {
    fn new(text: &'a str) -> MarkerLines<'a> {
        let mut lines: std::collections::HashMap<&str, Vec<(usize, usize)>> = std::collections::HashMap::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.bytes().all(is_ident_char) && !trimmed.is_empty() {
                let end = offset + line.trim_end_matches('\n').len();
                lines.entry(trimmed).or_default().push((offset, end));
            }
            offset += line.len();
        }
        MarkerLines { lines }
    }

    /// The end (its newline, or the end of the text) of the first line at or after `from` that holds
    /// only `marker`.
    fn after(&self, marker: &str, from: usize) -> Option<usize> {
        let lines = self.lines.get(marker)?;
        let i = lines.partition_point(|&(start, _)| start < from);
        lines.get(i).map(|&(_, end)| end)
    }
}

/// A heredoc opener at `at` (`<<EOT` or `<<-EOT`, then the end of the line): its marker, the length of
/// the opener and the offset where its body starts.
fn heredoc_opener(text: &str, at: usize) -> Option<(&str, usize, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at..at + 2)? != b"<<" {
        return None;
    }
    let mut start = at + 2;
    if bytes.get(start) == Some(&b'-') {
        start += 1;
    }
    let end = ident_end(bytes, start)?;
    let mut rest = end;
    while matches!(bytes.get(rest), Some(b' ' | b'\t' | b'\r')) {
        rest += 1;
    }
    (bytes.get(rest) == Some(&b'\n')).then_some((text.get(start..end)?, end - at, rest + 1))
}

/// Scans `text` the way the lexer would, tracking strings (with escapes and `${ … }` interpolations,
/// which may hold strings of their own), comments, heredocs and brackets. Linear in the text.
///
/// In strict mode it stops at the first problem: a string still open at the end of its line, a
/// closing bracket with nothing (or another bracket) open, a comment or heredoc never closed, or
/// brackets still open at the end. Otherwise it never stops: a string ends with its line, and what is
/// unclosed is ignored; this mode is for finding where top-level chunks may start.
fn scan(text: &str, strict: bool) -> Scan {
    let bytes = text.as_bytes();
    let mut frames = Frames::default();
    let mut line_starts = Vec::new();
    let mut markers: Option<MarkerLines> = None;
    // Once a `/*` has no `*/` after it, no later one has.
    let mut comments_end = true;
    // A bracket closed by a bracket less indented than its own line, where an enclosing bracket's line
    // is indented like the closer: the likely unclosed one if brackets are left open at the end.
    let mut suspect: Option<(usize, u8)> = None;
    let (mut line_start, mut indent) = (0, indent_at(bytes, 0));
    let mut at_line_start = true;
    let found = |finding: Finding| Scan { finding: Some(finding), line_starts: Vec::new() };
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        if at_line_start {
            line_starts.push(i);
            at_line_start = false;
        }
        if c == b'\n' {
            if strict {
                // A newline in an interpolation is allowed; in the text of a string it is not.
                if let Some(finding) = string_left_open(&frames.stack) {
                    return found(finding);
                }
            } else {
                frames.close_strings();
            }
            i += 1;
            (line_start, indent, at_line_start) = (i, indent_at(bytes, i), true);
            continue;
        }
        if let Some(Frame::Str(_)) = frames.last() {
            match c {
                // An escape: skip the escaped character, unless it is the end of the line.
                b'\\' => i += if bytes.get(i + 1) == Some(&b'\n') { 1 } else { 2 },
                b'"' => {
                    frames.pop();
                    i += 1;
                }
                // `$${` and `%%{` are a literal `${` and `%{`.
                b'$' | b'%' if bytes.get(i + 1) == Some(&c) && bytes.get(i + 2) == Some(&b'{') => i += 3,
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    frames.push(Frame::Interp(c, i));
                    i += 2;
                }
                _ => i += 1,
            }
            continue;
        }
        match c {
            b'#' => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                match if comments_end { find(bytes, i + 2, b"*/") } else { None } {
                    Some(end) => {
                        // A comment over several lines ends on another line.
                        let inside = bytes.get(i + 2..end).unwrap_or_default();
                        if let Some(nl) = inside.iter().rposition(|&c| c == b'\n') {
                            line_start = i + 2 + nl + 1;
                            indent = indent_at(bytes, line_start);
                        }
                        i = end + 2;
                    }
                    None if strict => return found(Finding::UnclosedComment { at: i }),
                    None => {
                        comments_end = false;
                        i = line_end(bytes, i);
                    }
                }
            }
            b'"' => {
                frames.push(Frame::Str(i));
                i += 1;
            }
            b'<' => match heredoc_opener(text, i) {
                Some((marker, len, body)) => {
                    let end = markers.get_or_insert_with(|| MarkerLines::new(text)).after(marker, body);
                    match end {
                        // Continue at the newline that ends the marker line.
                        Some(end) => i = end,
                        None if strict => {
                            return found(Finding::UnterminatedHeredoc { at: i, len, marker: marker.to_owned() })
                        }
                        None => i += 2,
                    }
                }
                None => i += 1,
            },
            b'{' | b'[' | b'(' => {
                frames.push(Frame::Bracket(c, i, indent));
                i += 1;
            }
            b'}' | b']' | b')' => {
                match frames.last() {
                    Some(Frame::Bracket(open, at, open_indent)) if closing(open) == c => {
                        frames.pop();
                        let first_on_line = i == line_start + indent;
                        if suspect.is_none() && first_on_line && indent < open_indent && frames.bracket_indented(indent)
                        {
                            suspect = Some((at, open));
                        }
                    }
                    Some(Frame::Bracket(open, at, _)) if strict => {
                        return found(Finding::Unclosed { open: at, bracket: open, closer: Some((i, c)) })
                    }
                    Some(Frame::Bracket(..)) => frames.pop(),
                    Some(Frame::Interp(..)) if c == b'}' => frames.pop(),
                    _ if strict => return found(Finding::Unexpected { at: i, bracket: c }),
                    _ => {}
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    let finding = match frames.last() {
        _ if !strict => None,
        None => None,
        Some(Frame::Str(_)) => string_left_open(&frames.stack),
        Some(Frame::Interp(sigil, at)) => Some(Finding::UnclosedInterpolation { at, sigil }),
        Some(Frame::Bracket(open, at, _)) => {
            let (open, bracket) = suspect.unwrap_or((at, open));
            Some(Finding::Unclosed { open, bracket, closer: None })
        }
    };
    Scan { finding, line_starts }
}

/// The problem when the innermost frame is a string left open: that string, or, for a string inside
/// an interpolation (`"${foo"`), the interpolation that was not closed before it. `None` when the
/// innermost frame is not a string.
fn string_left_open(frames: &[Frame]) -> Option<Finding> {
    match frames {
        [.., Frame::Interp(sigil, at), Frame::Str(_)] => {
            Some(Finding::UnclosedInterpolation { at: *at, sigil: *sigil })
        }
        [.., Frame::Str(quote)] => Some(Finding::UnterminatedString { quote: *quote }),
        _ => None,
    }
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

    /// The one diagnostic of `src`, and the text and offset of its primary span.
    fn only_error(src: &str) -> (Diagnostic, &str, usize) {
        let (_, diags) = parse_file(FileId(0), src);
        assert_eq!(diags.len(), 1, "{src:?}: {diags:?}");
        let d = diags.into_iter().next().unwrap();
        assert_eq!(d.code, crate::Code::E0001);
        assert!(d.notes.iter().any(|n| n == SKIPPED), "{d:?}");
        let span = d.span().unwrap();
        (d, &src[span.range()], span.start as usize)
    }

    #[test]
    fn unterminated_string_points_at_its_quote() {
        let src = "network \"main\" {\n  cidr = \"10.0.0.0/16\n}\n";
        let (d, text, at) = only_error(src);
        assert_eq!(d.message, "unterminated string");
        assert_eq!((text, at), ("\"", src.find("\"10.").unwrap()));
        assert_eq!(d.labels[0].message, "this string is never closed");
        assert_eq!(
            d.help.as_deref(),
            Some("close the string with `\"` on the same line; use a heredoc (`<<EOT`) for text over several lines")
        );
        // The next line closing a string does not hide the one left open before it.
        let src = "network \"main\" {\n  cidr = \"10.0.0.0/16\n  name = \"main\"\n}\n";
        let (d, _, at) = only_error(src);
        assert_eq!((d.message.as_str(), at), ("unterminated string", src.find("\"10.").unwrap()));
        // At the end of the file, without a newline.
        let src = "locals {\n  a = \"x";
        assert_eq!(only_error(src).2, src.rfind('"').unwrap());
    }

    #[test]
    fn unclosed_brace_points_at_it_and_later_blocks_are_read() {
        let src = "network \"main\" {\n  cidr = \"10.0.0.0/16\"\n\nservice \"api\" {\n  port = 80\n}\n";
        let (file, diags) = parse_file(FileId(0), src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.message, "unclosed `{`");
        assert_eq!(d.span().unwrap().start as usize, src.find('{').unwrap());
        assert_eq!(d.labels[0].message, "this `{` is never closed");
        assert_eq!(d.help.as_deref(), Some("add the matching `}`"));
        assert_eq!(file.body.blocks.len(), 1);
        assert_eq!(file.body.blocks[0].ident.name, "service");
    }

    #[test]
    fn unclosed_bracket_closed_by_another_points_at_the_open_one() {
        let src = "network \"main\" {\n  zones = [\"a\", \"b\"\n}\n";
        let (d, text, at) = only_error(src);
        assert_eq!(d.message, "unclosed `[`");
        assert_eq!((text, at), ("[", src.find('[').unwrap()));
        assert_eq!(d.labels[1].message, "expected `]` before this `}`");
        assert_eq!(d.labels[1].span.start as usize, src.rfind('}').unwrap());
        assert_eq!(d.help.as_deref(), Some("add the matching `]`"));
        let src = "locals {\n  a = max(1, 2\n}\n";
        let (d, _, at) = only_error(src);
        assert_eq!((d.message.as_str(), at), ("unclosed `(`", src.find('(').unwrap()));
    }

    #[test]
    fn the_unclosed_brace_is_found_by_indentation() {
        // The `}` at column 0 closes `env = {`, but was written for `service`: `env`'s brace is unclosed.
        let src = "service \"api\" {\n  env = {\n    A = \"b\"\n\n}\n";
        let (d, _, at) = only_error(src);
        assert_eq!(d.message, "unclosed `{`");
        assert_eq!(at, src.find("= {").unwrap() + 2);
        // Braces on one line, or closed where they are indented, say nothing about it.
        let src = "service \"api\" {\n  env = { A = \"b\" }\n  labels = {\n    x = \"y\"\n  }\n";
        assert_eq!(only_error(src).2, src.find('{').unwrap());
    }

    #[test]
    fn unexpected_closing_brace() {
        let src = "network \"main\" {\n  cidr = \"10.0.0.0/16\"\n}\n}\n";
        let (d, _, at) = only_error(src);
        assert_eq!(d.message, "unexpected `}`");
        assert_eq!(at, src.rfind('}').unwrap());
        assert_eq!(d.labels[0].message, "no `{` is open here");
    }

    #[test]
    fn interpolations_escapes_comments_and_heredocs_are_skipped() {
        // Each block is valid up to its last attribute, whose string is left open: the scanner must see
        // through everything before it to point there.
        let valid = [
            "  a = \"${\"}\"}\"\n",
            "  a = \"${lower(\"A}\")} and ${ {x = \"}\"}.x }\"\n",
            "  a = \"say \\\"hi\\\" \\\\\"\n",
            "  a = \"$${not} %%{an} interpolation\"\n",
            "  a = \"%{ if true }{%{ endif }\"\n",
            "  # it's a \"quote { in a comment\n",
            "  // and \" another [ here\n",
            "  /* a \"block\n  comment { */ a = 1\n",
            "  a = <<EOT\nhello \" { [ ${\"x\"}\nEOT\n",
            "  a = <<-EOT\n    indented \" }\n    EOT\n",
            "  a = \"${\n  1 + 2\n}\"\n",
        ];
        for v in valid {
            let src = format!("locals {{\n{v}  b = \"broken\n}}\n");
            let (d, _, at) = only_error(&src);
            assert_eq!((d.message.as_str(), at), ("unterminated string", src.find("\"broken").unwrap()), "{src}");
        }
    }

    #[test]
    fn unclosed_interpolation_comment_and_heredoc() {
        let (d, text, _) = only_error("locals {\n  a = \"${local.b\"\n}\n");
        assert_eq!((d.message.as_str(), text), ("unclosed `${`", "${"));
        let (d, text, _) = only_error("locals {\n  a = 1 /* not closed\n}\n");
        assert_eq!((d.message.as_str(), text), ("unclosed comment", "/*"));
        let (d, text, _) = only_error("locals {\n  a = <<EOT\n  text\n  EOF\n}\n");
        assert_eq!((d.message.as_str(), text), ("unterminated heredoc", "<<EOT"));
        assert_eq!(d.help.as_deref(), Some("end it with a line that holds only `EOT`"));
    }

    #[test]
    fn other_errors_keep_the_parser_message() {
        let (d, _, _) = only_error("database \"orders\" {\n  engine =\n}\n");
        assert!(d.message.starts_with("syntax error: invalid expression"), "{d:?}");
    }

    #[test]
    fn chunks_do_not_start_inside_heredocs_or_block_comments() {
        let src = "locals {\n  a = <<EOT\nnetwork \"in-text\" {\nEOT\n}\n/*\nnetwork \"old\" {\n}\n*/\nb = \n";
        let (file, diags) = parse_file(FileId(0), src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].span().unwrap().start as usize, src.rfind('\n').unwrap(), "{diags:?}");
        assert_eq!(file.body.blocks.len(), 1);
        assert!(file.broken.is_empty(), "{:?}", file.broken);
    }

    #[test]
    fn dropped_blocks_keep_their_header() {
        let src = "# the network\nnetwork \"main\" {\n  cidr = \"10.0.0.0/16\n}\n\nlocals {\n  a = \n}\n\
                   service api {\n  port = (\n}\nx = \"y\n  \ncache \"a\\\"b\" {\n  a = [\n}\n";
        let (file, diags) = parse_file(FileId(0), src);
        assert_eq!(diags.len(), 5, "{diags:?}");
        let headers: Vec<_> = file
            .broken
            .iter()
            .map(|b| (b.ident.name.as_str(), b.label.as_ref().map(|l| &src[l.span.range()])))
            .collect();
        assert_eq!(
            headers,
            [("network", Some("\"main\"")), ("locals", None), ("service", Some("api")), ("cache", None)]
        );
        let network = &file.broken[0];
        assert_eq!(&src[network.ident.span.range()], "network");
        assert_eq!(network.label.as_ref().unwrap().name, "main");
        assert_eq!(&src[network.span.range()], "network \"main\" {\n  cidr = \"10.0.0.0/16\n}");
        // A file that parses has none.
        assert!(parse_file(FileId(0), "network \"main\" {\n}\n").0.broken.is_empty());
    }

    #[test]
    fn openers_in_strings_and_interpolations_start_nothing() {
        // `/*`, `<<EOT` and `#` in strings (and in strings in interpolations, whose braces nest) are
        // text; a real block comment and heredoc hide their lines.
        let src =
            "a = \"/* no\"\nb = \"${ {x = \"<<EOT\"}[\"x\"] } # no\"\nc = \"${\n/* yes\nd\n*/ e = <<EOT\nf\nEOT\ng\n";
        let starts = |strict| scan(src, strict).line_starts.iter().map(|&s| &src[s..s + 1]).collect::<String>();
        assert_eq!(starts(false), "abc/g");
        assert_eq!(scan(src, true).finding.map(|f| matches!(f, Finding::UnclosedInterpolation { .. })), Some(true));
    }

    proptest::proptest! {
        #[test]
        fn scanning_never_panics_and_stays_in_bounds(src in "[a-z\"{}\\[\\]()$%#/*<\\-\\\\ \n=é]{0,80}") {
            for strict in [true, false] {
                let scan = scan(&src, strict);
                if let Some(f) = scan.finding {
                    let d = f.diagnostic(FileId(0), 0);
                    for l in &d.labels {
                        proptest::prop_assert!(src.get(l.span.range()).is_some(), "{src:?} {d:?}");
                    }
                }
                proptest::prop_assert!(scan.line_starts.iter().all(|&s| src.is_char_boundary(s)));
            }
            let (file, diags) = parse_file(FileId(0), &src);
            for d in diags {
                for l in &d.labels {
                    proptest::prop_assert!(src.get(l.span.range()).is_some(), "{src:?} {d:?}");
                }
            }
            for b in file.broken {
                proptest::prop_assert!(src.get(b.span.range()).is_some(), "{src:?} {b:?}");
            }
        }
    }
}
