//! Diagnostics for people (miette) and for machines (JSON), both from the one `Diagnostic` value.

use std::fmt;
use std::io::IsTerminal;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceSpan, SpanContents,
};
use serde::Serialize;
use stackc_core::Compilation;
use stackc_syntax::{Code, Diagnostic, Severity, SourceFile, SourceMap};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// A diagnostic prepared for miette: the labels in one file, with related reports for labels that
/// point into other files.
/// A source file as miette reads it: only the lines around a span, found through the file's line
/// index. (A `NamedSource<String>` copied the whole file into every report and miette scanned it
/// from the start for each label: a thousand findings in one large file took seconds.)
#[derive(Debug, Clone, Copy)]
struct FileSource<'a>(&'a SourceFile);

impl miette::SourceCode for FileSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let file = self.0;
        let text: &'b str = &file.text;
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let (first, _) = file.line_col(start as u32);
        let (last, _) = file.line_col(end as u32);
        // A window of whole lines with a line of margin on each side of the context miette asks for;
        // miette's own reading of it, moved back to the file's offsets and line numbers.
        let w_first = first.saturating_sub(before as u32 + 1);
        let w_last = last.saturating_add(after as u32 + 2);
        let w_start = file.offset(w_first, 0) as usize;
        let w_end = (file.offset(w_last, 0) as usize).max(end).min(text.len());
        let window = text.get(w_start..w_end).ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(&SourceSpan::new((start - w_start).into(), end - start), before, after)?;
        let shift = w_first as usize;
        Ok(Box::new(MietteSpanContents::new_named(
            file.path.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + w_start).into(), inner.span().len()),
            inner.line() + shift,
            inner.column(),
            inner.line_count() + shift,
        )))
    }
}

#[derive(Debug)]
struct Report<'a> {
    /// `None` for a related report.
    code: Option<Code>,
    message: String,
    /// `None` for a related report: a secondary label in another file, shown as advice.
    severity: Option<Severity>,
    help: Option<String>,
    source: Option<FileSource<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Some(Severity::Error) => miette::Severity::Error,
            Some(Severity::Warning) => miette::Severity::Warning,
            None => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)) as Box<dyn Iterator<Item = _>>)
    }
}

fn report<'a>(d: &Diagnostic, sources: &'a SourceMap) -> Report<'a> {
    let primary_file = d.span().map(|s| s.file);
    let mut help = d.help.clone();
    for note in &d.notes {
        let line = format!("note: {note}");
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    let mut labels = Vec::new();
    let mut related = Vec::new();
    for l in &d.labels {
        let span = SourceSpan::new((l.span.start as usize).into(), l.span.len());
        let labeled = if l.primary {
            LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
        } else {
            LabeledSpan::new_with_span(Some(l.message.clone()), span)
        };
        if Some(l.span.file) == primary_file {
            labels.push(labeled);
        } else if let Some(file) = sources.get(l.span.file) {
            related.push(Report {
                code: None,
                message: l.message.clone(),
                severity: None,
                help: None,
                source: Some(FileSource(file)),
                labels: vec![LabeledSpan::new_primary_with_span(None, span)],
                related: Vec::new(),
            });
        }
    }
    let source = primary_file.and_then(|f| sources.get(f)).map(FileSource);
    Report { code: Some(d.code), message: d.message.clone(), severity: Some(d.severity), help, source, labels, related }
}

/// Renders one diagnostic as text. `color` only for terminals; snapshots use no colour and no links.
pub fn render_human(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false).with_width(100);
    let mut out = String::new();
    let r = report(d, sources);
    if handler.render_report(&mut out, &r).is_err() {
        out = format!("{}[{}]: {}\n", d.severity.as_str(), d.code, d.message);
    }
    out
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonLabel {
    file: String,
    start: JsonPosition,
    end: JsonPosition,
    message: String,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    labels: Vec<JsonLabel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: usize,
    warnings: usize,
}

/// The JSON form: 1-based lines and columns (columns in UTF-8 bytes).
pub fn json(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let diagnostics = diags
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            labels: d
                .labels
                .iter()
                .filter_map(|l| {
                    let file = sources.get(l.span.file)?;
                    let (sl, sc) = file.line_col(l.span.start);
                    let (el, ec) = file.line_col(l.span.end);
                    Some(JsonLabel {
                        file: file.path.clone(),
                        start: JsonPosition { line: sl + 1, column: sc + 1 },
                        end: JsonPosition { line: el + 1, column: ec + 1 },
                        message: l.message.clone(),
                        primary: l.primary,
                    })
                })
                .collect(),
            help: d.help.as_deref(),
            notes: &d.notes,
        })
        .collect();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let report = JsonReport { diagnostics, errors, warnings: diags.len() - errors };
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}

pub fn print_diagnostics(c: &Compilation, format: Format) {
    print(&c.diagnostics, &c.sources, format);
}

/// How many findings of one built-in rule (and severity) the terminal report shows.
const RULE_FINDINGS_SHOWN: usize = 10;

/// Prints `diags` (of a compilation's sources) to stderr, or as JSON to stdout.
pub fn print(diags: &[Diagnostic], sources: &SourceMap, format: Format) {
    match format {
        Format::Json => {
            crate::commands::print_stdout(&(json(diags, sources) + "\n"));
        }
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            // A rule that reports on hundreds of resources is shown a few times, then counted:
            // `stackc policy` and `--format json` list every finding.
            let mut shown: std::collections::BTreeMap<(&str, Severity), usize> = std::collections::BTreeMap::new();
            for d in diags {
                if d.code == Code::P0002 {
                    let rule = d.message.split_whitespace().next().unwrap_or_default();
                    let n = shown.entry((rule, d.severity)).or_insert(0);
                    *n += 1;
                    if *n > RULE_FINDINGS_SHOWN {
                        continue;
                    }
                }
                eprint!("{}", render_human(d, sources, color));
                eprintln!();
            }
            for ((rule, severity), n) in shown.into_iter().filter(|(_, n)| *n > RULE_FINDINGS_SHOWN) {
                eprintln!(
                    "… and {} more {} of rule {rule} (`stackc policy` lists them all)\n",
                    n - RULE_FINDINGS_SHOWN,
                    if severity == Severity::Error { "errors" } else { "warnings" }
                );
            }
            let errors = diags.iter().filter(|d| d.is_error()).count();
            let warnings = diags.len() - errors;
            if errors + warnings > 0 {
                eprintln!("{errors} error(s), {warnings} warning(s)");
            }
        }
    }
}
