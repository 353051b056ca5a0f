//! Compiler-output snapshots that quote a migrated file: trybuild's `.stderr` files.
//!
//! A trybuild case `tests/ui/case.rs` expects the compiler to print what
//! `tests/ui/case.stderr` holds, and that output quotes source lines
//! (`10 | #[attr(async_std::test)]`), points under them (`|        ^^^^`) and names
//! columns (`--> tests/ui/case.rs:10:5`). When the migration rewrites a line of the
//! case, the snapshot follows: the quoted line takes its new text, and markers and
//! columns after the first changed character move by as much as the line grew or
//! shrank. Only a migration that keeps every line where it was is followed (the
//! rewrites inside a line that the tool makes in such cases); one that adds or removes
//! lines leaves the snapshot as it is, and says so.

use std::path::{Path, PathBuf};

/// The snapshot that belongs to the Rust file `path` (`case.rs` → `case.stderr`),
/// when there is one.
pub fn snapshot_of(path: &Path) -> Option<PathBuf> {
    if path.extension()? != "rs" {
        return None;
    }
    let snapshot = path.with_extension("stderr");
    snapshot.is_file().then_some(snapshot)
}

/// The text of `snapshot` once it follows its case from `original` to `migrated`;
/// `None` when the migration moved lines (the snapshot is then left as it is) or
/// nothing it quotes changed.
pub fn follow(snapshot: &str, case_name: &str, original: &str, migrated: &str) -> Option<String> {
    let before: Vec<&str> = original.lines().collect();
    let after: Vec<&str> = migrated.lines().collect();
    if before.len() != after.len() {
        return None;
    }
    // 1-based line number → how it changed.
    let changed = |number: usize| -> Option<LineChange<'_>> {
        let index = number.checked_sub(1)?;
        LineChange::new(before.get(index)?, after.get(index)?)
    };

    let mut out = String::with_capacity(snapshot.len());
    let mut touched = false;
    // The quoted line the marker lines below it point into.
    let mut quoted: Option<usize> = None;
    for line in snapshot.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        if let Some((gutter, number, text)) = quoted_line(body) {
            quoted = Some(number);
            if let Some(change) = changed(number) {
                if text == change.old {
                    let new = change.new;
                    out.push_str(&format!("{gutter}{new}{ending}"));
                    touched = true;
                    continue;
                }
            }
            out.push_str(line);
            continue;
        }
        if let Some((gutter, markers)) = marker_line(body) {
            if let Some(moved) = quoted.and_then(changed).and_then(|c| c.markers(markers)) {
                out.push_str(&format!("{gutter}{moved}{ending}"));
                touched = true;
                continue;
            }
            out.push_str(line);
            continue;
        }
        quoted = None;
        if let Some(moved) = moved_location(body, case_name, &changed) {
            out.push_str(&format!("{moved}{ending}"));
            touched = true;
            continue;
        }
        out.push_str(line);
    }
    touched.then_some(out)
}

/// How one line of the case changed: it kept `prefix` characters at its start and
/// `suffix` at its end, and the `old_middle` characters between became `new_middle`.
struct LineChange<'a> {
    old: &'a str,
    new: &'a str,
    prefix: usize,
    old_middle: usize,
    new_middle: usize,
}

impl<'a> LineChange<'a> {
    fn new(old: &'a str, new: &'a str) -> Option<LineChange<'a>> {
        if old == new {
            return None;
        }
        let (old_chars, new_chars): (Vec<char>, Vec<char>) =
            (old.chars().collect(), new.chars().collect());
        let prefix = old_chars
            .iter()
            .zip(&new_chars)
            .take_while(|(a, b)| a == b)
            .count();
        let room = old_chars.len().min(new_chars.len()) - prefix;
        let suffix = old_chars
            .iter()
            .rev()
            .zip(new_chars.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Some(LineChange {
            old,
            new,
            prefix,
            old_middle: old_chars.len() - prefix - suffix,
            new_middle: new_chars.len() - prefix - suffix,
        })
    }

    /// The new 0-based column of old column `column`; `None` where it does not move.
    fn column(&self, column: usize) -> Option<usize> {
        (column >= self.prefix + self.old_middle && self.old_middle != self.new_middle)
            .then(|| column + self.new_middle - self.old_middle)
    }

    /// The marker line `markers` (`    ^^^^ label`, gutter aside) under the line, for its
    /// new text: a run that spans the change grows or shrinks with it, runs after it
    /// move. `None` when it stays as it is.
    fn markers(&self, markers: &str) -> Option<String> {
        let chars: Vec<char> = markers.chars().collect();
        let is_marker = |c: &char| matches!(c, '^' | '-');
        let label = chars.iter().rposition(is_marker)? + 1;
        let (start, end) = (self.prefix, self.prefix + self.old_middle);
        if label <= start || self.old_middle == self.new_middle {
            return None;
        }
        let at = |index: usize| {
            chars
                .get(index)
                .copied()
                .filter(|c| index < label && is_marker(c))
        };
        let fill = at(start)
            .or_else(|| at(end).filter(|_| start > 0 && at(start - 1).is_some()))
            .unwrap_or(' ');
        let mut out: String = chars[..start].iter().collect();
        out.extend(std::iter::repeat_n(fill, self.new_middle));
        if end < label {
            out.extend(&chars[end..label]);
        }
        out.extend(&chars[label..]);
        Some(out)
    }
}

/// `10 | text` (with the gutter's indentation): the gutter up to and with `| `, the
/// line number, and the quoted text.
fn quoted_line(line: &str) -> Option<(&str, usize, &str)> {
    let trimmed = line.trim_start();
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 {
        return None;
    }
    let number = trimmed[..digits].parse().ok()?;
    let rest = &trimmed[digits..];
    let bar = rest.find('|')?;
    if !rest[..bar].chars().all(|c| c == ' ') {
        return None;
    }
    let mut text_start = line.len() - rest.len() + bar + 1;
    if line[text_start..].starts_with(' ') {
        text_start += 1;
    }
    Some((&line[..text_start], number, &line[text_start..]))
}

/// `   |     ^^^^ label` or `   |     --- label`: the gutter with `| `, and the rest.
fn marker_line(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix('|')?;
    let markers = rest.strip_prefix(' ')?;
    let first = markers.trim_start().chars().next()?;
    if !matches!(first, '^' | '-') {
        return None;
    }
    Some((&line[..line.len() - markers.len()], markers))
}

/// `--> tests/ui/case.rs:10:44` (or `$DIR/case.rs:10:44`) with its column moved when
/// line 10 changed before it.
fn moved_location<'a>(
    line: &str,
    case_name: &str,
    changed: &dyn Fn(usize) -> Option<LineChange<'a>>,
) -> Option<String> {
    let arrow = line.find("--> ")?;
    let location = &line[arrow + 4..];
    let name_end = location.find(&format!("{case_name}:"))? + case_name.len() + 1;
    let mut numbers = location[name_end..].splitn(2, ':');
    let number: usize = numbers.next()?.parse().ok()?;
    let column: usize = numbers.next()?.trim_end().parse().ok()?;
    let change = changed(number)?;
    let column = change.column(column.checked_sub(1)?)? + 1;
    Some(format!(
        "{}{}{number}:{column}",
        &line[..arrow + 4],
        &location[..name_end]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "use std::fmt;\n\
        #[other::test(unknown(cond), async_std::test, bad)]\n\
        async fn t() {}\n";
    const MIGRATED: &str = "use std::fmt;\n\
        #[other::test(unknown(cond), async_std_compat::test, bad)]\n\
        async fn t() {}\n";

    #[test]
    fn quoted_lines_markers_and_columns_follow_the_case() {
        let snapshot = "error: unknown path\n \
            --> tests/ui/case.rs:2:15\n  \
            |\n\
            2 | #[other::test(unknown(cond), async_std::test, bad)]\n  \
            |               ^^^^^^^\n\n\
            error: bad\n \
            --> tests/ui/case.rs:2:47\n  \
            |\n\
            2 | #[other::test(unknown(cond), async_std::test, bad)]\n  \
            |                                               ^^^ here\n";
        let followed = follow(snapshot, "case.rs", CASE, MIGRATED).expect("changed");
        assert_eq!(
            followed,
            "error: unknown path\n \
            --> tests/ui/case.rs:2:15\n  \
            |\n\
            2 | #[other::test(unknown(cond), async_std_compat::test, bad)]\n  \
            |               ^^^^^^^\n\n\
            error: bad\n \
            --> tests/ui/case.rs:2:54\n  \
            |\n\
            2 | #[other::test(unknown(cond), async_std_compat::test, bad)]\n  \
            |                                                      ^^^ here\n"
        );
    }

    #[test]
    fn a_marker_that_spans_the_change_grows_with_it() {
        let snapshot = "2 | #[other::test(unknown(cond), async_std::test, bad)]\n  \
            |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n";
        assert_eq!(
            follow(snapshot, "case.rs", CASE, MIGRATED).expect("changed"),
            "2 | #[other::test(unknown(cond), async_std_compat::test, bad)]\n  \
            |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        );
    }

    #[test]
    fn a_migration_that_moves_lines_leaves_the_snapshot() {
        let snapshot = "2 | #[other::test(unknown(cond), async_std::test, bad)]\n";
        let moved = format!("// a new line\n{MIGRATED}");
        assert_eq!(follow(snapshot, "case.rs", CASE, &moved), None);
        // Nothing quoted changed: nothing to follow.
        assert_eq!(
            follow("1 | use std::fmt;\n", "case.rs", CASE, MIGRATED),
            None
        );
    }
}
