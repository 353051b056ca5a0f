//! The migration of a whole folder, computed without writing anything.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::discover::{discover, owning_manifest, Files};
use crate::edit::{apply, fit_to, Edit};
use crate::{manifest, snapshots, source};

/// The new text of one file that changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Its text now.
    pub original: String,
    /// Its text after the migration.
    pub migrated: String,
    /// How many rewrites each rule made in it (a rewrite may take several edits).
    pub rewrites_per_rule: BTreeMap<&'static str, usize>,
    /// The edits that make `migrated` out of `original`, sorted by position.
    pub edits: Vec<Edit>,
}

impl FileChange {
    /// Each edit as a JSON object (a line of `--message-format json`): where it is in
    /// the original file, its rule, what it replaces and with what.
    pub fn edits_json(&self) -> Vec<serde_json::Value> {
        let index = LineIndex::new(&self.original);
        self.edits
            .iter()
            .map(|edit| {
                let (line, column) = index.line_column(edit.range.start);
                let (end_line, end_column) = index.line_column(edit.range.end);
                let old = self.original.get(edit.range.clone()).unwrap_or_default();
                let message = match (old.is_empty(), edit.replacement.is_empty()) {
                    (true, _) => format!("insert {:?}", edit.replacement),
                    (false, true) => format!("remove {old:?}"),
                    (false, false) => format!("replace {old:?} with {:?}", edit.replacement),
                };
                serde_json::json!({
                    "type": "edit",
                    "file": self.path.to_string_lossy(),
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    "severity": "edit",
                    "rule": edit.rule,
                    "message": message,
                    "original": old,
                    "replacement": edit.replacement,
                })
            })
            .collect()
    }
}

/// What an async-std item without a smol equivalent gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FallbackMode {
    /// It is taken from async-std-compat, and reported.
    #[default]
    Shim,
    /// It is not migrated: a file that would need async-std-compat is left as it is,
    /// and each fallback is reported as an error.
    Error,
}

/// How a run migrates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// What an item without a smol equivalent gets.
    pub fallback: FallbackMode,
    /// A checkout of smolify whose `shim/` the added async-std-compat dependencies name
    /// by path (before the crate is on crates.io); `None` names it by version.
    pub shim_checkout: Option<PathBuf>,
    /// Source files that stay on async-std's API, taken from async-std-compat, instead
    /// of moving to smol (see [`crate::source::retreat`]): each canonical path, with
    /// the reason told to the user (the compiler's message about its migration).
    pub retreat: BTreeMap<PathBuf, String>,
    /// Source files migrated with [`source::SourceOptions::cautious`] (their
    /// timeouts stay the shim's) because their full smol form did not build: each
    /// canonical path, with the compiler's message.
    pub cautious: BTreeMap<PathBuf, String>,
}

/// Everything the migration would do.
#[derive(Debug, Default, Clone)]
pub struct Plan {
    /// The files that change, in path order.
    pub changes: Vec<FileChange>,
    /// Notes, fallbacks, hazards and errors, in file and line order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were looked at.
    pub files_seen: usize,
}

impl Plan {
    /// How many diagnostics of `severity` there are.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    }

    /// Rewrites per rule over all files.
    pub fn rewrites_per_rule(&self) -> BTreeMap<&'static str, usize> {
        let mut total = BTreeMap::new();
        for change in &self.changes {
            for (rule, count) in &change.rewrites_per_rule {
                *total.entry(*rule).or_default() += count;
            }
        }
        total
    }

    /// The original text of `path`: the one the plan holds when it changes the file,
    /// else the file as it is on disk (unchanged by the run).
    pub fn original_text(&self, path: &Path) -> Option<String> {
        match self.changes.iter().find(|change| change.path == path) {
            Some(change) => Some(change.original.clone()),
            None => std::fs::read_to_string(path).ok(),
        }
    }

    /// One unified diff of every change, with `a/` and `b/` prefixes, as `git apply`
    /// takes it.
    pub fn unified_diff(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let path = change.path.to_string_lossy().replace('\\', "/");
            // `a//abs/path` would not be a path git reads; `a/abs/path` at least is.
            let path = path.trim_start_matches('/');
            let diff = similar::TextDiff::from_lines(&change.original, &change.migrated);
            let text = diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string();
            out.push_str(&format!("diff --git a/{path} b/{path}\n"));
            out.push_str(&text);
        }
        out
    }
}

/// A file's text, or the diagnostic that says why it cannot be migrated.
fn read(path: &Path) -> Result<String, Diagnostic> {
    let error = |message: String| Diagnostic {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        rule: "read",
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| error(format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|_| error("the file is not UTF-8 text; left untouched".to_string()))
}

fn diagnostic_at(
    path: &Path,
    text: &str,
    offset: usize,
    severity: Severity,
    rule: &'static str,
    message: String,
) -> Diagnostic {
    let (line, column) = LineIndex::new(text).line_column(offset);
    Diagnostic {
        file: path.to_path_buf(),
        line,
        column,
        severity,
        rule,
        message,
    }
}

fn change(
    path: &Path,
    original: String,
    edits: &[Edit],
    rewrites: &[&'static str],
) -> Result<Option<FileChange>, Diagnostic> {
    if edits.is_empty() {
        return Ok(None);
    }
    if let Some(bad) = edits.iter().find(|edit| {
        edit.range.start > edit.range.end
            || edit.range.end > original.len()
            || !original.is_char_boundary(edit.range.start)
            || !original.is_char_boundary(edit.range.end)
    }) {
        return Err(diagnostic_at(
            path,
            &original,
            bad.range.start.min(original.len()),
            Severity::Error,
            "internal",
            format!(
                "rule `{}` made an edit at bytes {:?}, outside the text or inside a \
                 character; the file is left untouched (this is a bug in cargo-smolify)",
                bad.rule, bad.range
            ),
        ));
    }
    let mut edits = fit_to(&original, edits);
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let migrated = apply(&original, &edits).map_err(|conflict| {
        diagnostic_at(
            path,
            &original,
            conflict.second.range.start,
            Severity::Error,
            "internal",
            format!("{conflict}; the file is left untouched (this is a bug in cargo-smolify)"),
        )
    })?;
    if migrated == original {
        return Ok(None);
    }
    let mut rewrites_per_rule = BTreeMap::new();
    for rule in rewrites {
        *rewrites_per_rule.entry(*rule).or_default() += 1;
    }
    Ok(Some(FileChange {
        path: path.to_path_buf(),
        original,
        migrated,
        rewrites_per_rule,
        edits,
    }))
}

/// Computes the migration of everything under `root` (a folder, a `.rs` file or a
/// `Cargo.toml`), with the default options. Nothing is written.
pub fn plan(root: &Path) -> std::io::Result<Plan> {
    Ok(plan_files(&discover(root)?, &Options::default(), &|| {}))
}

/// A manifest that was read and understood.
struct ReadManifest {
    text: String,
    info: manifest::ManifestInfo,
    /// The workspace root it inherits from, if that root is in the run.
    root: Option<PathBuf>,
}

/// What one source file's migration gave.
#[derive(Default)]
struct SourceResult {
    change: Option<FileChange>,
    diagnostics: Vec<Diagnostic>,
    needs_shim: bool,
    /// The file still names async-std after the run (it was left untouched).
    still_uses_async_std: bool,
    /// Markdown files the source includes as documentation.
    included_docs: Vec<PathBuf>,
}

/// Computes the migration of `files`. Nothing is written; `progress` is called once
/// per file done, from any thread.
pub fn plan_files(files: &Files, options: &Options, progress: &(dyn Fn() + Sync)) -> Plan {
    let mut plan = Plan {
        files_seen: files.sources.len() + files.manifests.len(),
        ..Plan::default()
    };

    // 1. Manifests first: they say which names the code uses for async-std.
    let mut manifests: HashMap<&Path, ReadManifest> = HashMap::new();
    for path in &files.manifests {
        let text = match read(path) {
            Ok(text) => text,
            Err(diagnostic) => {
                plan.diagnostics.push(diagnostic);
                continue;
            }
        };
        match manifest::inspect(&text, &[]) {
            Ok(info) => {
                manifests.insert(
                    path,
                    ReadManifest {
                        text,
                        info,
                        root: None,
                    },
                );
            }
            Err(error) => plan.diagnostics.push(diagnostic_at(
                path,
                &text,
                error.span.map_or(0, |span| span.start),
                Severity::Error,
                "Cargo.toml",
                format!("not a valid manifest, left untouched: {}", error.message),
            )),
        }
    }
    // A member inherits from the nearest workspace root above it (or is one).
    let roots: Vec<(PathBuf, Vec<String>)> = manifests
        .iter()
        .filter(|(_, read)| read.info.is_workspace_root)
        .map(|(path, read)| (path.to_path_buf(), read.info.workspace_keys.clone()))
        .collect();
    for (path, read) in manifests.iter_mut() {
        let root = roots
            .iter()
            .filter(|(root, _)| root.parent().is_some_and(|folder| path.starts_with(folder)))
            .max_by_key(|(root, _)| root.components().count());
        if let Some((root, keys)) = root {
            read.root = Some(root.clone());
            if !keys.is_empty() && read.info.is_package {
                if let Ok(info) = manifest::inspect(&read.text, keys) {
                    read.info = info;
                }
            }
        }
    }
    let default_names = vec!["async_std".to_string()];

    // 2. Sources, in parallel, on threads with stacks deep enough for any file
    //    `source::migrate` agrees to parse.
    let migrate_all = || -> Vec<_> {
        files
            .sources
            .par_iter()
            .map(|path| {
                let owner = owning_manifest(path, &files.manifests);
                let names = owner
                    .and_then(|owner| manifests.get(owner))
                    .map_or(&default_names, |read| &read.info.crate_names);
                let result = migrate_source(path, names, options);
                progress();
                (owner, result)
            })
            .collect()
    };
    let results = match deep_stack_pool() {
        Some(pool) => pool.install(migrate_all),
        None => migrate_all(),
    };
    let mut needs_shim: HashMap<PathBuf, bool> = HashMap::new();
    let mut keeps_async_std: HashMap<PathBuf, usize> = HashMap::new();
    let mut markdown: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for (owner, result) in results {
        for doc in &result.included_docs {
            if !markdown.iter().any(|(path, _)| path == doc) {
                let names = owner.and_then(|owner| manifests.get(owner)).map_or_else(
                    || default_names.clone(),
                    |read| read.info.crate_names.clone(),
                );
                markdown.push((doc.clone(), names));
            }
        }
        if let Some(owner) = owner {
            if result.needs_shim {
                needs_shim.insert(owner.to_path_buf(), true);
            }
            if result.still_uses_async_std {
                *keeps_async_std.entry(owner.to_path_buf()).or_default() += 1;
            }
        }
        plan.diagnostics.extend(result.diagnostics);
        plan.changes.extend(result.change);
    }
    // Markdown included as documentation: its examples are doctests.
    for (path, names) in &markdown {
        if plan.changes.iter().any(|change| &change.path == path) {
            continue;
        }
        let (change, diagnostics) = migrate_markdown(path, names);
        plan.changes.extend(change);
        plan.diagnostics.extend(diagnostics);
    }
    // trybuild snapshots that quote a migrated case follow it.
    let snapshot_changes: Vec<FileChange> = plan
        .changes
        .iter()
        .filter_map(|change| {
            let snapshot = snapshots::snapshot_of(&change.path)?;
            let (followed, diagnostic) = follow_snapshot(&snapshot, change);
            plan.diagnostics.extend(diagnostic);
            followed
        })
        .collect();
    plan.changes.extend(snapshot_changes);
    // A workspace root needs the shim (or async-std) where a member that inherits the
    // dependency from it does.
    for (path, read) in &manifests {
        let Some(root) = &read.root else { continue };
        if root.as_path() == *path || !read.info.inherits {
            continue;
        }
        if needs_shim.get(*path).copied().unwrap_or(false) {
            needs_shim.insert(root.clone(), true);
        }
        if keeps_async_std.get(*path).copied().unwrap_or(0) > 0 {
            *keeps_async_std.entry(root.clone()).or_default() += 1;
        }
    }

    // 3. Manifests, now that it is known which ones need the shim.
    for path in &files.manifests {
        let Some(read) = manifests.remove(path.as_path()) else {
            continue;
        };
        progress();
        if !read.info.depends_on_async_std {
            continue;
        }
        let inherited_keys = read
            .root
            .as_ref()
            .filter(|root| root.as_path() != path.as_path())
            .and_then(|root| roots.iter().find(|(r, _)| r == root))
            .map(|(_, keys)| keys.clone())
            .unwrap_or_default();
        let kept = keeps_async_std.get(path.as_path()).copied().unwrap_or(0);
        let manifest_options = manifest::Options {
            needs_shim: needs_shim.get(path.as_path()).copied().unwrap_or(false),
            keep_async_std: kept > 0,
            inherited_keys,
            workspace_only: files.workspace_only.contains(path),
            keep_workspace_async_std: files.partial_workspace,
            inherited_elsewhere: read.info.inherits && read.root.is_none(),
            shim_path: options.shim_checkout.as_ref().map(|checkout| {
                let folder = std::fs::canonicalize(path)
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                relative_path(&folder, &checkout.join("shim"))
            }),
        };
        let migration = match manifest::migrate(&read.text, &manifest_options) {
            Ok(migration) => migration,
            Err(error) => {
                plan.diagnostics.push(Diagnostic::file_level(
                    path,
                    Severity::Error,
                    "Cargo.toml",
                    error.message,
                ));
                continue;
            }
        };
        for finding in &migration.findings {
            plan.diagnostics.push(diagnostic_at(
                path,
                &read.text,
                finding.offset,
                finding.severity,
                manifest::RULE,
                finding.message.clone(),
            ));
        }
        if kept > 0 && !migration.edits.is_empty() {
            plan.diagnostics.push(Diagnostic::file_level(
                path,
                Severity::Note,
                manifest::RULE,
                format!(
                    "async-std is kept beside smol: {kept} source file(s) of this package \
                     were left unmigrated and still use it"
                ),
            ));
        }
        let rewrites: Vec<&'static str> = migration.edits.iter().map(|edit| edit.rule).collect();
        match change(path, read.text, &migration.edits, &rewrites) {
            Ok(change) => plan.changes.extend(change),
            Err(diagnostic) => plan.diagnostics.push(diagnostic),
        }
    }

    plan.changes.sort_by(|a, b| a.path.cmp(&b.path));
    plan.diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    plan
}

/// The stack size of the threads that parse: syn's recursive descent takes up to about
/// 85 KiB of stack per level of nesting in a debug build (less in release), and
/// [`source::MAX_NESTING`] levels must fit with room to spare. The memory is reserved,
/// not used, until a file nests that deep.
const PARSER_STACK: usize = 256 << 20;

/// The threads sources are migrated on, made once: with [`PARSER_STACK`] each (`None`
/// where they cannot be made; the global pool is used then).
fn deep_stack_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(PARSER_STACK)
            .thread_name(|i| format!("smolify-parse-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Whether `text` names any of `crate_names` as a word.
fn names_any(text: &str, crate_names: &[String]) -> bool {
    crate_names.iter().any(|name| {
        text.match_indices(name.as_str()).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(before) && !word(after)
        })
    })
}

/// The largest source file that is parsed, in bytes. syn's tree of a file takes one
/// to two hundred times the file's size in memory (a 50 MB file took 9 GB and a minute),
/// and hand-written Rust files stay far below this: the largest in a typical cargo
/// registry are generated bindings of 1 to 2 MB.
pub const MAX_SOURCE_BYTES: usize = 8 << 20;

/// Migrates one source file.
fn migrate_source(path: &Path, crate_names: &[String], options: &Options) -> SourceResult {
    let text = match read(path) {
        Ok(text) => text,
        Err(diagnostic) => {
            return SourceResult {
                diagnostics: vec![diagnostic],
                still_uses_async_std: true,
                ..SourceResult::default()
            }
        }
    };
    if text.len() > MAX_SOURCE_BYTES {
        let size = format!(
            "{:.1} MiB, more than the {} MiB a source file may have",
            text.len() as f64 / f64::from(1 << 20),
            MAX_SOURCE_BYTES >> 20
        );
        let uses = names_any(&text, crate_names);
        let (severity, message) = if uses {
            (
                Severity::Error,
                format!("the file is too large to migrate ({size}); it is left untouched"),
            )
        } else {
            (
                Severity::Note,
                format!("the file is too large to parse ({size}) and names no async-std; skipped"),
            )
        };
        return SourceResult {
            diagnostics: vec![Diagnostic::file_level(path, severity, "read", message)],
            still_uses_async_std: uses,
            ..SourceResult::default()
        };
    }
    let canonical = std::fs::canonicalize(path).ok();
    let retreat = canonical
        .as_ref()
        .and_then(|canonical| options.retreat.get(canonical));
    let cautious = canonical
        .as_ref()
        .and_then(|canonical| options.cautious.get(canonical));
    let source_options = source::SourceOptions {
        cautious: cautious.is_some(),
    };
    // A panic in a rule is a bug; it costs this file its migration, not the run.
    let attempt = std::panic::catch_unwind(|| match retreat {
        Some(why) => source::retreat::retreat(&text, crate_names, why),
        None => source::migrate_with(&text, crate_names, source_options),
    });
    let Ok(attempt) = attempt else {
        return SourceResult {
            diagnostics: vec![Diagnostic::file_level(
                path,
                Severity::Error,
                "internal",
                "the migration of this file failed (a panic: this is a bug in \
                 cargo-smolify); the file is left untouched",
            )],
            still_uses_async_std: names_any(&text, crate_names),
            ..SourceResult::default()
        };
    };
    let migration = match attempt {
        Ok(migration) => migration,
        Err(error) => {
            let diagnostic = diagnostic_at(
                path,
                &text,
                error.offset,
                Severity::Error,
                "parse",
                if error.too_deep {
                    error.message
                } else {
                    format!("not valid Rust, left untouched: {}", error.message)
                },
            );
            return SourceResult {
                diagnostics: vec![diagnostic],
                still_uses_async_std: names_any(&text, crate_names),
                ..SourceResult::default()
            };
        }
    };
    let index = LineIndex::new(&text);
    let diagnostic = |finding: &source::Finding, severity: Severity, message: String| {
        let (line, column) = index.line_column(finding.offset);
        Diagnostic {
            file: path.to_path_buf(),
            line,
            column,
            severity,
            rule: finding.rule,
            message,
        }
    };
    let falls_back = migration.needs_shim
        || migration
            .findings
            .iter()
            .any(|finding| finding.severity == Severity::Fallback);
    if falls_back && options.fallback == FallbackMode::Error {
        // The file is left as it is: each fallback is an item smol cannot take.
        let mut diagnostics: Vec<Diagnostic> = migration
            .findings
            .iter()
            .filter(|finding| finding.severity == Severity::Fallback)
            .map(|finding| {
                diagnostic(
                    finding,
                    Severity::Error,
                    format!(
                        "{} (--fallback error: the file is left unmigrated)",
                        finding.message
                    ),
                )
            })
            .collect();
        if diagnostics.is_empty() {
            diagnostics.push(Diagnostic::file_level(
                path,
                Severity::Error,
                "fallback",
                "the migration of this file needs async-std-compat (--fallback error: the \
                 file is left unmigrated)",
            ));
        }
        return SourceResult {
            diagnostics,
            still_uses_async_std: true,
            ..SourceResult::default()
        };
    }
    let library = is_library_source(path);
    // An item of a private module is public API only where the crate re-exports it.
    let private_exports = if library && !migration.semver_exports.is_empty() {
        private_module_exports(path)
    } else {
        None
    };
    let unreachable = |finding: &source::Finding| {
        let Some(exports) = &private_exports else {
            return false;
        };
        migration
            .semver_exports
            .iter()
            .find(|(offset, _)| *offset == finding.offset)
            .is_some_and(|(_, name)| !exports.contains(name))
    };
    let mut diagnostics: Vec<Diagnostic> = migration
        .findings
        .iter()
        // A binary's, a test's or an example's public items have no users to break.
        .filter(|finding| {
            finding.rule != source::semver::RULE || (library && !unreachable(finding))
        })
        .map(|finding| diagnostic(finding, finding.severity, finding.message.clone()))
        .collect();
    if let Some(why) = cautious {
        diagnostics.insert(
            0,
            Diagnostic::file_level(
                path,
                Severity::Fallback,
                source::retreat::PARTIAL_RULE,
                format!(
                    "the file's timeouts stay on async-std's, taken from async-std-compat: {why}"
                ),
            ),
        );
    }
    let included = if text.contains("include_str!") {
        included_docs(path, &text)
    } else {
        Vec::new()
    };
    match change(path, text.clone(), &migration.edits, &migration.rewrites) {
        Ok(change) => SourceResult {
            change,
            diagnostics,
            needs_shim: migration.needs_shim,
            still_uses_async_std: false,
            included_docs: included,
        },
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            SourceResult {
                diagnostics,
                still_uses_async_std: true,
                ..SourceResult::default()
            }
        }
    }
}

/// The files a source takes doc comments from (`#![doc = include_str!("../README.md")]`):
/// their examples are doctests of the crate, migrated as Markdown.
fn included_docs(path: &Path, text: &str) -> Vec<PathBuf> {
    const MARKER: &str = "include_str!";
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (at, _) in text.match_indices(MARKER) {
        // Only in a `doc` attribute: `#![doc = include_str!("../README.md")]`, spaced
        // as the author likes.
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..at];
        if !(before.contains("doc") && before.trim_start().starts_with('#')) {
            continue;
        }
        let rest = text[at + MARKER.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('(') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(end) = rest.find('"') else { continue };
        let included = lexically_normal(&folder.join(&rest[..end]));
        if included.is_file() && !out.contains(&included) {
            out.push(included);
        }
    }
    out
}

/// `path` without `.` and with each `dir/..` resolved, as text (a diff must not
/// name `src/../README.md`).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Migrates the Rust examples of an included Markdown file.
fn migrate_markdown(path: &Path, crate_names: &[String]) -> (Option<FileChange>, Vec<Diagnostic>) {
    let text = match read(path) {
        Ok(text) => text,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let migration = source::doctests::migrate_markdown(&text, crate_names);
    let mut diagnostics: Vec<Diagnostic> = migration
        .findings
        .iter()
        .map(|finding| {
            diagnostic_at(
                path,
                &text,
                finding.offset,
                finding.severity,
                finding.rule,
                finding.message.clone(),
            )
        })
        .collect();
    match change(path, text, &migration.edits, &migration.rewrites) {
        Ok(change) => (change, diagnostics),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            (None, diagnostics)
        }
    }
}

/// Whether `path` is part of a library's sources: under a `src` folder that holds a
/// `lib.rs`, and not a binary's (`src/main.rs`, `src/bin/`).
/// The change that makes the trybuild snapshot at `snapshot` follow `case`'s
/// migration, or a note that it could not.
fn follow_snapshot(snapshot: &Path, case: &FileChange) -> (Option<FileChange>, Option<Diagnostic>) {
    let Ok(text) = std::fs::read_to_string(snapshot) else {
        return (None, None);
    };
    let case_name = case
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(followed) = snapshots::follow(&text, &case_name, &case.original, &case.migrated)
    else {
        let moved = case.original.lines().count() != case.migrated.lines().count();
        let note = (moved && text.contains(&case_name)).then(|| {
            Diagnostic::file_level(
                snapshot,
                Severity::Note,
                "trybuild",
                format!(
                    "this snapshot quotes {case_name}, whose migration moved lines; it is left \
                     as it was (rerun the case with TRYBUILD=overwrite and review the result)"
                ),
            )
        });
        return (None, note);
    };
    // One edit per line that changed (the snapshot keeps its lines).
    let mut edits = Vec::new();
    let mut offset = 0;
    for (old, new) in text
        .split_inclusive('\n')
        .zip(followed.split_inclusive('\n'))
    {
        if old != new {
            edits.push(Edit::replace(offset..offset + old.len(), new, "trybuild"));
        }
        offset += old.len();
    }
    let rewrites = vec!["trybuild"; edits.len()];
    match change(snapshot, text, &edits, &rewrites) {
        Ok(change) => (change, None),
        Err(diagnostic) => (None, Some(diagnostic)),
    }
}

/// For a library source that sits behind a private `mod` declaration, the names the
/// crate re-exports with `pub use` in the files that declare the modules on its way
/// (the crate root first). `None` where every module on the way is public, where a
/// `pub use` is a glob, or where the chain cannot be read: then every public item
/// counts.
fn private_module_exports(path: &Path) -> Option<std::collections::HashSet<String>> {
    let src = src_folder(path)?;
    let inside = path.strip_prefix(src).ok()?;
    let mut modules: Vec<String> = inside
        .with_extension("")
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    if modules.last().is_some_and(|last| last == "mod") {
        modules.pop();
    }
    if modules.is_empty() || modules == ["lib"] {
        return None;
    }
    let mut private = false;
    let mut exports = std::collections::HashSet::new();
    for depth in 0..modules.len() {
        let parent = if depth == 0 {
            src.join("lib.rs")
        } else {
            let folder = modules[..depth]
                .iter()
                .fold(src.to_path_buf(), |p, m| p.join(m));
            let flat = folder.with_extension("rs");
            if flat.is_file() {
                flat
            } else {
                folder.join("mod.rs")
            }
        };
        let file = syn::parse_file(&std::fs::read_to_string(&parent).ok()?).ok()?;
        let mut declared = false;
        for item in &file.items {
            match item {
                syn::Item::Mod(module) if module.ident == modules[depth] => {
                    declared = true;
                    private |= !matches!(module.vis, syn::Visibility::Public(_));
                }
                // A glob re-export may export anything.
                syn::Item::Use(item)
                    if matches!(item.vis, syn::Visibility::Public(_))
                        && !collect_use_names(&item.tree, &mut exports) =>
                {
                    return None;
                }
                _ => {}
            }
        }
        if !declared {
            return None;
        }
    }
    private.then_some(exports)
}

/// Adds the names a `use` tree brings in to `names`; `false` for a glob.
fn collect_use_names(tree: &syn::UseTree, names: &mut std::collections::HashSet<String>) -> bool {
    match tree {
        syn::UseTree::Path(path) => collect_use_names(&path.tree, names),
        syn::UseTree::Name(name) => {
            names.insert(name.ident.to_string());
            true
        }
        syn::UseTree::Rename(rename) => {
            names.insert(rename.ident.to_string());
            true
        }
        syn::UseTree::Glob(_) => false,
        syn::UseTree::Group(group) => group
            .items
            .iter()
            .all(|tree| collect_use_names(tree, names)),
    }
}

/// The `src` folder `path` is under.
fn src_folder(path: &Path) -> Option<&Path> {
    path.ancestors()
        .skip(1)
        .find(|folder| folder.file_name().is_some_and(|name| name == "src"))
}

fn is_library_source(path: &Path) -> bool {
    let Some(src) = src_folder(path) else {
        return false;
    };
    let inside = path.strip_prefix(src).unwrap_or(path);
    src.join("lib.rs").is_file() && inside != Path::new("main.rs") && !inside.starts_with("bin")
}

/// The shim road: what to do instead of migrating the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShimRoad {
    /// Patch the whole dependency graph (`[patch.crates-io]` in each workspace root)
    /// instead of renaming the direct dependencies.
    pub graph: bool,
    /// A checkout of smolify to take the shim and the facade from by path; `None`
    /// takes async-std-compat from crates.io (the graph road needs a checkout: the
    /// facade has async-std's name and is not published).
    pub checkout: Option<PathBuf>,
}

/// Computes the shim road's changes to the manifests of `files`: sources stay as they
/// are. Nothing is written.
pub fn plan_shim(files: &Files, road: &ShimRoad) -> Plan {
    use manifest::shim_road::{patch_graph, rename_to_shim, ShimSource};
    let mut plan = Plan {
        files_seen: files.manifests.len(),
        ..Plan::default()
    };
    if road.graph && road.checkout.is_none() {
        plan.diagnostics.push(Diagnostic::file_level(
            files
                .manifests
                .first()
                .map_or(Path::new("Cargo.toml"), PathBuf::as_path),
            Severity::Error,
            "shim road",
            "the graph road needs a checkout of smolify (--smolify-path): its facade \
             package has async-std's name and is not published"
                .to_string(),
        ));
        return plan;
    }
    // Each manifest is read and inspected once; the graph road needs to know which of
    // them are workspace roots before it decides for any.
    let mut manifests = Vec::new();
    for path in &files.manifests {
        match read(path) {
            Ok(text) => {
                let is_workspace_root =
                    manifest::inspect(&text, &[]).is_ok_and(|info| info.is_workspace_root);
                manifests.push((path, text, is_workspace_root));
            }
            Err(diagnostic) => plan.diagnostics.push(diagnostic),
        }
    }
    let workspace_roots: Vec<&Path> = manifests
        .iter()
        .filter(|(_, _, is_root)| *is_root)
        .map(|(path, _, _)| path.as_path())
        .collect();
    for (path, text, is_workspace_root) in manifests {
        let folder = std::fs::canonicalize(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let source = match &road.checkout {
            None => ShimSource::Registry,
            Some(checkout) => ShimSource::Checkout {
                shim: relative_path(&folder, &checkout.join("shim")),
                facade: relative_path(&folder, &checkout.join("facade").join("async-std")),
            },
        };
        let migration = if road.graph {
            // Only roots take a patch: a workspace root, or a package with no
            // workspace root above it in this run.
            let under_a_root = path.parent().is_some_and(|folder| {
                workspace_roots.iter().any(|root| {
                    *root != path.as_path()
                        && root.parent().is_some_and(|dir| folder.starts_with(dir))
                })
            });
            if !is_workspace_root && under_a_root {
                continue;
            }
            match &source {
                ShimSource::Checkout { facade, .. } => patch_graph(&text, facade),
                ShimSource::Registry => continue,
            }
        } else {
            rename_to_shim(&text, &source)
        };
        let migration = match migration {
            Ok(migration) => migration,
            Err(error) => {
                plan.diagnostics.push(diagnostic_at(
                    path,
                    &text,
                    error.span.map_or(0, |span| span.start),
                    Severity::Error,
                    "Cargo.toml",
                    format!("not a valid manifest, left untouched: {}", error.message),
                ));
                continue;
            }
        };
        for finding in &migration.findings {
            plan.diagnostics.push(diagnostic_at(
                path,
                &text,
                finding.offset,
                finding.severity,
                "shim road",
                finding.message.clone(),
            ));
        }
        let rule = if road.graph {
            "patch.crates-io"
        } else {
            "rename to async-std-compat"
        };
        let rewrites = vec![rule; usize::from(!migration.edits.is_empty())];
        match change(path, text, &migration.edits, &rewrites) {
            Ok(Some(change)) => plan.changes.push(change),
            Ok(None) => {}
            Err(diagnostic) => plan.diagnostics.push(diagnostic),
        }
    }
    plan.changes.sort_by(|a, b| a.path.cmp(&b.path));
    plan.diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    plan
}

/// `to` as seen from the folder `from` (both absolute): `../smolify/shim`, with `/`
/// separators as Cargo.toml paths are written; `to` itself when they share no root.
fn relative_path(from: &Path, to: &Path) -> String {
    let to = std::fs::canonicalize(to).unwrap_or_else(|_| to.to_path_buf());
    let from_parts: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); from_parts.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}
