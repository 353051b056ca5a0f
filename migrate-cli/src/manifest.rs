//! Migrating a Cargo.toml: the async-std dependency becomes smol (plus async-std-compat
//! where a source fell back to it). Edits are byte ranges found with toml_edit's spans,
//! so every comment, key order and formatting choice elsewhere survives.
//!
//! Every shape a dependency can take is handled: a version string or an inline table in
//! `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]` and their
//! `[target.'cfg(..)'.*]` forms; a `[dependencies.async-std]` table; dotted keys
//! (`async-std.workspace = true`); `[workspace.dependencies]` and the members that
//! inherit it; renamed dependencies (`rt = { package = "async-std" }`); optional
//! dependencies and the `[features]` that name them (`async-std/x`, `async-std?/x`,
//! `dep:async-std`, or the implicit feature `async-std`).
//!
//! async-std's features map to their counterparts: `attributes` needs nothing (the CLI
//! rewrites the attributes), `unstable` needs nothing unless a fallback keeps an
//! unstable item (then async-std-compat gets it, as it gets every feature async-std
//! had: the shim has the same feature names), and `tokio1` becomes a dependency on
//! `async-compat`, with a note.

use std::ops::Range;

pub mod shim_road;

use toml_edit::{ImDocument, Item, Key, Table, Value};

use crate::diagnostic::Severity;
use crate::edit::Edit;

/// The version requirement written for smol.
pub const SMOL_REQUIREMENT: &str = "\"2\"";

/// The version requirement written for async-std-compat when the async-std dependency
/// had none (a `git` or `path` dependency).
pub const SHIM_REQUIREMENT: &str = "\"1.13\"";

/// The version requirement written for async-compat (async-std's `tokio1` feature).
pub const ASYNC_COMPAT_REQUIREMENT: &str = "\"0.2\"";

/// The rule id of every manifest edit.
pub const RULE: &str = "Cargo.toml";

/// The dependency tables of a manifest, by their name in the root or a target table.
const DEPENDENCY_TABLES: &[&str] = &["dependencies", "dev-dependencies", "build-dependencies"];

/// Keys of a dependency that say where it comes from, or how it is built: they belong
/// to async-std and go to async-std-compat (or nowhere) rather than to smol.
const ASYNC_STD_ONLY_KEYS: &[&str] = &[
    "features",
    "default-features",
    "default_features",
    "package",
    "git",
    "branch",
    "tag",
    "rev",
    "path",
    "registry",
];

/// What a manifest says about async-std, read before its sources are migrated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ManifestInfo {
    /// The names the package's code uses for async-std: `async_std`, or the key of a
    /// renamed dependency (`rt = { package = "async-std" }` gives `rt`).
    pub crate_names: Vec<String>,
    /// Whether the manifest depends on async-std at all (in any table, the workspace's
    /// included).
    pub depends_on_async_std: bool,
    /// The keys under which `[workspace.dependencies]` declares async-std (empty when
    /// this is not a workspace root, or its workspace does not declare async-std).
    pub workspace_keys: Vec<String>,
    /// Whether some async-std dependency here is inherited (`workspace = true`).
    pub inherits: bool,
    /// Whether the manifest has a `[workspace]` table.
    pub is_workspace_root: bool,
    /// Whether the manifest has a `[package]` table.
    pub is_package: bool,
}

/// A manifest that is not valid TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// Byte range of the error, when toml_edit knows it.
    pub span: Option<Range<usize>>,
    /// toml_edit's message.
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ManifestError {}

/// What the migration of a manifest needs to know beyond its text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Options {
    /// Some source of the package (or, for a workspace root, of a member that inherits
    /// the dependency) now takes items from async-std-compat.
    pub needs_shim: bool,
    /// Some source still names async-std (it could not be migrated, or its migration
    /// was refused): smol is added beside async-std instead of replacing it.
    pub keep_async_std: bool,
    /// The keys under which the workspace root declares async-std: an entry
    /// `KEY = { workspace = true }` with one of these keys is async-std too.
    pub inherited_keys: Vec<String>,
    /// Only `[workspace.dependencies]` is migrated (the root of a workspace whose own
    /// package was not selected).
    pub workspace_only: bool,
    /// In `[workspace.dependencies]`, smol is added beside async-std instead of
    /// replacing it (members that were not migrated may still inherit async-std).
    pub keep_workspace_async_std: bool,
    /// The workspace root this manifest inherits async-std from is not migrated in
    /// this run: an inherited entry stays, and smol (and async-std-compat) are added
    /// with versions of their own, since the root does not declare them.
    pub inherited_elsewhere: bool,
    /// Where async-std-compat comes from when it is added: a path (a checkout's `shim/`
    /// folder as seen from this manifest), or `None` for crates.io by version.
    pub shim_path: Option<String>,
}

/// Something the manifest migration tells the user, at a byte offset in the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestFinding {
    /// Byte offset in the manifest.
    pub offset: usize,
    /// How much it matters.
    pub severity: Severity,
    /// What happened and why.
    pub message: String,
}

/// The edits and findings of one manifest's migration.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ManifestMigration {
    /// Byte-range edits on the manifest's text.
    pub edits: Vec<Edit>,
    /// Notes on what was mapped and how.
    pub findings: Vec<ManifestFinding>,
}

/// How an async-std dependency is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `async-std = "1"` or `async-std = { ... }`.
    Inline,
    /// `[dependencies.async-std]` with its keys below.
    Table,
    /// `async-std.version = "1"`, `async-std.workspace = true`, one key per line.
    Dotted,
}

/// An async-std dependency entry found in a dependency table.
#[derive(Debug, Clone)]
struct Entry {
    /// The key as written, e.g. `async-std` or `rt`.
    key: String,
    /// The header prefix of the table it is in, e.g. `dependencies` or
    /// `target.'cfg(unix)'.dependencies` (as written in the file).
    table_header: String,
    shape: Shape,
    /// Inline: from the key's first byte to the value's last. Table: the whole table,
    /// header included. Dotted: the key of the first line.
    range: Range<usize>,
    /// Table: the span of the key inside the header.
    header_key: Range<usize>,
    /// Table and dotted: each `key = value` inside, with its key and full range.
    inner: Vec<(String, Range<usize>, Range<usize>)>,
    /// The version requirement as written (`"1.13"`), if any.
    version: Option<String>,
    features: Vec<String>,
    default_features: Option<bool>,
    optional: bool,
    workspace: bool,
    /// Whether the table already depends on smol.
    table_has_smol: bool,
    /// Whether the table already depends on async-std-compat / async-compat.
    table_has_shim: bool,
    table_has_async_compat: bool,
    /// Whether it sits in `[workspace.dependencies]`.
    in_workspace_table: bool,
}

fn parse(text: &str) -> Result<ImDocument<&str>, ManifestError> {
    ImDocument::parse(text).map_err(|error| ManifestError {
        span: error.span(),
        message: error.message().trim().to_string(),
    })
}

/// Reads what `text` says about async-std. `inherited_keys` are the keys under which
/// the workspace root declares async-std (see [`Options::inherited_keys`]).
pub fn inspect(text: &str, inherited_keys: &[String]) -> Result<ManifestInfo, ManifestError> {
    let document = parse(text)?;
    let root = document.as_table();
    let entries = async_std_entries(root, text, inherited_keys, false);
    let mut crate_names: Vec<String> = Vec::new();
    for entry in entries.iter().filter(|entry| !entry.in_workspace_table) {
        let name = entry.key.replace('-', "_");
        if !crate_names.contains(&name) {
            crate_names.push(name);
        }
    }
    if crate_names.is_empty() {
        crate_names.push("async_std".to_string());
    }
    let mut workspace_keys: Vec<String> = Vec::new();
    for entry in entries.iter().filter(|entry| entry.in_workspace_table) {
        if !workspace_keys.contains(&entry.key) {
            workspace_keys.push(entry.key.clone());
        }
    }
    Ok(ManifestInfo {
        crate_names,
        depends_on_async_std: !entries.is_empty(),
        workspace_keys,
        inherits: entries.iter().any(|entry| entry.workspace),
        is_workspace_root: root.contains_key("workspace"),
        is_package: root.contains_key("package"),
    })
}

/// The edits that move `text` from async-std to smol.
pub fn migrate(text: &str, options: &Options) -> Result<ManifestMigration, ManifestError> {
    let document = parse(text)?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let entries = async_std_entries(
        document.as_table(),
        text,
        &options.inherited_keys,
        options.workspace_only,
    );
    let mut migration = ManifestMigration::default();
    // What earlier entries of a table added to it: a table with two entries for
    // async-std (`async-std = ..` and `rt = { package = "async-std" }`) gets one smol.
    let mut added: std::collections::HashMap<String, [bool; 3]> = Default::default();
    for entry in &entries {
        let mut keep = options.keep_async_std
            || (entry.in_workspace_table && options.keep_workspace_async_std);
        let mut own = entry.clone();
        if let Some([smol, shim, async_compat]) = added.get(&entry.table_header) {
            own.table_has_smol |= smol;
            own.table_has_shim |= shim;
            own.table_has_async_compat |= async_compat;
        }
        let tokio = entry.features.iter().any(|f| f == "tokio1");
        let now = added.entry(entry.table_header.clone()).or_default();
        now[0] = true;
        now[1] |= options.needs_shim;
        now[2] |= tokio && !options.needs_shim;
        if entry.workspace && options.inherited_elsewhere {
            keep = true;
            own.workspace = false;
            migration.findings.push(ManifestFinding {
                offset: entry.range.start,
                severity: Severity::Note,
                message: "this dependency is inherited from a workspace root that is not \
                          part of this run: it stays, and smol is added with a version of \
                          its own; migrate the workspace root too, then inherit smol from it"
                    .to_string(),
            });
        }
        let entry = &own;
        let edits = match entry.shape {
            Shape::Inline | Shape::Dotted => line_entry(text, entry, options, keep, newline),
            Shape::Table => table_entry(text, entry, options, keep, newline),
        };
        migration.edits.extend(edits);
        if entry.features.iter().any(|f| f == "tokio1") && !options.needs_shim {
            migration.findings.push(ManifestFinding {
                offset: entry.range.start,
                severity: Severity::Note,
                message: "async-std's `tokio1` feature ran every task inside a tokio \
                          context; smol has none, so `async-compat` was added: wrap each \
                          future that uses tokio in `async_compat::Compat::new(..)`"
                    .to_string(),
            });
        }
    }
    if !options.workspace_only {
        let kept = kept_feature_names(&document, &entries, options);
        features(&document, text, &entries, &kept, options, &mut migration);
        declare_kept_features(
            &document,
            text,
            &entries,
            &kept,
            options,
            newline,
            &mut migration,
        );
    }
    patches(&document, &mut migration);
    Ok(migration)
}

/// `[patch.*]` entries for async-std stay (they only matter while something still
/// depends on async-std), with a note.
fn patches(document: &ImDocument<&str>, migration: &mut ManifestMigration) {
    let Some(patch) = document.get("patch").and_then(Item::as_table) else {
        return;
    };
    for (_, registry) in patch.iter() {
        let Some(registry) = registry.as_table_like() else {
            continue;
        };
        let Some((key, _)) = registry.get_key_value("async-std") else {
            continue;
        };
        migration.findings.push(ManifestFinding {
            offset: key.span().map_or(0, |span| span.start),
            severity: Severity::Note,
            message: "a `[patch]` of async-std is left as it is: remove it once nothing in \
                      the dependency graph uses async-std"
                .to_string(),
        });
    }
}

/// The lines that replace an entry, in inline style: `smol = ...`, then
/// `async-std-compat = ...` and `async-compat = ...` where needed.
fn replacement_lines(entry: &Entry, options: &Options) -> Vec<String> {
    let mut lines = Vec::new();
    if !entry.table_has_smol {
        lines.push(format!("smol = {}", smol_spec(entry)));
    }
    if options.needs_shim {
        if !entry.table_has_shim {
            lines.push(format!(
                "async-std-compat = {}",
                shim_spec(entry, options.shim_path.as_deref())
            ));
        }
    } else if entry.features.iter().any(|f| f == "tokio1") && !entry.table_has_async_compat {
        lines.push(format!("async-compat = {}", async_compat_spec(entry)));
    }
    lines
}

fn inline_table(pairs: &[String]) -> String {
    format!("{{ {} }}", pairs.join(", "))
}

fn smol_spec(entry: &Entry) -> String {
    if entry.workspace {
        let mut pairs = vec!["workspace = true".to_string()];
        if entry.optional {
            pairs.push("optional = true".to_string());
        }
        return inline_table(&pairs);
    }
    if entry.optional {
        return inline_table(&[
            format!("version = {SMOL_REQUIREMENT}"),
            "optional = true".to_string(),
        ]);
    }
    SMOL_REQUIREMENT.to_string()
}

fn quoted_list(items: &[String]) -> String {
    let list: Vec<String> = items
        .iter()
        .map(|item| Value::from(item.as_str()).to_string().trim().to_string())
        .collect();
    format!("[{}]", list.join(", "))
}

/// `async-std-compat = ...`: the same version requirement, features and
/// `default-features` as the async-std dependency had (the shim has async-std's
/// feature names).
fn shim_spec(entry: &Entry, shim_path: Option<&str>) -> String {
    let mut pairs = Vec::new();
    if entry.workspace {
        pairs.push("workspace = true".to_string());
    } else {
        let version = entry.version.as_deref().unwrap_or(SHIM_REQUIREMENT);
        pairs.push(format!("version = {version}"));
        if let Some(path) = shim_path {
            pairs.push(format!(
                "path = {}",
                toml_edit::Value::from(path).to_string().trim()
            ));
        }
        if entry.default_features == Some(false) {
            pairs.push("default-features = false".to_string());
        }
    }
    if !entry.features.is_empty() {
        pairs.push(format!("features = {}", quoted_list(&entry.features)));
    }
    if entry.optional {
        pairs.push("optional = true".to_string());
    }
    if pairs.len() == 1 && !entry.workspace {
        return entry
            .version
            .clone()
            .unwrap_or_else(|| SHIM_REQUIREMENT.to_string());
    }
    inline_table(&pairs)
}

fn async_compat_spec(entry: &Entry) -> String {
    if entry.optional {
        inline_table(&[
            format!("version = {ASYNC_COMPAT_REQUIREMENT}"),
            "optional = true".to_string(),
        ])
    } else {
        ASYNC_COMPAT_REQUIREMENT.to_string()
    }
}

/// An inline or dotted entry: its lines are replaced by the new ones.
fn line_entry(
    text: &str,
    entry: &Entry,
    options: &Options,
    keep: bool,
    newline: &str,
) -> Vec<Edit> {
    let lines = replacement_lines(entry, options);
    if keep {
        // smol goes beside async-std, on the lines after it.
        let end = match entry.shape {
            Shape::Inline => entry.range.end,
            _ => entry.inner.iter().map(|(_, _, r)| r.end).max().unwrap_or(0),
        };
        let at = whole_line(text, end..end).end;
        if lines.is_empty() {
            return Vec::new();
        }
        let mut inserted = String::new();
        if at == text.len() && !text.ends_with('\n') {
            inserted.push_str(newline);
        }
        for line in &lines {
            inserted.push_str(line);
            inserted.push_str(newline);
        }
        return vec![Edit::insert(at, inserted, RULE)];
    }
    match entry.shape {
        Shape::Inline => {
            if lines.is_empty() {
                vec![Edit::replace(
                    whole_line(text, entry.range.clone()),
                    "",
                    RULE,
                )]
            } else {
                vec![Edit::replace(
                    entry.range.clone(),
                    lines.join(newline),
                    RULE,
                )]
            }
        }
        _ => {
            // One line per dotted key: the first takes the new lines, the others go.
            let mut ranges: Vec<Range<usize>> = entry
                .inner
                .iter()
                .map(|(_, _, range)| whole_line(text, range.clone()))
                .collect();
            ranges.sort_by_key(|range| range.start);
            ranges.dedup();
            let mut edits = Vec::new();
            for (i, range) in ranges.into_iter().enumerate() {
                if i == 0 && !lines.is_empty() {
                    let mut replacement = lines.join(newline);
                    replacement.push_str(newline);
                    edits.push(Edit::replace(range, replacement, RULE));
                } else {
                    edits.push(Edit::replace(range, "", RULE));
                }
            }
            edits
        }
    }
}

/// A `[dependencies.async-std]` table: the header names smol, the version becomes
/// smol's, the keys that belong to async-std go, and async-std-compat (or
/// async-compat) follows as a table of its own.
fn table_entry(
    text: &str,
    entry: &Entry,
    options: &Options,
    keep: bool,
    newline: &str,
) -> Vec<Edit> {
    let header = &entry.table_header;
    let end = whole_line(text, entry.range.end..entry.range.end).end;
    let mut tail = String::new();
    if end == text.len() && !text.ends_with('\n') {
        tail.push_str(newline);
    }
    let mut edits = Vec::new();
    let smol_table = !entry.table_has_smol;
    if keep || !smol_table {
        if smol_table {
            tail.push_str(&format!("{newline}[{header}.smol]{newline}"));
            for line in table_lines(&smol_spec(entry)) {
                tail.push_str(&line);
                tail.push_str(newline);
            }
        }
        if !keep {
            // The table already depends on smol: the async-std table goes.
            let start = whole_line(text, entry.range.clone()).start;
            edits.push(Edit::replace(start..end, "", RULE));
        }
    } else {
        let header_key = entry.header_key.clone();
        edits.push(Edit::replace(header_key, "smol", RULE));
        for (key, _, range) in &entry.inner {
            if key == "version" {
                let value = text[range.clone()]
                    .find('=')
                    .map(|i| range.start + i + 1..range.end);
                if let Some(value) = value {
                    let start = value.start + text[value.clone()].len()
                        - text[value.clone()].trim_start().len();
                    edits.push(Edit::replace(start..range.end, SMOL_REQUIREMENT, RULE));
                }
            } else if ASYNC_STD_ONLY_KEYS.contains(&key.as_str()) {
                edits.push(Edit::replace(whole_line(text, range.clone()), "", RULE));
            }
        }
        if entry.version.is_none() && !entry.workspace {
            let at = whole_line(text, entry.header_key.clone()).end;
            edits.push(Edit::insert(
                at,
                format!("version = {SMOL_REQUIREMENT}{newline}"),
                RULE,
            ));
        }
    }
    let extra = if options.needs_shim {
        (!entry.table_has_shim).then(|| {
            (
                "async-std-compat",
                shim_spec(entry, options.shim_path.as_deref()),
            )
        })
    } else if entry.features.iter().any(|f| f == "tokio1") && !entry.table_has_async_compat {
        Some(("async-compat", async_compat_spec(entry)))
    } else {
        None
    };
    if let Some((name, spec)) = extra {
        tail.push_str(&format!("{newline}[{header}.{name}]{newline}"));
        for line in table_lines(&spec) {
            tail.push_str(&line);
            tail.push_str(newline);
        }
    }
    if !tail.trim().is_empty() {
        edits.push(Edit::insert(end, tail, RULE));
    }
    edits
}

/// `"2"` -> `version = "2"`; `{ a = 1, b = 2 }` -> `a = 1`, `b = 2`.
fn table_lines(spec: &str) -> Vec<String> {
    match spec
        .strip_prefix("{ ")
        .and_then(|rest| rest.strip_suffix(" }"))
    {
        Some(pairs) => split_pairs(pairs),
        None => vec![format!("version = {spec}")],
    }
}

/// Splits `a = 1, b = ["x", "y"]` at the commas outside brackets and strings.
fn split_pairs(pairs: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut current = String::new();
    let mut previous = ' ';
    for c in pairs.chars() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth = depth.saturating_sub(1),
            ',' if !in_string && depth == 0 => {
                out.push(current.trim().to_string());
                current.clear();
                previous = c;
                continue;
            }
            _ => {}
        }
        current.push(c);
        previous = c;
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Every `[features]` value, in order.
fn feature_values(document: &ImDocument<&str>) -> Vec<String> {
    document
        .get("features")
        .and_then(Item::as_table)
        .map(|table| {
            table
                .iter()
                .filter_map(|(_, item)| item.as_array())
                .flat_map(|array| array.iter().filter_map(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The feature names an optional async-std dependency defines implicitly (its key,
/// when no `dep:KEY` hides it and no feature of that name is declared). `[features]`,
/// `cfg(feature = "...")`, CI scripts and downstream crates name them, so each one is
/// declared explicitly after the migration, turning smol on.
fn kept_feature_names(
    document: &ImDocument<&str>,
    entries: &[Entry],
    options: &Options,
) -> Vec<String> {
    if options.keep_async_std {
        return Vec::new();
    }
    let declared = document.get("features").and_then(Item::as_table);
    let values = feature_values(document);
    let mut kept = Vec::new();
    for entry in entries
        .iter()
        .filter(|e| e.optional && !e.in_workspace_table)
    {
        let hidden = values
            .iter()
            .any(|value| value == &format!("dep:{}", entry.key));
        let declared = declared.is_some_and(|table| table.contains_key(&entry.key));
        if !hidden && !declared && !kept.contains(&entry.key) {
            kept.push(entry.key.clone());
        }
    }
    kept
}

/// Declares each kept feature name (see [`kept_feature_names`]) in `[features]`:
/// `async-std = ["dep:smol"]`, plus async-std-compat or async-compat when the
/// migration added them for the same dependency.
fn declare_kept_features(
    document: &ImDocument<&str>,
    text: &str,
    entries: &[Entry],
    kept: &[String],
    options: &Options,
    newline: &str,
    migration: &mut ManifestMigration,
) {
    if kept.is_empty() {
        return;
    }
    let values = feature_values(document);
    // `dep:smol` hides an implicit `smol` feature that the crate may already use.
    let smol_is_implicit_feature = values.iter().any(|value| value == "smol")
        && !values.iter().any(|value| value == "dep:smol");
    let mut lines = String::new();
    for key in kept {
        let Some(entry) = entries.iter().find(|entry| &entry.key == key) else {
            continue;
        };
        let mut turns_on = vec![if smol_is_implicit_feature {
            "smol".to_string()
        } else {
            "dep:smol".to_string()
        }];
        if options.needs_shim {
            turns_on.push("dep:async-std-compat".to_string());
        } else if entry.features.iter().any(|f| f == "tokio1") {
            turns_on.push("dep:async-compat".to_string());
        }
        let name = Key::new(key.as_str()).display_repr().into_owned();
        lines.push_str(&format!("{name} = {}{newline}", quoted_list(&turns_on)));
    }
    let header = text
        .match_indices("[features]")
        .map(|(at, _)| at)
        .find(|&at| {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..at].trim().is_empty()
        });
    let edit = match header {
        Some(at) => {
            let after_header = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            let prefix = if after_header == text.len() && !text.ends_with('\n') {
                newline
            } else {
                ""
            };
            Edit::replace(
                after_header..after_header,
                format!("{prefix}# Kept from async-std's optional dependency: crates and cfgs name it.{newline}{lines}"),
                RULE,
            )
        }
        None => {
            let separator = if text.is_empty() || text.ends_with(&format!("{newline}{newline}")) {
                ""
            } else if text.ends_with('\n') {
                newline
            } else {
                "\n\n"
            };
            Edit::replace(
                text.len()..text.len(),
                format!("{separator}[features]{newline}# Kept from async-std's optional dependency: crates and cfgs name it.{newline}{lines}"),
                RULE,
            )
        }
    };
    migration.edits.push(edit);
    for key in kept {
        if let Some(entry) = entries.iter().find(|entry| &entry.key == key) {
            migration.findings.push(ManifestFinding {
                offset: entry.range.start,
                severity: Severity::Note,
                message: format!(
                    "the optional dependency defined the feature `{key}`; it is kept, \
                     declared in [features] to turn smol on, so `features = [\"{key}\"]` \
                     and `cfg(feature = \"{key}\")` go on working"
                ),
            });
        }
    }
}

/// The `[features]` entries that name an async-std dependency.
fn features(
    document: &ImDocument<&str>,
    text: &str,
    entries: &[Entry],
    kept: &[String],
    options: &Options,
    migration: &mut ManifestMigration,
) {
    let Some(table) = document.get("features").and_then(Item::as_table) else {
        return;
    };
    let package_entries: Vec<&Entry> = entries
        .iter()
        .filter(|entry| !entry.in_workspace_table)
        .collect();
    if package_entries.is_empty() {
        return;
    }
    let all_values: Vec<String> = table
        .iter()
        .filter_map(|(_, item)| item.as_array())
        .flat_map(|array| array.iter().filter_map(Value::as_str).map(str::to_string))
        .collect();
    for (_, item) in table.iter() {
        let Some(array) = item.as_array() else {
            continue;
        };
        let mut elements: Vec<(Range<usize>, Option<Vec<String>>)> = array
            .iter()
            .filter_map(|value| {
                let span = value.span()?;
                let mapped = value.as_str().and_then(|feature| {
                    map_feature(feature, &package_entries, table, &all_values, kept, options)
                });
                Some((span, mapped))
            })
            .collect();
        // No value twice in one list: what stays is seen first, then the new values in
        // order.
        let mut seen: Vec<String> = array
            .iter()
            .zip(&elements)
            .filter(|(_, (_, mapped))| mapped.is_none())
            .filter_map(|(value, _)| value.as_str().map(str::to_string))
            .collect();
        for (_, mapped) in elements.iter_mut() {
            if let Some(new) = mapped {
                new.retain(|value| {
                    let fresh = !seen.contains(value);
                    if fresh {
                        seen.push(value.clone());
                    }
                    fresh
                });
            }
        }
        if elements.len() != array.len() || elements.iter().all(|(_, m)| m.is_none()) {
            continue;
        }
        for (span, mapped) in &elements {
            let feature = text.get(span.clone()).map(|raw| raw.trim_matches('"'));
            if let (Some(feature), Some(_)) = (feature, mapped) {
                if feature.ends_with("/tokio1") && !options.needs_shim {
                    migration.findings.push(ManifestFinding {
                        offset: span.start,
                        severity: Severity::Note,
                        message: format!(
                            "`{feature}` has no smol counterpart and was dropped: wrap \
                             each future that uses tokio in `async_compat::Compat::new(..)` \
                             (and depend on async-compat)"
                        ),
                    });
                }
            }
        }
        migration.edits.extend(array_edits(&elements));
    }
}

/// The edits that replace or remove array elements (`Some(new)`: replaced by the
/// `new` elements, none of them removing it), keeping the commas right.
fn array_edits(elements: &[(Range<usize>, Option<Vec<String>>)]) -> Vec<Edit> {
    let kept = |mapped: &Option<Vec<String>>| mapped.as_ref().is_none_or(|new| !new.is_empty());
    let Some(last_kept) = elements.iter().rposition(|(_, mapped)| kept(mapped)) else {
        // Every element goes.
        let start = elements.first().map_or(0, |(span, _)| span.start);
        let end = elements.last().map_or(0, |(span, _)| span.end);
        return vec![Edit::replace(start..end, "", RULE)];
    };
    let mut edits = Vec::new();
    for (i, (span, mapped)) in elements.iter().enumerate() {
        let Some(new) = mapped else { continue };
        if !new.is_empty() {
            edits.push(Edit::replace(
                span.clone(),
                quoted_list(new).trim_matches(['[', ']']),
                RULE,
            ));
        } else if i < last_kept {
            edits.push(Edit::replace(span.start..elements[i + 1].0.start, "", RULE));
        }
    }
    if last_kept + 1 < elements.len() {
        let start = elements[last_kept].0.end;
        let end = elements[elements.len() - 1].0.end;
        edits.push(Edit::replace(start..end, "", RULE));
    }
    edits
}

/// What one feature value becomes: `None` when it does not name async-std, else the
/// values that replace it (none: it goes).
fn map_feature(
    feature: &str,
    entries: &[&Entry],
    features: &Table,
    all_values: &[String],
    kept: &[String],
    options: &Options,
) -> Option<Vec<String>> {
    let with_extras = |base: &str, entry: &Entry| -> Vec<String> {
        let mut out = vec![base.replace("{}", "smol")];
        if options.needs_shim {
            out.push(base.replace("{}", "async-std-compat"));
        } else if entry.features.iter().any(|f| f == "tokio1") && entry.optional {
            out.push(base.replace("{}", "async-compat"));
        }
        out
    };
    if let Some(key) = feature.strip_prefix("dep:") {
        let entry = entries.iter().find(|entry| entry.key == key)?;
        return Some(with_extras("dep:{}", entry));
    }
    if let Some((key, sub)) = feature.split_once('/') {
        let (key, weak) = match key.strip_suffix('?') {
            Some(key) => (key, true),
            None => (key, false),
        };
        let entry = entries.iter().find(|entry| entry.key == key)?;
        if options.keep_async_std {
            return None;
        }
        // `async-std/x` also turned the optional dependency on: smol must be turned on
        // the same way (`dep:smol` when the manifest uses `dep:` for it).
        let explicit = all_values
            .iter()
            .any(|value| value == &format!("dep:{key}"));
        let base = if explicit { "dep:{}" } else { "{}" };
        let turns_on = !weak && entry.optional;
        if kept.contains(&entry.key) {
            // The feature of that name is declared: it turns the runtime on.
            let mut out = Vec::new();
            if turns_on {
                out.push(key.to_string());
            }
            if options.needs_shim {
                let q = if weak { "?" } else { "" };
                out.push(format!("async-std-compat{q}/{sub}"));
            }
            return Some(out);
        }
        if options.needs_shim {
            let q = if weak { "?" } else { "" };
            let mut out = Vec::new();
            if turns_on {
                out.push(base.replace("{}", "smol"));
            }
            out.push(format!("async-std-compat{q}/{sub}"));
            return Some(out);
        }
        if !turns_on {
            return Some(Vec::new());
        }
        return Some(with_extras(base, entry));
    }
    // The implicit feature of an optional dependency, unless a feature of that name
    // is declared (then the name means the feature) or `dep:` hides it.
    let entry = entries
        .iter()
        .find(|entry| entry.key == feature && entry.optional)?;
    if kept.contains(&entry.key) {
        return None;
    }
    if features.contains_key(feature)
        || all_values
            .iter()
            .any(|value| value == &format!("dep:{feature}"))
        || options.keep_async_std
    {
        return None;
    }
    Some(with_extras("{}", entry))
}

/// The whole lines that hold `range`, their line ends included.
fn whole_line(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i + 1);
    start..end
}

/// Every async-std entry of every dependency table, target-specific ones included.
fn async_std_entries(
    root: &Table,
    text: &str,
    inherited_keys: &[String],
    workspace_only: bool,
) -> Vec<Entry> {
    let mut tables: Vec<(String, &Table, bool)> = Vec::new();
    if !workspace_only {
        for name in DEPENDENCY_TABLES {
            if let Some(table) = root.get(name).and_then(Item::as_table) {
                tables.push((name.to_string(), table, false));
            }
        }
        if let Some(targets) = root.get("target").and_then(Item::as_table) {
            for (target_name, target) in targets.iter() {
                let Some(target) = target.as_table() else {
                    continue;
                };
                let written = targets
                    .key(target_name)
                    .and_then(|key| key.span())
                    .and_then(|span| text.get(span))
                    .map_or_else(|| format!("'{target_name}'"), str::to_string);
                for name in DEPENDENCY_TABLES {
                    if let Some(table) = target.get(name).and_then(Item::as_table) {
                        tables.push((format!("target.{written}.{name}"), table, false));
                    }
                }
            }
        }
    }
    if let Some(workspace) = root.get("workspace").and_then(Item::as_table) {
        if let Some(table) = workspace.get("dependencies").and_then(Item::as_table) {
            tables.push(("workspace.dependencies".to_string(), table, true));
        }
    }

    let mut entries = Vec::new();
    for (header, table, in_workspace_table) in tables {
        let table_has_smol = table.contains_key("smol");
        let table_has_shim = table.contains_key("async-std-compat");
        let table_has_async_compat = table.contains_key("async-compat");
        for (name, item) in table.iter() {
            if !is_async_std(name, item, inherited_keys) {
                continue;
            }
            if let Some(entry) = entry(
                text,
                &header,
                table,
                name,
                [table_has_smol, table_has_shim, table_has_async_compat],
                in_workspace_table,
            ) {
                entries.push(entry);
            }
        }
    }
    entries
}

fn entry(
    text: &str,
    header: &str,
    table: &Table,
    name: &str,
    [table_has_smol, table_has_shim, table_has_async_compat]: [bool; 3],
    in_workspace_table: bool,
) -> Option<Entry> {
    let (key, item) = table.get_key_value(name)?;
    let key_span = key.span()?;
    let like = item.as_table_like();
    let get = |key: &str| like.and_then(|table| table.get(key));
    let version = match item {
        Item::Value(Value::String(_)) => item.span().and_then(|span| text.get(span)),
        _ => get("version")
            .and_then(Item::span)
            .and_then(|span| text.get(span)),
    }
    .map(|raw| raw.trim().to_string());
    let features = get("features")
        .and_then(Item::as_array)
        .map(|array| {
            array
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let default_features = get("default-features")
        .or_else(|| get("default_features"))
        .and_then(Item::as_bool);
    let optional = get("optional").and_then(Item::as_bool).unwrap_or(false);
    let workspace = get("workspace").and_then(Item::as_bool).unwrap_or(false);
    let mut inner = Vec::new();
    if let Some(sub) = item.as_table() {
        for (sub_name, _) in sub.iter() {
            let Some((sub_key, sub_item)) = sub.get_key_value(sub_name) else {
                continue;
            };
            let (Some(k), Some(v)) = (sub_key.span(), sub_item.span()) else {
                return None;
            };
            inner.push((sub_name.to_string(), k.clone(), k.start..v.end));
        }
    }
    let (shape, range) = match item {
        Item::Value(_) => (Shape::Inline, key_span.start..item.span()?.end),
        Item::Table(sub) if sub.is_dotted() => (Shape::Dotted, key_span.clone()),
        Item::Table(_) => (Shape::Table, item.span()?),
        _ => return None,
    };
    Some(Entry {
        key: name.to_string(),
        table_header: header.to_string(),
        shape,
        range,
        header_key: key_span,
        inner,
        version,
        features,
        default_features,
        optional,
        workspace,
        table_has_smol,
        table_has_shim,
        table_has_async_compat,
        in_workspace_table,
    })
}

fn is_async_std(name: &str, item: &Item, inherited_keys: &[String]) -> bool {
    let like = item.as_table_like();
    let package = like
        .and_then(|table| table.get("package"))
        .and_then(Item::as_str);
    let inherited = like
        .and_then(|table| table.get("workspace"))
        .and_then(Item::as_bool)
        .unwrap_or(false);
    match package {
        Some(package) => package == "async-std",
        None => name == "async-std" || (inherited && inherited_keys.iter().any(|k| k == name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    fn migrated(text: &str, needs_shim: bool) -> String {
        let options = Options {
            needs_shim,
            ..Options::default()
        };
        apply(text, &migrate(text, &options).unwrap().edits).unwrap()
    }

    #[test]
    fn the_dependency_becomes_smol_and_the_rest_is_kept() {
        let text = "[package]\nname = \"x\" # the name\n\n[dependencies]\n# runtime\nasync-std = { version = \"1.13\", features = [\"attributes\"] } # trailing\nlog = \"0.4\"\n";
        assert_eq!(
            migrated(text, false),
            "[package]\nname = \"x\" # the name\n\n[dependencies]\n# runtime\nsmol = \"2\" # trailing\nlog = \"0.4\"\n"
        );
    }

    /// Found by the fuzzer: two entries for async-std in one table each became
    /// `smol = "2"`, a duplicate key, and the manifest was no TOML any more.
    #[test]
    fn two_entries_for_async_std_in_one_table_give_one_smol() {
        let text = "[dependencies]\nasync-std = { version = \"1.13\", features = [\"attributes\"] }\nrt = { package = \"async-std\", version = \"1\" }\n\n[dev-dependencies]\nasync-std = \"1\"\n";
        let out = migrated(text, true);
        assert_eq!(
            out,
            "[dependencies]\nsmol = \"2\"\nasync-std-compat = { version = \"1.13\", features = [\"attributes\"] }\n\n[dev-dependencies]\nsmol = \"2\"\nasync-std-compat = \"1\"\n"
        );
        assert!(out.parse::<toml_edit::DocumentMut>().is_ok());
    }

    #[test]
    fn renamed_dependencies_are_found_with_their_crate_name() {
        let text = "[dev-dependencies]\nrt = { package = \"async-std\", version = \"1\" }\n";
        let info = inspect(text, &[]).unwrap();
        assert_eq!(info.crate_names, ["rt"]);
        assert_eq!(migrated(text, false), "[dev-dependencies]\nsmol = \"2\"\n");
    }

    #[test]
    fn invalid_toml_is_an_error() {
        assert!(inspect("[dependencies\n", &[]).is_err());
    }

    #[test]
    fn pairs_split_outside_brackets() {
        assert_eq!(
            split_pairs("version = \"1\", features = [\"a\", \"b\"]"),
            ["version = \"1\"", "features = [\"a\", \"b\"]"]
        );
    }
}
