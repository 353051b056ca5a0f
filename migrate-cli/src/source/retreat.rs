//! The retreat of one file to the shim road: instead of being migrated to smol, the
//! file keeps its async-std code and takes it from async-std-compat, which has
//! async-std's whole API under the same paths. Used when the smol migration of the
//! file does not build (see `--apply`'s check in the binary).
//!
//! Every path that starts at the async-std crate (`async_std::task::spawn`,
//! `::async_std::io`, `extern crate async_std`, `use async_std;`) is renamed to start at
//! `async_std_compat`, in code, in macro arguments and in the code blocks of doc
//! comments. `#[async_std::main]` and `#[async_std::test]` also get
//! `crate = "async_std_compat"`, because their expansion names the runtime as
//! `::async_std` unless told otherwise.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::{Finding, ParseError, SourceMigration};
use crate::diagnostic::Severity;
use crate::edit::Edit;

/// The rule name of a retreat's edits and finding.
pub const RULE: &str = "retreat";

/// The rule id of the report that a file keeps only its timeouts on async-std's API
/// (a cautious migration, [`super::SourceOptions::cautious`]).
pub const PARTIAL_RULE: &str = "partial-retreat";

/// The crate a retreated file takes async-std's API from.
pub(super) const SHIM: &str = "async_std_compat";

/// The edits that move `text` from async-std (named by any of `crate_names`) onto
/// async-std-compat, and one finding that says so. `why` is told to the user.
pub fn retreat(
    text: &str,
    crate_names: &[String],
    why: &str,
) -> Result<SourceMigration, ParseError> {
    let mut edits = retreat_code(text, crate_names)?;
    rename_in_doc_comments(text, crate_names, &mut edits);
    edits.sort_by_key(|edit: &Edit| edit.range.start);
    edits.dedup_by_key(|edit| edit.range.start);
    let rewrites = vec![RULE; edits.len()];
    Ok(SourceMigration {
        edits,
        findings: vec![Finding {
            offset: 0,
            severity: Severity::Fallback,
            rule: RULE,
            message: format!(
                "the whole file stays on async-std's API, taken from async-std-compat: {why}"
            ),
        }],
        needs_shim: true,
        rewrites,
        semver_exports: Vec::new(),
    })
}

/// Where the code of `text` (not its comments) names the async-std crate as a path
/// root, an `extern crate` or a `use`: the ranges of those identifiers.
pub(crate) fn path_roots(text: &str, crate_names: &[String]) -> Vec<std::ops::Range<usize>> {
    let Ok(migration) = retreat_code(text, crate_names) else {
        return Vec::new();
    };
    migration
        .into_iter()
        .filter(|edit| edit.replacement == SHIM)
        .map(|edit| edit.range)
        .collect()
}

/// The retreat's edits in code only, doc comments aside.
fn retreat_code(text: &str, crate_names: &[String]) -> Result<Vec<Edit>, ParseError> {
    let mut base = 0;
    if text.starts_with('\u{feff}') {
        base = '\u{feff}'.len_utf8();
    }
    let rest = &text[base..];
    if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
        base += rest.find('\n').unwrap_or(rest.len());
    }
    let tokens: TokenStream = text[base..]
        .parse()
        .map_err(|error: proc_macro2::LexError| {
            let offset = base + error.span().byte_range().start;
            proc_macro2::extra::invalidate_current_thread_spans();
            ParseError {
                offset,
                message: error.to_string(),
                too_deep: false,
            }
        })?;
    let mut edits = Vec::new();
    rename_paths(tokens, crate_names, base, false, &mut edits);
    proc_macro2::extra::invalidate_current_thread_spans();
    Ok(edits)
}

/// Renames each path root among `tokens` that names the async-std crate; `in_macro`:
/// the tokens are an attribute's or a macro's input, where a string that is nothing
/// but such a path is one too.
fn rename_paths(
    tokens: TokenStream,
    crate_names: &[String],
    base: usize,
    in_macro: bool,
    edits: &mut Vec<Edit>,
) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let is_colon = |tree: Option<&TokenTree>, joint: bool| {
        matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == ':'
            && (!joint || p.spacing() == Spacing::Joint))
    };
    let path_sep_at = |i: usize| is_colon(trees.get(i), true) && is_colon(trees.get(i + 1), false);
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            // `use other::{async_std::x, ..}`: a use tree's continuation names no
            // crate.
            TokenTree::Group(group)
                if group.delimiter() == Delimiter::Brace && i >= 2 && path_sep_at(i - 2) => {}
            TokenTree::Group(group) => {
                let punct_at = |j: Option<usize>, c: char| matches!(j.and_then(|j| trees.get(j)), Some(TokenTree::Punct(p)) if p.as_char() == c);
                // `#[..]`, `name!(..)`, `macro_rules! name { .. }`.
                let macro_input = punct_at(i.checked_sub(1), '#')
                    || punct_at(i.checked_sub(1), '!')
                    || (matches!(
                        i.checked_sub(1).and_then(|j| trees.get(j)),
                        Some(TokenTree::Ident(_))
                    ) && punct_at(i.checked_sub(2), '!'));
                rename_paths(
                    group.stream(),
                    crate_names,
                    base,
                    in_macro || macro_input,
                    edits,
                )
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                if !crate_names.contains(&name) {
                    continue;
                }
                // A path segment after another (`x::async_std`) is not the crate;
                // `::async_std` after `(`, `=`, `;`... is.
                let after_segment = i >= 3
                    && path_sep_at(i - 2)
                    && (matches!(&trees[i - 3], TokenTree::Ident(_))
                        || matches!(&trees[i - 3], TokenTree::Punct(p) if p.as_char() == '>'));
                let previous_word =
                    |back: usize| match i.checked_sub(back).and_then(|j| trees.get(j)) {
                        Some(TokenTree::Ident(word)) => Some(word.to_string()),
                        _ => None,
                    };
                let extern_crate = previous_word(1).as_deref() == Some("crate")
                    && previous_word(2).as_deref() == Some("extern");
                let used_alone = previous_word(1).as_deref() == Some("use");
                let root = path_sep_at(i + 1) && !after_segment;
                if !(root || extern_crate || used_alone) {
                    continue;
                }
                let range = ident.span().byte_range();
                edits.push(Edit::replace(
                    base + range.start..base + range.end,
                    SHIM,
                    RULE,
                ));
                // `#[async_std::main]`, `#[cfg_attr(test, async_std::test)]`: the
                // macros must be told where the runtime is.
                let macro_name = match trees.get(i + 3) {
                    Some(TokenTree::Ident(word)) if path_sep_at(i + 1) => word.to_string(),
                    _ => continue,
                };
                if macro_name != "main" && macro_name != "test" || path_sep_at(i + 4) {
                    continue;
                }
                let option = format!("crate = \"{SHIM}\"");
                match trees.get(i + 4) {
                    Some(TokenTree::Group(args)) if args.delimiter() == Delimiter::Parenthesis => {
                        let open = args.span_open().byte_range().end;
                        let separator = if args.stream().is_empty() { "" } else { ", " };
                        edits.push(Edit::replace(
                            base + open..base + open,
                            format!("{option}{separator}"),
                            RULE,
                        ));
                    }
                    // `#[async_std::main]`, `cfg_attr(test, async_std::test)`: the path
                    // ends the attribute or its argument. Anything else (`use
                    // async_std::test as t;`) is not the attribute itself.
                    None => {
                        let end = trees[i + 3].span().byte_range().end;
                        edits.push(Edit::replace(
                            base + end..base + end,
                            format!("({option})"),
                            RULE,
                        ));
                    }
                    Some(TokenTree::Punct(p)) if p.as_char() == ',' => {
                        let end = trees[i + 3].span().byte_range().end;
                        edits.push(Edit::replace(
                            base + end..base + end,
                            format!("({option})"),
                            RULE,
                        ));
                    }
                    Some(_) => {}
                }
            }
            TokenTree::Literal(literal) if in_macro => {
                // A path handed to a macro as a string (`async("cfg", "async_std::test")`):
                // a plain string that is nothing but a path from the crate.
                let text = literal.to_string();
                let Some(content) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
                    continue;
                };
                let leading = if content.starts_with("::") { 2 } else { 0 };
                let mut segments = content[leading..].split("::");
                let Some(root) = segments.next() else {
                    continue;
                };
                let rest: Vec<&str> = segments.collect();
                let is_identifier = |segment: &str| {
                    segment
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_')
                        && segment.chars().all(|c| c.is_alphanumeric() || c == '_')
                };
                if !crate_names.iter().any(|name| name == root)
                    || rest.is_empty()
                    || !rest.iter().all(|segment| is_identifier(segment))
                {
                    continue;
                }
                let start = base + literal.span().byte_range().start + 1 + leading;
                edits.push(Edit::replace(start..start + root.len(), SHIM, RULE));
            }
            _ => {}
        }
    }
}

/// Renames `async_std::` (and the attribute macros) in the `///` and `//!` lines of
/// `text`, where doc examples live.
fn rename_in_doc_comments(text: &str, crate_names: &[String], edits: &mut Vec<Edit>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if !(trimmed.starts_with("///") || trimmed.starts_with("//!")) {
            continue;
        }
        for name in crate_names {
            for (at, _) in line.match_indices(name.as_str()) {
                let before = line[..at].chars().next_back();
                let after = &line[at + name.len()..];
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                let extern_crate = line[..at].trim_end().ends_with("extern crate");
                if word(before) || !(after.starts_with("::") || extern_crate) {
                    continue;
                }
                if line[..at].ends_with("::") {
                    continue;
                }
                let start = line_start + at;
                edits.push(Edit::replace(start..start + name.len(), SHIM, RULE));
                for macro_name in ["main", "test"] {
                    let Some(rest) = after
                        .strip_prefix("::")
                        .and_then(|r| r.strip_prefix(macro_name))
                    else {
                        continue;
                    };
                    let end = start + name.len() + 2 + macro_name.len();
                    if rest.starts_with(']') {
                        edits.push(Edit::replace(
                            end..end,
                            format!("(crate = \"{SHIM}\")"),
                            RULE,
                        ));
                    } else if let Some(args) = rest.strip_prefix('(') {
                        let separator = if args.trim_start().starts_with(')') {
                            ""
                        } else {
                            ", "
                        };
                        edits.push(Edit::replace(
                            end + 1..end + 1,
                            format!("crate = \"{SHIM}\"{separator}"),
                            RULE,
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retreated(text: &str) -> String {
        let migration = retreat(text, &["async_std".to_string()], "test").expect("lexes");
        crate::edit::apply(text, &migration.edits).expect("edits do not overlap")
    }

    #[test]
    fn paths_from_the_crate_root_move_to_the_shim() {
        assert_eq!(
            retreated(
                "use async_std::io::{self, Read};\nextern crate async_std;\n\
                 fn f() { ::async_std::task::spawn(async {}); my::async_std::x(); }\n"
            ),
            "use async_std_compat::io::{self, Read};\nextern crate async_std_compat;\n\
             fn f() { ::async_std_compat::task::spawn(async {}); my::async_std::x(); }\n"
        );
    }

    #[test]
    fn an_imported_attribute_macro_is_renamed_without_options() {
        assert_eq!(
            retreated("use async_std::test as atest;\n#[atest]\nasync fn t() {}\n"),
            "use async_std_compat::test as atest;\n#[atest]\nasync fn t() {}\n"
        );
    }

    #[test]
    fn the_attribute_macros_are_told_where_the_runtime_is() {
        assert_eq!(
            retreated(
                "#[async_std::main]\nasync fn main() {}\n\
                 #[cfg_attr(test, async_std::test)]\nasync fn t() {}\n\
                 macro_rules! m { () => { #[async_std::test] async fn x() {} } }\n"
            ),
            "#[async_std_compat::main(crate = \"async_std_compat\")]\nasync fn main() {}\n\
             #[cfg_attr(test, async_std_compat::test(crate = \"async_std_compat\"))]\nasync fn t() {}\n\
             macro_rules! m { () => { #[async_std_compat::test(crate = \"async_std_compat\")] async fn x() {} } }\n"
        );
    }

    #[test]
    fn a_module_of_another_crate_named_async_std_stays() {
        let text = "use other::{async_std::connect, tls};\nuse other::async_std::accept;\n";
        assert_eq!(retreated(text), text);
    }

    #[test]
    fn doc_examples_move_too_and_strings_stay() {
        assert_eq!(
            retreated(
                "/// ```\n/// #[async_std::main]\n/// async fn main() { async_std::task::yield_now().await }\n/// ```\n\
                 fn f() { let _ = \"async_std::task\"; }\n"
            ),
            "/// ```\n/// #[async_std_compat::main(crate = \"async_std_compat\")]\n\
             /// async fn main() { async_std_compat::task::yield_now().await }\n/// ```\n\
             fn f() { let _ = \"async_std::task\"; }\n"
        );
    }

    #[test]
    fn a_retreat_needs_the_shim_and_says_why() {
        let migration = retreat(
            "use async_std::task;\n",
            &["async_std".to_string()],
            "E0277",
        )
        .expect("lexes");
        assert!(migration.needs_shim);
        assert_eq!(migration.findings.len(), 1);
        assert!(migration.findings[0].message.contains("E0277"));
    }
}
