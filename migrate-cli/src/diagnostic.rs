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
    use super::LineIndex;

    #[test]
    fn columns_count_characters() {
        let index = LineIndex::new("ab\nçd x\n");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        // 'ç' is two bytes, one column.
        assert_eq!(index.line_column(6), (2, 3));
    }
}
