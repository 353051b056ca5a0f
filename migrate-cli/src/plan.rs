//! The migration of a whole folder, computed without writing anything.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::discover::{discover, owning_manifest};
use crate::edit::{apply, Edit};
use crate::{manifest, source};

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

    /// One unified diff of every change, with `a/` and `b/` prefixes, as `git apply`
    /// takes it.
    pub fn unified_diff(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let path = change.path.to_string_lossy().replace('\\', "/");
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
    let migrated = apply(&original, edits).map_err(|conflict| {
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
    }))
}

/// Computes the migration of everything under `root` (a folder, a `.rs` file or a
/// `Cargo.toml`). Nothing is written.
pub fn plan(root: &Path) -> std::io::Result<Plan> {
    let files = discover(root)?;
    let mut plan = Plan {
        files_seen: files.sources.len() + files.manifests.len(),
        ..Plan::default()
    };

    // 1. Manifests first: they say which names the code uses for async-std.
    let mut manifests: HashMap<&Path, (String, manifest::ManifestInfo)> = HashMap::new();
    for path in &files.manifests {
        let text = match read(path) {
            Ok(text) => text,
            Err(diagnostic) => {
                plan.diagnostics.push(diagnostic);
                continue;
            }
        };
        match manifest::inspect(&text) {
            Ok(info) => {
                manifests.insert(path, (text, info));
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
    let default_names = vec!["async_std".to_string()];

    // 2. Sources, in parallel.
    let results: Vec<_> = files
        .sources
        .par_iter()
        .map(|path| {
            let owner = owning_manifest(path, &files.manifests);
            let names = owner
                .and_then(|owner| manifests.get(owner))
                .map_or(&default_names, |(_, info)| &info.crate_names);
            (owner, migrate_source(path, names))
        })
        .collect();
    let mut needs_shim: HashMap<&Path, bool> = HashMap::new();
    for (owner, result) in results {
        let (change, diagnostics, shim) = result;
        if shim {
            if let Some(owner) = owner {
                needs_shim.insert(owner, true);
            }
        }
        plan.diagnostics.extend(diagnostics);
        plan.changes.extend(change);
    }

    // 3. Manifests, now that it is known which ones need the shim.
    for path in &files.manifests {
        let Some((text, info)) = manifests.remove(path.as_path()) else {
            continue;
        };
        if !info.depends_on_async_std {
            continue;
        }
        let shim = needs_shim.get(path.as_path()).copied().unwrap_or(false);
        let edits = match manifest::migrate(&text, shim) {
            Ok(edits) => edits,
            Err(error) => {
                plan.diagnostics.push(Diagnostic {
                    file: path.clone(),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    rule: "Cargo.toml",
                    message: error.message,
                });
                continue;
            }
        };
        let rewrites: Vec<&'static str> = edits.iter().map(|edit| edit.rule).collect();
        match change(path, text, &edits, &rewrites) {
            Ok(change) => plan.changes.extend(change),
            Err(diagnostic) => plan.diagnostics.push(diagnostic),
        }
    }

    plan.changes.sort_by(|a, b| a.path.cmp(&b.path));
    plan.diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Ok(plan)
}

/// Migrates one source file: its change, its diagnostics, and whether it needs the shim.
fn migrate_source(
    path: &Path,
    crate_names: &[String],
) -> (Option<FileChange>, Vec<Diagnostic>, bool) {
    let text = match read(path) {
        Ok(text) => text,
        Err(diagnostic) => return (None, vec![diagnostic], false),
    };
    let migration = match source::migrate(&text, crate_names) {
        Ok(migration) => migration,
        Err(error) => {
            let diagnostic = diagnostic_at(
                path,
                &text,
                error.offset,
                Severity::Error,
                "parse",
                format!("not valid Rust, left untouched: {}", error.message),
            );
            return (None, vec![diagnostic], false);
        }
    };
    let index = LineIndex::new(&text);
    let mut diagnostics: Vec<Diagnostic> = migration
        .findings
        .iter()
        .map(|finding| {
            let (line, column) = index.line_column(finding.offset);
            Diagnostic {
                file: path.to_path_buf(),
                line,
                column,
                severity: finding.severity,
                rule: finding.rule,
                message: finding.message.clone(),
            }
        })
        .collect();
    match change(path, text.clone(), &migration.edits, &migration.rewrites) {
        Ok(change) => (change, diagnostics, migration.needs_shim),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            (None, diagnostics, false)
        }
    }
}
