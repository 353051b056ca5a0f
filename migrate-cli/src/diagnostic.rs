//! What the migration tells the user: notes, fallbacks and hazards, each at a place in
//! a file.

use std::fmt;
use std::path::PathBuf;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something the user should know about a rewrite that was made.
    Note,
    /// An item was taken from async-std-compat because smol has no equivalent that
    /// behaves the same.
    Fallback,
    /// Code the tool could not prove safe to migrate and left for the user to check.
    Hazard,
    /// A file could not be migrated at all (for example, it does not parse).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Fallback => "fallback",
            Severity::Hazard => "hazard",
            Severity::Error => "error",
        })
    }
}

/// One message about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (relative to where they ran the tool).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How much it matters.
    pub severity: Severity,
    /// The rule (or check) that produced it.
    pub rule: &'static str,
    /// What happened and why.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}:{}:{}: [{}] {}",
            self.severity,
            self.file.display(),
            self.line,
            self.column,
            self.rule,
            self.message
        )
    }
}

impl Severity {
    /// The lower-case name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Fallback => "fallback",
            Severity::Hazard => "hazard",
            Severity::Error => "error",
        }
    }
}

impl Diagnostic {
    /// A diagnostic about a whole file (line 1, column 1).
    pub fn file_level(
        file: impl Into<PathBuf>,
        severity: Severity,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: 1,
            column: 1,
            severity,
            rule,
            message: message.into(),
        }
    }

    /// The diagnostic as one JSON object (a line of `--message-format json`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "type": "diagnostic",
            "file": self.file.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "severity": self.severity.as_str(),
            "rule": self.rule,
            "message": self.message,
        })
    }

    /// The diagnostic as rustc shows one: a header, the place, and the line of `text`
    /// (the file's content, when it is known) with a caret under the column.
    ///
    /// ```text
    /// fallback[task::current]: `async_std::task::current` has no smol equivalent ...
    ///  --> src/main.rs:4:13
    ///   |
    /// 4 |     let t = task::current();
    ///   |             ^
    /// ```
    pub fn render(&self, text: Option<&str>) -> String {
        let mut out = format!("{}[{}]: {}\n", self.severity, self.rule, self.message);
        let line_text = text.and_then(|text| text.lines().nth(self.line.saturating_sub(1)));
        let gutter = self.line.to_string().len();
        let pad = " ".repeat(gutter);
        out.push_str(&format!(
            "{pad}--> {}:{}:{}\n",
            self.file.display(),
            self.line,
            self.column
        ));
        if let Some(line_text) = line_text {
            let line_text = line_text
                .trim_end_matches('\r')
                .trim_start_matches('\u{feff}');
            // Control characters (a binary file's, an escape sequence's) are not sent
            // to the terminal; a long line (minified, generated) is shown around the
            // column only.
            let chars: Vec<char> = line_text
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let column = self.column.saturating_sub(1).min(chars.len());
            let from = if chars.len() > SHOWN_WIDTH {
                column
                    .saturating_sub(SHOWN_WIDTH / 2)
                    .min(chars.len() - SHOWN_WIDTH)
            } else {
                0
            };
            let to = (from + SHOWN_WIDTH).min(chars.len());
            let mut shown = String::new();
            let mut caret_at = 0;
            if from > 0 {
                shown.push_str("...");
                caret_at += 3;
            }
            // Tabs are shown as four spaces, so the caret must count them the same.
            for (i, c) in chars.iter().enumerate().take(to).skip(from) {
                let width = if *c == '\t' { 4 } else { 1 };
                if *c == '\t' {
                    shown.push_str("    ");
                } else {
                    shown.push(*c);
                }
                if i < column {
                    caret_at += width;
                }
            }
            if to < chars.len() {
                shown.push_str("...");
            }
            out.push_str(&format!("{pad} |\n"));
            out.push_str(&format!("{} | {shown}\n", self.line));
            out.push_str(&format!("{pad} | {}^\n", " ".repeat(caret_at)));
        }
        out
    }
}

/// How many characters of a source line a rendered diagnostic shows at most.
const SHOWN_WIDTH: usize = 160;

/// Turns byte offsets into 1-based line and character columns.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset.min(self.text.len())]
            .chars()
            .count();
        (line + 1, column + 1)
    }

    /// The byte offset of 1-based `line` and character `column`, clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        self.line_starts[line]
    }

    /// Byte offsets of every line start in `range` (exclusive of `range.start` itself
    /// unless a line starts there).
    pub fn line_starts_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = usize> + '_ {
        self.line_starts
            .iter()
            .copied()
            .filter(move |start| range.contains(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let index = LineIndex::new("ab\nçd x\n");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        // 'ç' is two bytes, one column.
        assert_eq!(index.line_column(6), (2, 3));
    }

    #[test]
    fn a_rendered_diagnostic_points_at_its_column() {
        let diagnostic = Diagnostic {
            file: PathBuf::from("src/main.rs"),
            line: 2,
            column: 13,
            severity: Severity::Fallback,
            rule: "task::current",
            message: "no smol equivalent".to_string(),
        };
        let text = "fn main() {\n    let t = task::current();\n}\n";
        assert_eq!(
            diagnostic.render(Some(text)),
            "fallback[task::current]: no smol equivalent\n --> src/main.rs:2:13\n  |\n2 |     let t = task::current();\n  |             ^\n"
        );
        let json = diagnostic.to_json();
        assert_eq!(json["line"], 2);
        assert_eq!(json["severity"], "fallback");
    }

    /// Found with the bad inputs: a binary file's escape sequences went to the
    /// terminal, and a minified line of a megabyte was printed whole.
    #[test]
    fn control_characters_and_long_lines_are_not_printed_as_they_are() {
        let mut diagnostic = Diagnostic {
            file: PathBuf::from("a.rs"),
            line: 1,
            column: 3,
            severity: Severity::Error,
            rule: "parse",
            message: "bad".to_string(),
        };
        let rendered = diagnostic.render(Some("\u{1b}[31m\0x\tz\n"));
        assert!(
            !rendered.contains('\u{1b}') && !rendered.contains('\0'),
            "{rendered:?}"
        );
        assert!(
            rendered.ends_with("1 | \u{fffd}[31m\u{fffd}x    z\n  |   ^\n"),
            "{rendered:?}"
        );

        let line = format!("{}X{}", "a".repeat(100_000), "b".repeat(100_000));
        diagnostic.column = 100_001;
        let rendered = diagnostic.render(Some(&line));
        assert!(rendered.len() < 600, "{}", rendered.len());
        let lines: Vec<&str> = rendered.lines().collect();
        let caret = lines[4].find('^').unwrap();
        assert_eq!(lines[3].as_bytes()[caret], b'X', "{rendered}");
    }

    #[test]
    fn offsets_round_trip_through_lines_and_columns() {
        let text = "ab\nçd x\n";
        let index = LineIndex::new(text);
        for offset in [0, 1, 3, 6, 7] {
            let (line, column) = index.line_column(offset);
            assert_eq!(index.offset(line, column), offset);
        }
    }
}
