//! Code examples in `///` and `//!` doc comments (doctests) are migrated too.
//!
//! Each fenced Rust block is cut out of its comment lines (without the `/// ` prefix,
//! and without the `# ` of hidden lines), migrated as a file of its own (wrapped in
//! `fn main() { .. }` when it is a list of statements, as rustdoc does), and each edit
//! is mapped back onto the comment lines. A new line inside an edit gets the prefix of
//! the line the edit starts on, so the comment stays a comment.

use std::collections::HashSet;
use std::ops::Range;

use syn::visit::Visit;

use super::{Finding, SourceMigration};
use crate::diagnostic::Severity;
use crate::edit::Edit;

/// Start offsets of the doc attributes of `file` (each `///` or `//!` line is one).
pub(super) fn doc_attribute_starts(file: &syn::File, base: usize) -> HashSet<usize> {
    struct Docs {
        base: usize,
        starts: HashSet<usize>,
    }
    impl Docs {
        /// Doc comments inside a macro's tokens (`pin_project! { /// .. struct S }`)
        /// are `#` and `[doc = ".."]` there.
        fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
            let trees: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
            for (i, tree) in trees.iter().enumerate() {
                let proc_macro2::TokenTree::Group(group) = tree else {
                    continue;
                };
                let is_doc = group.delimiter() == proc_macro2::Delimiter::Bracket
                    && matches!(group.stream().into_iter().next(),
                        Some(proc_macro2::TokenTree::Ident(ident)) if ident == "doc");
                let after_pound = i > 0
                    && matches!(&trees[i - 1], proc_macro2::TokenTree::Punct(p) if p.as_char() == '#');
                if is_doc && after_pound {
                    self.starts
                        .insert(trees[i - 1].span().byte_range().start + self.base);
                } else {
                    self.tokens(group.stream());
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for Docs {
        fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
            if attribute.path().is_ident("doc") {
                let start = attribute.pound_token.span.byte_range().start + self.base;
                self.starts.insert(start);
            }
        }

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            self.tokens(mac.tokens.clone());
        }
    }
    let mut docs = Docs {
        base,
        starts: HashSet::new(),
    };
    docs.visit_file(file);
    docs.starts
}

/// One line of a code block: where its code starts in the file, and the text before
/// the code on that line (`    /// ` or `/// # `).
struct CodeLine {
    /// Where the line itself starts (its indentation).
    line_start: usize,
    start: usize,
    prefix: String,
}

/// A fenced Rust code block in doc comments.
struct Block {
    code: String,
    lines: Vec<CodeLine>,
}

/// The fenced Rust blocks in the doc comment lines of `text`.
fn blocks(text: &str, doc_starts: &HashSet<usize>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start().len();
        let trimmed = &body[indent..];
        let is_doc = (trimmed.starts_with("///") && !trimmed.starts_with("////"))
            || trimmed.starts_with("//!");
        if !is_doc || !doc_starts.contains(&(line_start + indent)) {
            // rustdoc ends a block left open at the end of its doc comment.
            if let Some(block) = current.take() {
                out.push(block);
            }
            continue;
        }
        let mut content_start = indent + 3;
        if body[content_start..].starts_with(' ') {
            content_start += 1;
        }
        let content = &body[content_start..];
        if let Some(info) = content.trim_start().strip_prefix("```") {
            match current.take() {
                Some(block) => out.push(block),
                None if is_rust(info) => {
                    current = Some(Block {
                        code: String::new(),
                        lines: Vec::new(),
                    })
                }
                None => {
                    // A block in another language: skip to its closing fence.
                    current = Some(Block {
                        code: String::from("\u{0}"),
                        lines: Vec::new(),
                    })
                }
            }
            continue;
        }
        let Some(block) = current.as_mut() else {
            continue;
        };
        // Hidden lines (`# code`, indented or not, as rustdoc reads them) are code
        // too; the `#` and one space after it are not.
        let (hidden, code) = hidden_line(content);
        let start = line_start + content_start + hidden;
        block.lines.push(CodeLine {
            line_start,
            start,
            prefix: body[..content_start + hidden].to_string(),
        });
        block.code.push_str(code);
        block.code.push('\n');
    }
    if let Some(block) = current {
        out.push(block);
    }
    out.retain(|block| !block.code.starts_with('\u{0}'));
    out
}

/// How many bytes of a code line's start are rustdoc's hidden-line marker, and the
/// code after them: rustdoc hides a line whose text, leading whitespace trimmed, is
/// `#` or starts with `# ` (`#[attr]` and `#!` are code). A line that starts with
/// the `##` escape is code from its second `#` on (rustdoc shows `##[attr]` as
/// `#[attr]`).
fn hidden_line(content: &str) -> (usize, &str) {
    let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
    let rest = &content[indent..];
    if rest.starts_with("##") {
        (indent + 1, &rest[1..])
    } else if let Some(code) = rest.strip_prefix("# ") {
        (indent + 2, code)
    } else if rest == "#" {
        (indent + 1, "")
    } else {
        (0, content)
    }
}

/// Whether a fence's info string (` ```rust,no_run `) marks Rust that rustdoc compiles.
fn is_rust(info: &str) -> bool {
    info.split([',', ' ', '\t'])
        .filter(|token| !token.is_empty())
        .all(|token| {
            matches!(token, "rust" | "no_run" | "should_panic" | "ignore")
                || token.starts_with("edition")
        })
}

/// Migrates the doc examples of `text`, adding their edits and findings to `migration`.
pub(super) fn migrate_doc_examples(
    text: &str,
    doc_starts: &HashSet<usize>,
    crate_names: &[String],
    migration: &mut SourceMigration,
) {
    // `/** */` and `/*! */` comments: their body is Markdown, each line perhaps led by
    // a ` * ` that rustdoc strips when every line has one.
    for &start in doc_starts {
        let rest = &text[start.min(text.len())..];
        if !(rest.starts_with("/**") || rest.starts_with("/*!")) {
            continue;
        }
        let Some(end) = block_comment_end(rest) else {
            continue;
        };
        let body = &rest[3..end];
        if !body.contains("```") {
            continue;
        }
        let starred = body
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
            .all(|line| line.trim_start().starts_with('*'));
        let mut blocks =
            markdown_blocks_with(body, |line| if starred { star_prefix(line) } else { 0 });
        for block in &mut blocks {
            for line in &mut block.lines {
                line.line_start += start + 3;
                line.start += start + 3;
            }
        }
        migrate_blocks(text, blocks, crate_names, migration);
    }
    migrate_blocks(text, blocks(text, doc_starts), crate_names, migration);
}

/// Where the `*/` that closes the block comment opening `text` starts: block
/// comments nest.
fn block_comment_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut index = 0;
    while index + 1 < bytes.len() {
        match (bytes[index], bytes[index + 1]) {
            (b'/', b'*') => {
                depth += 1;
                index += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                if depth == 0 {
                    return Some(index);
                }
                index += 2;
            }
            _ => index += 1,
        }
    }
    None
}

/// How long the ` * ` that leads a line of a starred block comment is.
fn star_prefix(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    match line[indent..].strip_prefix('*') {
        Some(rest) if rest.starts_with(' ') => indent + 2,
        Some(_) => indent + 1,
        None => 0,
    }
}

/// The fenced Rust blocks of a Markdown file (a README that a crate includes as its
/// documentation, whose examples are doctests).
fn markdown_blocks(text: &str) -> Vec<Block> {
    markdown_blocks_with(text, |_| 0)
}

/// The fenced Rust blocks of Markdown `text` whose lines start with a decoration that
/// is not Markdown, `prefix(line)` bytes long.
fn markdown_blocks_with(text: &str, prefix: impl Fn(&str) -> usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let full = line.trim_end_matches(['\n', '\r']);
        let decoration = prefix(full);
        let body = &full[decoration..];
        if let Some(info) = body.trim_start().strip_prefix("```") {
            match current.take() {
                Some(block) => out.push(block),
                None => {
                    current = Some(Block {
                        code: if is_rust(info) {
                            String::new()
                        } else {
                            String::from("\u{0}")
                        },
                        lines: Vec::new(),
                    })
                }
            }
            continue;
        }
        let Some(block) = current.as_mut() else {
            continue;
        };
        let (hidden, code) = hidden_line(body);
        block.lines.push(CodeLine {
            line_start,
            start: line_start + decoration + hidden,
            prefix: full[..decoration + hidden].to_string(),
        });
        block.code.push_str(code);
        block.code.push('\n');
    }
    if let Some(block) = current {
        out.push(block);
    }
    out.retain(|block| !block.code.starts_with('\u{0}'));
    out
}

/// Migrates the Rust examples of the Markdown `text`.
pub fn migrate_markdown(text: &str, crate_names: &[String]) -> SourceMigration {
    let mut migration = SourceMigration::default();
    migrate_blocks(text, markdown_blocks(text), crate_names, &mut migration);
    super::drop_moot_edits(&mut migration.edits);
    migration.findings.sort_by_key(|finding| finding.offset);
    migration
}

/// Migrates each of `blocks` (cut out of `text`) that names async-std.
fn migrate_blocks(
    text: &str,
    blocks: Vec<Block>,
    crate_names: &[String],
    migration: &mut SourceMigration,
) {
    for block in blocks {
        if !crate_names
            .iter()
            .any(|name| block.code.contains(name.as_str()))
        {
            continue;
        }
        // rustdoc wraps a block without `fn main` in one; do the same when the block
        // does not parse as a file.
        let (code, shift) = if syn::parse_file(&block.code).is_ok() {
            (block.code.clone(), 0)
        } else {
            const OPEN: &str = "fn main() {\n";
            (format!("{OPEN}{}}}\n", block.code), OPEN.len())
        };
        let first = block.lines.first().map_or(0, |line| line.start);
        let skipped = |migration: &mut SourceMigration, why: &str| {
            migration.findings.push(Finding {
                offset: first,
                severity: Severity::Error,
                rule: "doc-example",
                message: format!(
                    "a doc example that names async-std was left as it is: {why}; \
                     migrate it by hand"
                ),
            });
        };
        let Ok(inner) = super::migrate(&code, crate_names) else {
            skipped(
                migration,
                "it does not parse as Rust, even wrapped in `fn main`",
            );
            continue;
        };
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(block.code.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let map = |offset: usize| -> Option<(usize, usize)> {
            let offset = offset.checked_sub(shift)?;
            if offset > block.code.len() {
                return None;
            }
            let line = line_starts.partition_point(|&start| start <= offset) - 1;
            let code_line = block.lines.get(line)?;
            Some((code_line.start + offset - line_starts[line], line))
        };
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut edits = Vec::new();
        let mut mapped_all = true;
        for edit in &inner.edits {
            let (Some((start, line)), Some((end, _))) =
                (map(edit.range.start), map(edit.range.end))
            else {
                mapped_all = false;
                break;
            };
            // A deleted run of whole lines takes their prefixes with it.
            let whole_lines = edit.replacement.is_empty()
                && edit.range.start >= shift
                && line_starts.contains(&(edit.range.start - shift))
                && edit.range.end >= shift
                && line_starts.contains(&(edit.range.end - shift));
            let (start, end) = match (whole_lines, map(edit.range.end)) {
                (true, Some((_, end_line))) if end_line < block.lines.len() => (
                    block.lines[line].line_start,
                    block.lines[end_line].line_start,
                ),
                _ => (start, end),
            };
            let prefix = &block.lines[line].prefix;
            let replacement = edit
                .replacement
                .replace('\n', &format!("{newline}{prefix}"));
            edits.push(Edit::replace(Range { start, end }, replacement, edit.rule));
        }
        if !mapped_all {
            skipped(migration, "an edit would reach outside its code lines");
            continue;
        }
        migration.edits.extend(edits);
        migration.rewrites.extend(inner.rewrites);
        migration.needs_shim |= inner.needs_shim;
        for finding in inner.findings {
            migration.findings.push(Finding {
                offset: map(finding.offset).map_or(first, |(offset, _)| offset),
                severity: finding.severity,
                rule: finding.rule,
                message: format!("in a doc example: {}", finding.message),
            });
        }
    }
}
