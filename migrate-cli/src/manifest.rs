//! Migrating a Cargo.toml: the async-std dependency becomes smol (plus async-std-compat
//! where a source fell back to it). Edits are byte ranges found with toml_edit's spans,
//! so every comment, key order and formatting choice elsewhere survives.

use std::ops::Range;

use toml_edit::{ImDocument, Item, Table, Value};

use crate::edit::Edit;

/// The version requirement written for smol.
pub const SMOL_REQUIREMENT: &str = "\"2\"";

/// The dependency tables of a manifest, by their path from the root.
const DEPENDENCY_TABLES: &[&str] = &["dependencies", "dev-dependencies", "build-dependencies"];

/// What a manifest says about async-std, read before its sources are migrated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ManifestInfo {
    /// The names the package's code uses for async-std: `async_std`, or the key of a
    /// renamed dependency (`rt = { package = "async-std" }` gives `rt`).
    pub crate_names: Vec<String>,
    /// Whether the manifest depends on async-std at all.
    pub depends_on_async_std: bool,
}

/// A manifest that is not valid TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// Byte range of the error, when toml_edit knows it.
    pub span: Option<Range<usize>>,
    /// toml_edit's message.
    pub message: String,
}

/// An async-std dependency entry found in a dependency table.
struct Entry {
    /// The key as written, e.g. `async-std` or `rt`.
    key: String,
    /// From the key's first byte to the value's last.
    range: Range<usize>,
    /// The `features = [...]` of the entry, if any.
    features: Vec<String>,
    /// Whether the table already depends on smol.
    table_has_smol: bool,
}

fn parse(text: &str) -> Result<ImDocument<&str>, ManifestError> {
    ImDocument::parse(text).map_err(|error| ManifestError {
        span: error.span(),
        message: error.message().trim().to_string(),
    })
}

/// Reads what `text` says about async-std.
pub fn inspect(text: &str) -> Result<ManifestInfo, ManifestError> {
    let document = parse(text)?;
    let entries = async_std_entries(document.as_table());
    let mut crate_names: Vec<String> = Vec::new();
    for entry in &entries {
        let name = entry.key.replace('-', "_");
        if !crate_names.contains(&name) {
            crate_names.push(name);
        }
    }
    if crate_names.is_empty() {
        crate_names.push("async_std".to_string());
    }
    Ok(ManifestInfo {
        crate_names,
        depends_on_async_std: !entries.is_empty(),
    })
}

/// The edits that move `text` from async-std to smol; `needs_shim` adds async-std-compat
/// for the items that fell back to it.
pub fn migrate(text: &str, needs_shim: bool) -> Result<Vec<Edit>, ManifestError> {
    let document = parse(text)?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits = Vec::new();
    for entry in async_std_entries(document.as_table()) {
        let mut replacement = if entry.table_has_smol {
            String::new()
        } else {
            format!("smol = {SMOL_REQUIREMENT}")
        };
        if needs_shim {
            if !replacement.is_empty() {
                replacement.push_str(newline);
            }
            replacement.push_str(&shim_dependency(&entry.features));
        }
        let range = if replacement.is_empty() {
            whole_line(text, entry.range)
        } else {
            entry.range
        };
        edits.push(Edit::replace(range, replacement, "Cargo.toml"));
    }
    Ok(edits)
}

/// `async-std-compat = { version = "1.13", features = [...] }`, keeping the features
/// async-std had (the shim has the same ones).
fn shim_dependency(features: &[String]) -> String {
    if features.is_empty() {
        return "async-std-compat = \"1.13\"".to_string();
    }
    let list: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    format!(
        "async-std-compat = {{ version = \"1.13\", features = [{}] }}",
        list.join(", ")
    )
}

fn whole_line(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i + 1);
    start..end
}

/// Every async-std entry of every dependency table, target-specific ones included.
fn async_std_entries(root: &Table) -> Vec<Entry> {
    let mut tables: Vec<&Table> = Vec::new();
    for name in DEPENDENCY_TABLES {
        if let Some(table) = root.get(name).and_then(Item::as_table) {
            tables.push(table);
        }
    }
    if let Some(targets) = root.get("target").and_then(Item::as_table) {
        for (_, target) in targets.iter() {
            let Some(target) = target.as_table() else {
                continue;
            };
            for name in DEPENDENCY_TABLES {
                if let Some(table) = target.get(name).and_then(Item::as_table) {
                    tables.push(table);
                }
            }
        }
    }
    if let Some(workspace) = root.get("workspace").and_then(Item::as_table) {
        if let Some(table) = workspace.get("dependencies").and_then(Item::as_table) {
            tables.push(table);
        }
    }

    let mut entries = Vec::new();
    for table in tables {
        let table_has_smol = table.contains_key("smol");
        for (name, item) in table.iter() {
            if !is_async_std(name, item) {
                continue;
            }
            let Some((key, item)) = table.get_key_value(name) else {
                continue;
            };
            let (Some(key_span), Some(value_span)) = (key.span(), item.span()) else {
                continue;
            };
            entries.push(Entry {
                key: name.to_string(),
                range: key_span.start..value_span.end,
                features: features(item),
                table_has_smol,
            });
        }
    }
    entries
}

fn is_async_std(name: &str, item: &Item) -> bool {
    let package = item
        .as_table_like()
        .and_then(|table| table.get("package"))
        .and_then(Item::as_str);
    match package {
        Some(package) => package == "async-std",
        None => name == "async-std",
    }
}

fn features(item: &Item) -> Vec<String> {
    item.as_table_like()
        .and_then(|table| table.get("features"))
        .and_then(Item::as_array)
        .map(|array| {
            array
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    fn migrated(text: &str, needs_shim: bool) -> String {
        apply(text, &migrate(text, needs_shim).unwrap()).unwrap()
    }

    #[test]
    fn the_dependency_becomes_smol_and_the_rest_is_kept() {
        let text = "[package]\nname = \"x\" # the name\n\n[dependencies]\n# runtime\nasync-std = { version = \"1.13\", features = [\"attributes\"] } # trailing\nlog = \"0.4\"\n";
        assert_eq!(
            migrated(text, false),
            "[package]\nname = \"x\" # the name\n\n[dependencies]\n# runtime\nsmol = \"2\" # trailing\nlog = \"0.4\"\n"
        );
    }

    #[test]
    fn a_fallback_adds_the_shim_with_the_same_features() {
        let text = "[dependencies]\nasync-std = { version = \"1\", features = [\"unstable\"] }\n";
        assert_eq!(
            migrated(text, true),
            "[dependencies]\nsmol = \"2\"\nasync-std-compat = { version = \"1.13\", features = [\"unstable\"] }\n"
        );
    }

    #[test]
    fn renamed_dependencies_are_found_with_their_crate_name() {
        let text = "[dev-dependencies]\nrt = { package = \"async-std\", version = \"1\" }\n";
        let info = inspect(text).unwrap();
        assert_eq!(info.crate_names, ["rt"]);
        assert_eq!(migrated(text, false), "[dev-dependencies]\nsmol = \"2\"\n");
    }

    #[test]
    fn an_existing_smol_dependency_is_not_duplicated() {
        let text = "[dependencies]\nsmol = \"2\"\nasync-std = \"1\"\nlog = \"0.4\"\n";
        assert_eq!(
            migrated(text, false),
            "[dependencies]\nsmol = \"2\"\nlog = \"0.4\"\n"
        );
    }

    #[test]
    fn a_manifest_without_async_std_is_unchanged() {
        let text = "[dependencies]\nsmol = \"2\"\n";
        assert!(migrate(text, false).unwrap().is_empty());
        assert!(!inspect(text).unwrap().depends_on_async_std);
    }

    #[test]
    fn invalid_toml_is_an_error() {
        assert!(inspect("[dependencies\n").is_err());
    }
}
