//! The shim road: the code stays as it is and async-std-compat takes async-std's place,
//! either as the direct dependency (a rename, `package = "async-std-compat"`, keeping the
//! key so that the crate is still called `async_std`), or for the whole dependency
//! graph (a `[patch.crates-io]` entry that points every async-std 1.x at the facade
//! package, async-std-compat under async-std's name).
//!
//! Like the native migration, every change is a byte-range edit on the manifest: nothing
//! else in it moves.

use super::{async_std_entries, parse, whole_line, Entry, ManifestError, ManifestFinding};
use super::{ManifestMigration, Shape, RULE};
use crate::diagnostic::Severity;
use crate::edit::Edit;

/// The features async-std-compat has: async-std's, less the names of async-std's own
/// optional dependencies (which the facade accepts, for the graph road).
pub const SHIM_FEATURES: &[&str] = &[
    "default",
    "std",
    "alloc",
    "attributes",
    "unstable",
    "docs",
    "io_safety",
    "tokio1",
    "tokio02",
    "tokio03",
    "log",
];

/// Where the shim comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShimSource {
    /// crates.io: the entry keeps its version requirement (1.13.2 meets any `1.x`).
    Registry,
    /// A checkout of smolify: `path` dependencies. The strings are the paths to write,
    /// as seen from the manifest: the `shim/` folder and the `facade/async-std/` folder.
    Checkout {
        /// Path of the checkout's `shim/` folder.
        shim: String,
        /// Path of the checkout's `facade/async-std/` folder.
        facade: String,
    },
}

/// The rename road for one manifest: each async-std dependency becomes async-std-compat
/// under the same key.
///
/// Entries that inherit from the workspace (`workspace = true`) are left alone: the
/// workspace root's entry is renamed, and they follow it.
pub fn rename_to_shim(text: &str, source: &ShimSource) -> Result<ManifestMigration, ManifestError> {
    let document = parse(text)?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut migration = ManifestMigration::default();
    for entry in async_std_entries(document.as_table(), text, &[], false) {
        if entry.workspace {
            continue;
        }
        for feature in &entry.features {
            if !SHIM_FEATURES.contains(&feature.as_str()) {
                migration.findings.push(ManifestFinding {
                    offset: entry.range.start,
                    severity: Severity::Error,
                    message: format!(
                        "async-std's feature `{feature}` names one of its own dependencies \
                         and is not a feature of async-std-compat: remove it (it changes no \
                         API), or use the graph road (`--graph`), whose facade accepts it"
                    ),
                });
            }
        }
        let edits = match entry.shape {
            Shape::Inline => inline(text, &entry, source),
            Shape::Table => keyed_lines(text, &entry, source, "", newline),
            Shape::Dotted => keyed_lines(text, &entry, source, &format!("{}.", entry.key), newline),
        };
        match edits {
            Some(edits) => migration.edits.extend(edits),
            None => migration.findings.push(ManifestFinding {
                offset: entry.range.start,
                severity: Severity::Error,
                message: "this async-std dependency comes from git, a path or another \
                          registry: it is left as it is; point it at async-std-compat by hand"
                    .to_string(),
            }),
        }
    }
    Ok(migration)
}

/// Whether an entry names where async-std comes from (other than crates.io): then the
/// rename cannot keep that source.
fn has_own_source(entry: &Entry, value: Option<&toml_edit::Value>) -> bool {
    const SOURCE_KEYS: &[&str] = &["git", "path", "registry", "branch", "tag", "rev"];
    let inner = entry
        .inner
        .iter()
        .any(|(key, _, _)| SOURCE_KEYS.contains(&key.as_str()));
    let inline = value
        .and_then(toml_edit::Value::as_inline_table)
        .is_some_and(|table| SOURCE_KEYS.iter().any(|key| table.contains_key(key)));
    inner || inline
}

/// `async-std = "1.13"` or `async-std = { .. }`: the value becomes an inline table with
/// `package` (and `path`) first and every other key kept.
fn inline(text: &str, entry: &Entry, source: &ShimSource) -> Option<Vec<Edit>> {
    let written = &text[entry.range.clone()];
    let document: toml_edit::DocumentMut = written.parse().ok()?;
    let value = document.get(&entry.key)?.as_value()?;
    if has_own_source(entry, Some(value)) {
        return None;
    }
    let mut pairs = vec!["package = \"async-std-compat\"".to_string()];
    if let ShimSource::Checkout { shim, .. } = source {
        pairs.push(format!("path = {}", quoted(shim)));
    }
    match value {
        toml_edit::Value::String(_) => {
            pairs.push(format!("version = {}", value.to_string().trim()));
        }
        toml_edit::Value::InlineTable(table) => {
            for (key, item) in table.iter() {
                if key != "package" {
                    pairs.push(format!("{key} = {}", item.to_string().trim()));
                }
            }
        }
        _ => return None,
    }
    let value_span = value_span(text, entry)?;
    Some(vec![Edit::replace(
        value_span,
        format!("{{ {} }}", pairs.join(", ")),
        RULE,
    )])
}

/// The byte range of an inline entry's value: after its `=`.
fn value_span(text: &str, entry: &Entry) -> Option<std::ops::Range<usize>> {
    let written = &text[entry.range.clone()];
    let equals = written.find('=')?;
    let start = entry.range.start + equals + 1 + written[equals + 1..].len()
        - written[equals + 1..].trim_start().len();
    Some(start..entry.range.end)
}

/// `[dependencies.async-std]` (prefix empty) or dotted `async-std.version = ..` (prefix
/// `async-std.`): a `package` line (and a `path` line) before the first key, or the
/// existing `package` value replaced.
fn keyed_lines(
    text: &str,
    entry: &Entry,
    source: &ShimSource,
    prefix: &str,
    newline: &str,
) -> Option<Vec<Edit>> {
    if has_own_source(entry, None) {
        return None;
    }
    let mut edits = Vec::new();
    let mut lines = Vec::new();
    match entry.inner.iter().find(|(key, _, _)| key == "package") {
        Some((_, _, range)) => edits.push(Edit::replace(
            range.clone(),
            format!("{prefix}package = \"async-std-compat\""),
            RULE,
        )),
        None => lines.push(format!("{prefix}package = \"async-std-compat\"")),
    }
    if let ShimSource::Checkout { shim, .. } = source {
        lines.push(format!("{prefix}path = {}", quoted(shim)));
    }
    if !lines.is_empty() {
        let first = entry.inner.first().map(|(_, _, range)| range.clone())?;
        let at = whole_line(text, first).start;
        let inserted: String = lines
            .iter()
            .map(|line| format!("{line}{newline}"))
            .collect();
        edits.push(Edit::insert(at, inserted, RULE));
    }
    Some(edits)
}

/// The graph road for a workspace root (or a lone package): `[patch.crates-io]` gets
/// `async-std = { path = "<facade>" }`, so that every async-std 1.x in the graph is the
/// facade. Direct dependencies stay as they are (they resolve to the facade too).
pub fn patch_graph(text: &str, facade: &str) -> Result<ManifestMigration, ManifestError> {
    let document = parse(text)?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = format!("async-std = {{ path = {} }}", quoted(facade));
    let mut migration = ManifestMigration::default();
    let crates_io = document
        .get("patch")
        .and_then(toml_edit::Item::as_table)
        .and_then(|patch| patch.get("crates-io"))
        .and_then(toml_edit::Item::as_table);
    match crates_io {
        Some(table) if table.contains_key("async-std") => {
            let (key, _) = table.get_key_value("async-std").expect("checked");
            migration.findings.push(ManifestFinding {
                offset: key.span().map_or(0, |span| span.start),
                severity: Severity::Note,
                message: "async-std is already patched here: left as it is".to_string(),
            });
        }
        Some(table) => {
            // After the header line of the existing table.
            let at = table
                .span()
                .map(|span| whole_line(text, span.start..span.start).end)
                .unwrap_or(text.len());
            migration
                .edits
                .push(Edit::insert(at, format!("{line}{newline}"), RULE));
        }
        None => {
            let mut block = String::new();
            if !text.is_empty() && !text.ends_with('\n') {
                block.push_str(newline);
            }
            block.push_str(newline);
            block.push_str(&format!(
                "# Every async-std 1.x in the dependency graph is async-std-compat \
                 (`cargo smolify --shim --graph`).{newline}[patch.crates-io]{newline}{line}{newline}"
            ));
            migration.edits.push(Edit::insert(text.len(), block, RULE));
        }
    }
    Ok(migration)
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, migration: &ManifestMigration) -> String {
        crate::edit::apply(text, &migration.edits).unwrap()
    }

    const REGISTRY: ShimSource = ShimSource::Registry;

    #[test]
    fn a_version_string_becomes_a_renamed_table() {
        let text = "[dependencies]\nasync-std = \"1.12\" # the runtime\nlog = \"0.4\"\n";
        let migration = rename_to_shim(text, &REGISTRY).unwrap();
        assert_eq!(
            apply(text, &migration),
            "[dependencies]\nasync-std = { package = \"async-std-compat\", version = \"1.12\" } \
             # the runtime\nlog = \"0.4\"\n"
        );
    }

    #[test]
    fn an_inline_table_keeps_its_keys_and_gains_a_path() {
        let text =
            "[dev-dependencies]\nasync-std = { version = \"1.13\", features = [\"attributes\"] }\n";
        let source = ShimSource::Checkout {
            shim: "../smolify/shim".into(),
            facade: "../smolify/facade/async-std".into(),
        };
        let migration = rename_to_shim(text, &source).unwrap();
        assert_eq!(
            apply(text, &migration),
            "[dev-dependencies]\nasync-std = { package = \"async-std-compat\", path = \
             \"../smolify/shim\", version = \"1.13\", features = [\"attributes\"] }\n"
        );
    }

    #[test]
    fn a_renamed_dependency_keeps_its_key() {
        let text = "[dependencies]\nrt = { package = \"async-std\", version = \"1\" }\n";
        let migration = rename_to_shim(text, &REGISTRY).unwrap();
        assert_eq!(
            apply(text, &migration),
            "[dependencies]\nrt = { package = \"async-std-compat\", version = \"1\" }\n"
        );
    }

    #[test]
    fn table_and_dotted_shapes_get_a_package_line() {
        let text = "[dependencies.async-std]\nversion = \"1.13\"\nfeatures = [\"unstable\"]\n\n\
                    [dev-dependencies]\nasync-std.version = \"1\"\n";
        let migration = rename_to_shim(text, &REGISTRY).unwrap();
        assert_eq!(
            apply(text, &migration),
            "[dependencies.async-std]\npackage = \"async-std-compat\"\nversion = \"1.13\"\n\
             features = [\"unstable\"]\n\n[dev-dependencies]\nasync-std.package = \
             \"async-std-compat\"\nasync-std.version = \"1\"\n"
        );
    }

    #[test]
    fn inherited_entries_follow_the_workspace_root() {
        let member = "[dependencies]\nasync-std = { workspace = true }\n";
        assert!(rename_to_shim(member, &REGISTRY).unwrap().edits.is_empty());
        let root =
            "[workspace]\nmembers = [\"a\"]\n\n[workspace.dependencies]\nasync-std = \"1.13\"\n";
        let migration = rename_to_shim(root, &REGISTRY).unwrap();
        assert!(apply(root, &migration)
            .contains("async-std = { package = \"async-std-compat\", version = \"1.13\" }"));
    }

    #[test]
    fn a_git_dependency_and_an_unknown_feature_are_reported_not_rewritten() {
        let text = "[dependencies]\nasync-std = { git = \"https://example.invalid/a\" }\n\
                    [dev-dependencies]\nasync-std = { version = \"1\", features = [\"async-io\"] }\n";
        let migration = rename_to_shim(text, &REGISTRY).unwrap();
        let errors: Vec<_> = migration
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(migration.edits.len(), 1);
    }

    #[test]
    fn the_graph_road_adds_one_patch_entry_and_is_idempotent() {
        let text = "[package]\nname = \"app\"\n\n[dependencies]\ntide = \"0.16\"\n";
        let migration = patch_graph(text, "../smolify/facade/async-std").unwrap();
        let patched = apply(text, &migration);
        assert!(patched.ends_with(
            "[patch.crates-io]\nasync-std = { path = \"../smolify/facade/async-std\" }\n"
        ));
        assert!(patch_graph(&patched, "x").unwrap().edits.is_empty());

        let existing = "[patch.crates-io]\nfoo = { path = \"foo\" }\n";
        let migration = patch_graph(existing, "f").unwrap();
        assert_eq!(
            apply(existing, &migration),
            "[patch.crates-io]\nasync-std = { path = \"f\" }\nfoo = { path = \"foo\" }\n"
        );
    }
}
