//! Edits as data: byte-range replacements, each attributed to a rule, applied once to
//! the original text. Nothing outside an edit's range changes.

use std::fmt;
use std::ops::Range;

/// Replace `range` of the original text with `replacement`.
///
/// An empty range is an insertion before the byte at `range.start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// The new text.
    pub replacement: String,
    /// Id of the rule that made the edit.
    pub rule: &'static str,
}

impl Edit {
    /// Replaces `range` with `replacement`.
    pub fn replace(
        range: Range<usize>,
        replacement: impl Into<String>,
        rule: &'static str,
    ) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
            rule,
        }
    }

    /// Inserts `text` before the byte at `at`.
    pub fn insert(at: usize, text: impl Into<String>, rule: &'static str) -> Edit {
        Edit::replace(at..at, text, rule)
    }
}

/// Two edits that both change the same bytes: a bug in a rule, reported rather than
/// applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The edit that comes first in the text.
    pub first: Edit,
    /// The edit that overlaps it.
    pub second: Edit,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "edits overlap: rule `{}` at bytes {:?} and rule `{}` at bytes {:?}",
            self.first.rule, self.first.range, self.second.rule, self.second.range
        )
    }
}

impl std::error::Error for Conflict {}

/// Applies `edits` to `original` in one pass.
///
/// Edits are sorted by position; insertions at the same position keep the order they
/// were recorded in and come before a replacement that starts there. Two edits whose
/// ranges share a byte, or an insertion strictly inside a replaced range, conflict.
/// Identical edits recorded twice count once.
pub fn apply(original: &str, edits: &[Edit]) -> Result<String, Conflict> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    // Stable: insertions at one point keep their recorded order.
    sorted.sort_by_key(|edit| (edit.range.start, !edit.range.is_empty(), edit.range.end));
    sorted.dedup_by(|a, b| a == b);

    let mut out = String::with_capacity(original.len() + 64);
    let mut cursor = 0;
    let mut previous: Option<&Edit> = None;
    for edit in sorted {
        if let Some(previous) = previous {
            let overlaps = edit.range.start < previous.range.end
                && !(edit.range.is_empty() && edit.range.start == previous.range.start);
            if overlaps {
                return Err(Conflict {
                    first: previous.clone(),
                    second: edit.clone(),
                });
            }
        }
        assert!(
            edit.range.end <= original.len() && original.is_char_boundary(edit.range.start),
            "edit out of bounds"
        );
        out.push_str(&original[cursor..edit.range.start]);
        out.push_str(&edit.replacement);
        cursor = edit.range.end;
        previous = Some(edit);
    }
    out.push_str(&original[cursor..]);
    Ok(out)
}

/// Fits `edits` to the conventions of `original`: where the file ends its lines with
/// CRLF, the line breaks the edits bring in do too; and nothing is inserted before a
/// byte-order mark.
pub fn fit_to(original: &str, edits: &[Edit]) -> Vec<Edit> {
    let crlf = uses_crlf(original);
    let bom = if original.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    edits
        .iter()
        .map(|edit| {
            let mut edit = edit.clone();
            if bom > 0 && edit.range.start < bom {
                edit.range.start = bom;
                edit.range.end = edit.range.end.max(bom);
            }
            if crlf && edit.replacement.contains('\n') {
                edit.replacement = with_crlf(&edit.replacement);
            }
            edit
        })
        .collect()
}

/// Whether `text` ends its lines with CRLF (every line break it has is one).
pub fn uses_crlf(text: &str) -> bool {
    let breaks = text.matches('\n').count();
    breaks > 0 && text.matches("\r\n").count() == breaks
}

/// `text` with every lone `\n` turned into `\r\n`.
fn with_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_edits_is_kept() {
        let text = "use a::b; // keep\nfn f() {}\n";
        let edits = [Edit::replace(4..8, "c::d", "r")];
        assert_eq!(
            apply(text, &edits).unwrap(),
            "use c::d; // keep\nfn f() {}\n"
        );
    }

    #[test]
    fn insertions_at_one_point_keep_their_order_and_precede_a_replacement() {
        let edits = [
            Edit::insert(0, "1", "r"),
            Edit::replace(0..1, "X", "r"),
            Edit::insert(0, "2", "r"),
        ];
        assert_eq!(apply("ab", &edits).unwrap(), "12Xb");
    }

    #[test]
    fn overlapping_edits_conflict() {
        let edits = [Edit::replace(0..3, "x", "a"), Edit::replace(2..4, "y", "b")];
        let conflict = apply("abcdef", &edits).unwrap_err();
        assert_eq!(conflict.first.rule, "a");
        assert_eq!(conflict.second.rule, "b");
    }

    #[test]
    fn an_insertion_inside_a_replacement_conflicts() {
        let edits = [Edit::replace(0..3, "x", "a"), Edit::insert(1, "y", "b")];
        assert!(apply("abcdef", &edits).is_err());
    }

    #[test]
    fn edits_follow_crlf_and_keep_a_bom_first() {
        let text = "\u{feff}a\r\nb\r\n";
        let edits = fit_to(text, &[Edit::insert(0, "x\ny\n", "r")]);
        assert_eq!(apply(text, &edits).unwrap(), "\u{feff}x\r\ny\r\na\r\nb\r\n");
        // A file with LF line ends keeps LF.
        assert_eq!(
            fit_to("a\n", &[Edit::insert(0, "x\n", "r")])[0].replacement,
            "x\n"
        );
    }

    #[test]
    fn adjacent_edits_do_not_conflict() {
        let edits = [Edit::replace(0..2, "x", "a"), Edit::replace(2..4, "y", "b")];
        assert_eq!(apply("abcdef", &edits).unwrap(), "xyef");
    }
}
