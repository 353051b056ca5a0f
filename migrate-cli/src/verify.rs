//! `--apply`'s guarantee: the migrated code builds, or the tree is left as it was.
//!
//! After the plan is written, [`apply_verified`] runs `cargo check --all-targets` with
//! the default features, and once more per package with the features that turned
//! async-std on (an optional dependency's). Each compiler error is traced to the file
//! it points into; each migrated file with an error retreats to the shim road (its
//! async-std paths now name async-std-compat, which has async-std's API, see
//! [`crate::source::retreat`]), the plan is made again from the original texts, and
//! the check repeats. An error in a file the migration did not change (a caller of a
//! function whose types moved, a macro from another crate) retreats every migrated
//! file at once. When the build still fails, every file, Cargo.lock included, gets its
//! original text back.
//!
//! Doctests are not compiled: `cargo check` does not build them (their migration is
//! checked by `cargo test --doc`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use toml_edit::{ImDocument, Item, Value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::{Options, Plan};
use crate::write;

/// How many times the check may send files back to the shim before giving up: the
/// blamed files, then everything, and a margin.
const MAX_ROUNDS: usize = 6;

/// One `cargo check --all-targets`: the Cargo.toml it runs on and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRun {
    /// The Cargo.toml cargo is run on (`--manifest-path`).
    pub manifest: PathBuf,
    /// `--workspace`, `-p NAME`..., `--features A,B`.
    pub arguments: Vec<String>,
    /// The arguments to try instead when `arguments` do not build before the
    /// migration (`--no-default-features --features F` where the defaults pick
    /// another runtime).
    pub alternative: Option<Vec<String>>,
}

/// What to build: the selection as the user made it, with the default features;
/// for each package with features, a run with all of them; and for each package with
/// an optional async-std dependency, a run with the feature that turns it on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildCheck {
    /// The Cargo.toml of the run (the workspace's or the package's).
    pub manifest: PathBuf,
    /// The checks.
    pub runs: Vec<CheckRun>,
    /// Errors the tree had before the migration (see [`before_migration`]): they do
    /// not count against it.
    pub known_errors: Vec<BuildError>,
}

impl BuildCheck {
    /// The check of `manifest` with `packages`, with a feature run for each of
    /// `manifests` (the run's Cargo.toml files, read before the migration) that has an
    /// optional async-std dependency.
    pub fn new(manifest: &Path, packages: Vec<String>, manifests: &[(PathBuf, String)]) -> Self {
        let mut runs = vec![CheckRun {
            manifest: manifest.to_path_buf(),
            arguments: packages,
            alternative: None,
        }];
        // Run from the package's own manifest: `-p NAME` is ambiguous when the graph
        // holds a published version of the package too. The feature that turns
        // async-std on most directly (other features may pull in system libraries or
        // clash with the default runtime), beside the defaults or instead of them.
        for (path, text) in manifests {
            // Code under features the defaults leave off (tests of an experimental
            // runtime) is checked too; what does not build with every feature on
            // before the migration does not count (see `before_migration`).
            let has_features = ImDocument::parse(text.as_str())
                .ok()
                .and_then(|document| {
                    document
                        .get("features")
                        .and_then(Item::as_table)
                        .map(|t| !t.is_empty())
                })
                .unwrap_or(false);
            if has_features {
                runs.push(CheckRun {
                    manifest: path.clone(),
                    arguments: vec!["--all-features".to_string()],
                    alternative: None,
                });
            }
            if let Some(feature) = features_enabling_async_std(text)
                .and_then(|(_, features)| features.into_iter().next())
            {
                let alone = vec![
                    "--no-default-features".to_string(),
                    "--features".to_string(),
                    feature.clone(),
                ];
                runs.push(CheckRun {
                    manifest: path.clone(),
                    arguments: vec!["--features".to_string(), feature],
                    alternative: Some(alone.clone()),
                });
                // Where the defaults turn on another runtime that the crate's cfgs
                // prefer, only the feature alone compiles its async-std code.
                runs.push(CheckRun {
                    manifest: path.clone(),
                    arguments: alone,
                    alternative: None,
                });
            }
        }
        BuildCheck {
            manifest: manifest.to_path_buf(),
            runs,
            known_errors: Vec::new(),
        }
    }
}

/// One compiler error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// The file of its primary span, canonical (`None`: no span, or a file that does
    /// not exist here).
    pub file: Option<PathBuf>,
    /// Line and column of the primary span (1-based).
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// `error[E0277]: the trait bound ... is not satisfied`.
    pub message: String,
    /// The label of the primary span (`expected X, found Y`), or nothing. Not part of
    /// what makes two errors the same: it names types the migration changes.
    pub label: String,
    /// Whether it was found compiling a library (not a test, example, bench or binary).
    pub in_library: bool,
}

impl BuildError {
    /// Whether `self` is the error `earlier` again: the same file and message, wherever
    /// the migration moved its line (the label names types the migration changes).
    fn is_the_same_as(&self, earlier: &BuildError) -> bool {
        self.file == earlier.file && self.message == earlier.message
    }

    /// The message's first line and the label: `error[E0308]: mismatched types
    /// (expected `async_std::net::TcpStream`, found `smol::net::TcpStream`)`.
    pub fn summary(&self) -> String {
        let first = first_line(&self.message);
        if self.label.is_empty() {
            first.to_string()
        } else {
            format!("{first} ({})", self.label)
        }
    }
}

/// The package name and the features of the manifest `text` that turn an optional
/// async-std dependency on: the dependency's implicit feature, and every feature that
/// lists `async-std`, `dep:async-std` or `async-std/x` (not the weak `async-std?/x`),
/// the most direct first (the features that name the dependency itself, shortest list
/// first, then the implicit feature). `None` when the manifest has no package
/// or no optional async-std.
pub fn features_enabling_async_std(text: &str) -> Option<(String, Vec<String>)> {
    let document = ImDocument::parse(text).ok()?;
    let name = document.get("package")?.get("name")?.as_str()?.to_string();
    let mut keys: Vec<String> = Vec::new();
    let mut collect = |table: &dyn toml_edit::TableLike| {
        for (key, item) in table.iter() {
            let is_async_std = item
                .get("package")
                .and_then(Item::as_str)
                .map_or(key == "async-std", |package| package == "async-std");
            let optional = item.get("optional").and_then(Item::as_bool) == Some(true);
            if is_async_std && optional && !keys.iter().any(|k| k == key) {
                keys.push(key.to_string());
            }
        }
    };
    for table in ["dependencies", "build-dependencies"] {
        if let Some(table) = document.get(table).and_then(Item::as_table_like) {
            collect(table);
        }
    }
    if let Some(targets) = document.get("target").and_then(Item::as_table_like) {
        for (_, target) in targets.iter() {
            for table in ["dependencies", "build-dependencies"] {
                if let Some(table) = target.get(table).and_then(Item::as_table_like) {
                    collect(table);
                }
            }
        }
    }
    if keys.is_empty() {
        return None;
    }
    let features = document.get("features").and_then(Item::as_table_like);
    let mut out = BTreeSet::new();
    for key in &keys {
        let hidden = features.is_some_and(|table| {
            table.iter().any(|(_, values)| {
                values.as_array().is_some_and(|array| {
                    array
                        .iter()
                        .filter_map(Value::as_str)
                        .any(|value| value == format!("dep:{key}"))
                })
            })
        });
        if !hidden {
            out.insert(key.clone());
        }
        if let Some(table) = features {
            for (feature, values) in table.iter() {
                let turns_on = values.as_array().is_some_and(|array| {
                    array.iter().filter_map(Value::as_str).any(|value| {
                        value == key
                            || value == format!("dep:{key}")
                            || value.starts_with(&format!("{key}/"))
                    })
                });
                if turns_on {
                    out.insert(feature.to_string());
                }
            }
        }
    }
    // How directly each feature turns async-std on: a feature whose list names the
    // dependency itself (one named after the runtime first, as `async-std-runtime`
    // beside `dispatcher-runtime`, then the shortest list), then the implicit
    // feature, then the rest.
    let named_after = |feature: &String| {
        let feature = feature.replace('_', "-");
        keys.iter()
            .any(|key| feature.contains(key.replace('_', "-").as_str()))
            || feature.contains("async-std")
    };
    let rank = |feature: &String| -> (usize, usize, usize) {
        // The implicit feature turns on the dependency but not the crate's code for it
        // (`#[cfg(feature = "runtime-async-std")]`): after the features that name it.
        if keys.contains(feature) && !features.is_some_and(|table| table.contains_key(feature)) {
            return (1, 0, 0);
        }
        let values: Vec<String> = features
            .and_then(|table| table.get(feature))
            .and_then(Item::as_array)
            .map(|array| {
                array
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let direct = values.iter().any(|value| {
            keys.iter()
                .any(|key| value == key || *value == format!("dep:{key}"))
        });
        (
            if direct { 0 } else { 2 },
            usize::from(!named_after(feature)),
            values.len(),
        )
    };
    let mut ordered: Vec<String> = out.into_iter().collect();
    ordered.sort_by_key(|feature| (rank(feature), feature.clone()));
    Some((name, ordered))
}

/// Runs the checks of `check`; the errors of all of them (empty: it builds).
pub fn check(check: &BuildCheck) -> Result<Vec<BuildError>, String> {
    let mut errors = Vec::new();
    for run in &check.runs {
        for error in cargo_check(&run.manifest, &run.arguments)? {
            // An error the run had before, in the same file with the same message, is
            // the crate's own wherever the migration moved its line.
            let known = check
                .known_errors
                .iter()
                .any(|known| error.is_the_same_as(known));
            if !errors.contains(&error) && !known {
                errors.push(error);
            }
        }
    }
    Ok(errors)
}

/// `check` as the tree is before the migration: each run with the errors it already
/// has (the crate's own: a test that reads a fixture the published crate lacks, a
/// feature that needs a system library), which do not count against the migration.
/// A run with an alternative takes it when that builds and the run does not; any
/// other run but the first (the user's selection) whose library does not build (a
/// feature combination the crate does not support) is dropped.
/// Also returns, for the report, each run that has errors of its own or was dropped.
pub fn before_migration(check: &BuildCheck) -> Result<(BuildCheck, Vec<String>), String> {
    let mut runs = Vec::new();
    let mut known = Vec::new();
    let mut report = Vec::new();
    for (index, run) in check.runs.iter().enumerate() {
        let mut chosen = run.clone();
        chosen.alternative = None;
        // The same check twice (a run that took its alternative) is made once.
        if runs.contains(&chosen) {
            continue;
        }
        // Whether the library fails with errors none of the runs so far had.
        let library_fails = |errors: &[BuildError]| {
            errors.iter().any(|error| {
                error.in_library && !known.iter().any(|known| error.is_the_same_as(known))
            })
        };
        let mut errors = cargo_check(&run.manifest, &run.arguments)?;
        if library_fails(&errors) {
            if let Some(alternative) = &run.alternative {
                let alternative_errors = cargo_check(&run.manifest, alternative)?;
                if !library_fails(&alternative_errors) {
                    chosen.arguments = alternative.clone();
                    errors = alternative_errors;
                    if runs.contains(&chosen) {
                        continue;
                    }
                }
            }
        }
        // The first run is the selection as the user made it: always checked. Another
        // run is checked unless its library does not build before the migration.
        let is_selection = index == 0;
        let library_fails = library_fails(&errors);
        if library_fails && !is_selection {
            // A feature combination whose library the crate itself does not build
            // (runtimes that exclude each other under `--all-features`) says nothing
            // about the migration: its errors change with every path rewritten. (A
            // test that needs a dev-dependency the published crate lacks is the
            // crate's own error, in every run: it is known, and the run is checked.)
            report.push(format!(
                "`cargo check --all-targets {}` ({}) does not build before the migration \
                 ({} error(s)), so that combination is not checked",
                chosen.arguments.join(" "),
                chosen.manifest.display(),
                errors.len()
            ));
            continue;
        }
        if !errors.is_empty() {
            report.push(format!(
                "`cargo check --all-targets {}` ({}) has {} error(s) before the migration; \
                 only new ones count",
                chosen.arguments.join(" "),
                chosen.manifest.display(),
                errors.len()
            ));
        }
        known.extend(errors);
        runs.push(chosen);
    }
    Ok((
        BuildCheck {
            manifest: check.manifest.clone(),
            runs,
            known_errors: known,
        },
        report,
    ))
}

/// One `cargo check --all-targets` with `arguments`.
fn cargo_check(manifest: &Path, arguments: &[String]) -> Result<Vec<BuildError>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        // `--keep-going`: every target's errors, not those of the first to fail,
        // which would make the runs before and after the migration incomparable.
        .args([
            "check",
            "--all-targets",
            "--keep-going",
            "--message-format",
            "json",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .args(arguments)
        .output()
        .map_err(|error| format!("cannot run `cargo check`: {error}"))?;
    let root = workspace_root(manifest);
    let mut errors = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if value["reason"] != "compiler-message" || value["message"]["level"] != "error" {
            continue;
        }
        let message = &value["message"];
        let text = message["message"].as_str().unwrap_or("error");
        if text.starts_with("aborting due to") || text.starts_with("could not compile") {
            continue;
        }
        let code = message["code"]["code"].as_str();
        let span = message["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|span| span["is_primary"] == true));
        let file = span
            .and_then(|span| span["file_name"].as_str())
            .and_then(|file| std::fs::canonicalize(root.join(file)).ok());
        let number = |key: &str| {
            span.and_then(|span| span[key].as_u64())
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(1)
        };
        errors.push(BuildError {
            file,
            line: number("line_start"),
            column: number("column_start"),
            message: match code {
                Some(code) => format!("error[{code}]: {text}"),
                None => format!("error: {text}"),
            },
            label: span
                .and_then(|span| span["label"].as_str())
                .unwrap_or_default()
                .to_string(),
            in_library: value["target"]["kind"].as_array().is_some_and(|kinds| {
                kinds
                    .iter()
                    .any(|kind| matches!(kind.as_str(), Some("lib" | "rlib" | "proc-macro")))
            }),
        });
    }
    if !output.status.success() && errors.is_empty() {
        // cargo itself failed (resolution, a manifest): its last lines say why.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last: Vec<&str> = stderr.lines().rev().take(12).collect();
        let last: Vec<&str> = last.into_iter().rev().collect();
        errors.push(BuildError {
            file: None,
            line: 1,
            column: 1,
            // The tail of cargo's output changes from run to run: it is the label,
            // which does not make two errors different.
            message: format!("`cargo check --all-targets {}` failed", arguments.join(" ")),
            label: last.join("\n"),
            // Nothing was built: as good as a library that fails.
            in_library: true,
        });
    }
    Ok(errors)
}

/// The folder cargo names files relative to, and where the Cargo.lock is: the
/// workspace root of `manifest`.
pub fn workspace_root(manifest: &Path) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .arg("--manifest-path")
        .arg(manifest)
        .output();
    let located = output
        .ok()
        .filter(|output| output.status.success())
        .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
    located
        .as_deref()
        .unwrap_or(manifest)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// How a verified apply ended.
#[derive(Debug)]
pub struct Verified {
    /// The plan that was written last (the one left on disk when `builds`).
    pub plan: Plan,
    /// Whether the written tree builds; when not, every file has its original text.
    pub builds: bool,
    /// The errors of the last check (empty when it builds).
    pub errors: Vec<BuildError>,
    /// The files sent back to the shim, with why.
    pub retreats: BTreeMap<PathBuf, String>,
    /// How many checks ran.
    pub rounds: usize,
}

/// The texts to give back if the build cannot be made to pass: every file the first
/// plan changes, and the Cargo.lock that `cargo check` may update (`None`: it did not
/// exist).
struct Snapshot {
    files: Vec<(PathBuf, Option<String>)>,
}

impl Snapshot {
    fn take(plan: &Plan, manifest: &Path) -> Snapshot {
        let mut files: Vec<(PathBuf, Option<String>)> = plan
            .changes
            .iter()
            .map(|change| (change.path.clone(), Some(change.original.clone())))
            .collect();
        let lock = workspace_root(manifest).join("Cargo.lock");
        files.push((lock.clone(), std::fs::read_to_string(&lock).ok()));
        Snapshot { files }
    }

    /// Gives every file its text back; the files that could not be restored.
    fn restore(&self) -> Vec<Diagnostic> {
        let mut failures = Vec::new();
        for (path, text) in &self.files {
            let result = match text {
                Some(text) => write::write_atomically(path, text),
                None => match std::fs::remove_file(path) {
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    other => other,
                },
            };
            if let Err(error) = result {
                failures.push(Diagnostic::file_level(
                    path,
                    Severity::Error,
                    "verify",
                    format!("cannot give this file its original text back: {error}"),
                ));
            }
        }
        failures
    }
}

/// Writes `plan`, checks that the result builds, and sends files back to the shim
/// until it does (see the module's documentation). `replan` makes the plan again for
/// options with more retreats, from the original texts (which are on disk again when
/// it is called). `sources` are the run's Rust files. Without `may_retreat` (`--fallback error`), a failing build is only
/// reported, and the tree given back.
pub fn apply_verified(
    plan: Plan,
    options: &Options,
    check_with: &BuildCheck,
    may_retreat: bool,
    sources: &[PathBuf],
    replan: &dyn Fn(&Options) -> Plan,
) -> Result<Verified, String> {
    // A source the migration left as it was can still fail to build once async-std
    // is gone (async-std named where the tool could not rewrite it): it may retreat
    // too.
    let sources: BTreeSet<PathBuf> = sources
        .iter()
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .collect();
    let snapshot = Snapshot::take(&plan, &check_with.manifest);
    let mut options = options.clone();
    let mut plan = plan;
    let mut write_failures = write::write(&plan);
    let mut rounds = 0;
    // The last round sent back only the files that name the smol types of an error.
    let mut narrowed = false;
    loop {
        rounds += 1;
        let errors = check(check_with)?;
        if errors.is_empty() {
            // A file that could not be written is reported and left as it was.
            plan.changes.retain(|change| {
                !write_failures
                    .iter()
                    .any(|failure| failure.file == change.path)
            });
            plan.diagnostics.append(&mut write_failures);
            return Ok(Verified {
                plan,
                builds: true,
                errors,
                retreats: options.retreat,
                rounds,
            });
        }
        let migrated: BTreeSet<PathBuf> = plan
            .changes
            .iter()
            .filter(|change| change.path.extension().is_some_and(|e| e == "rs"))
            .filter_map(|change| std::fs::canonicalize(&change.path).ok())
            .filter(|path| !options.retreat.contains_key(path))
            .collect();
        let mut blamed: BTreeMap<PathBuf, String> = BTreeMap::new();
        for error in &errors {
            let retreatable = |file: &PathBuf| {
                migrated.contains(file)
                    || (sources.contains(file) && !options.retreat.contains_key(file))
            };
            if let Some(file) = error.file.as_ref().filter(|file| retreatable(file)) {
                blamed.entry(file.clone()).or_insert_with(|| {
                    format!(
                        "its smol migration did not build ({}:{}: {})",
                        error.line,
                        error.column,
                        error.summary()
                    )
                });
            }
        }
        if blamed.is_empty() {
            // The error is elsewhere (a caller, another crate's macro, cargo itself):
            // every migrated file goes back.
            let why = errors
                .iter()
                .find(|error| error.file.is_some())
                .or(errors.first())
                .map(|error| {
                    let place = error
                        .file
                        .as_ref()
                        .map(|file| format!("{}:{}:{}: ", file.display(), error.line, error.column))
                        .unwrap_or_default();
                    format!(
                        "the migrated crate did not build ({place}{})",
                        error.summary()
                    )
                })
                .unwrap_or_default();
            // First only the migrated files that name a smol type the errors name
            // (a smol `TcpListener` handed to a file that stayed on the shim); when
            // that did not help, every migrated file.
            let named = if narrowed {
                BTreeSet::new()
            } else {
                files_naming_smol_types(&errors, &migrated)
            };
            narrowed = !named.is_empty();
            let suspects = if named.is_empty() { &migrated } else { &named };
            for file in suspects {
                blamed.insert(file.clone(), why.clone());
            }
        } else {
            narrowed = false;
        }
        if blamed.is_empty() || rounds >= MAX_ROUNDS || !may_retreat {
            let mut restore_failures = snapshot.restore();
            let mut plan = plan;
            plan.diagnostics.append(&mut write_failures);
            plan.diagnostics.append(&mut restore_failures);
            return Ok(Verified {
                plan,
                builds: false,
                errors,
                retreats: options.retreat,
                rounds,
            });
        }
        // A file whose smol form used rewrites that change a type (a timeout's error)
        // first tries without them; only then does the whole file go back.
        for (file, why) in blamed {
            if !options.cautious.contains_key(&file) && has_cautious_rewrites(&plan, &file) {
                options.cautious.insert(file, why);
            } else {
                options.retreat.insert(file, why);
            }
        }
        let failures = snapshot.restore();
        if !failures.is_empty() {
            let mut plan = plan;
            plan.diagnostics.extend(failures);
            return Ok(Verified {
                plan,
                builds: false,
                errors,
                retreats: options.retreat,
                rounds,
            });
        }
        plan = replan(&options);
        write_failures = write::write(&plan);
    }
}

/// The dependencies of the packages of `manifest` that depend on async-std
/// themselves (`async-std-openssl 0.6.3`): where their API takes or returns
/// async-std's types, a crate cannot leave async-std before they do. Empty when
/// `cargo metadata` cannot tell.
pub fn dependencies_on_async_std(manifest: &Path) -> Vec<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let Ok(output) = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .output()
    else {
        return Vec::new();
    };
    let Ok(metadata) = serde_json::from_slice::<serde_json::Value>(&output.stdout) else {
        return Vec::new();
    };
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    let package = |id: &serde_json::Value| packages.iter().find(|package| package["id"] == *id);
    let uses_async_std = |package: &serde_json::Value| {
        package["dependencies"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|dependency| dependency["name"] == "async-std" && dependency["kind"] != "dev")
    };
    let members = metadata["workspace_members"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut found = BTreeSet::new();
    for node in metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if !members.contains(&node["id"]) {
            continue;
        }
        for dependency in node["deps"].as_array().into_iter().flatten() {
            let Some(package) = package(&dependency["pkg"]) else {
                continue;
            };
            if package["name"] != "async-std" && uses_async_std(package) {
                found.insert(format!(
                    "{} {}",
                    package["name"].as_str().unwrap_or("?"),
                    package["version"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    found.into_iter().collect()
}

/// Whether the plan's change of `file` (a canonical path) made a rewrite that a
/// cautious migration leaves out ([`crate::source::SourceOptions::cautious`]).
fn has_cautious_rewrites(plan: &Plan, file: &Path) -> bool {
    plan.changes
        .iter()
        .filter(|change| std::fs::canonicalize(&change.path).is_ok_and(|path| path == file))
        .any(|change| {
            crate::rules::all()
                .filter(|rule| matches!(rule.action, crate::rules::Action::Timeout { .. }))
                .any(|rule| change.rewrites_per_rule.contains_key(rule.id()))
        })
}

/// How the compiler may spell the crate of a smol type: through smol's re-exports, or
/// by the crate that defines it when the file at fault does not see smol.
const SMOL_CRATES: &[&str] = &[
    "smol::",
    "async_fs::",
    "async_net::",
    "async_io::",
    "async_channel::",
    "async_lock::",
    "async_process::",
    "async_executor::",
    "async_task::",
    "blocking::",
    "futures_lite::",
];

/// The files of `migrated` whose text names a type that `errors` name under a smol
/// path (`smol::async_net::TcpListener` → files that say `TcpListener`).
fn files_naming_smol_types(
    errors: &[BuildError],
    migrated: &BTreeSet<PathBuf>,
) -> BTreeSet<PathBuf> {
    let mut types = BTreeSet::new();
    for error in errors {
        let text = format!("{} {}", error.message, error.label);
        let smol_paths = SMOL_CRATES
            .iter()
            .flat_map(|prefix| text.match_indices(prefix));
        for (at, _) in smol_paths {
            let path: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            if let Some(last) = path.trim_end_matches(':').rsplit("::").next() {
                if last.chars().next().is_some_and(char::is_uppercase) {
                    types.insert(last.to_string());
                }
            }
        }
    }
    if types.is_empty() {
        return BTreeSet::new();
    }
    migrated
        .iter()
        .filter(|file| {
            std::fs::read_to_string(file).is_ok_and(|text| {
                types.iter().any(|name| {
                    text.match_indices(name.as_str()).any(|(at, _)| {
                        let before = text[..at].chars().next_back();
                        let after = text[at + name.len()..].chars().next();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    })
                })
            })
        })
        .cloned()
        .collect()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_features_that_turn_an_optional_async_std_on() {
        let manifest = r#"[package]
name = "stop"

[dependencies]
async-std = { version = "1", optional = true }
rt = { package = "async-std", version = "1", optional = true }
tokio = { version = "1", optional = true }

[features]
all = ["tokio", "async-std"]
attrs = ["async-std/attributes"]
weak = ["async-std?/unstable"]
runtime = ["dep:rt"]
"#;
        let (name, features) = features_enabling_async_std(manifest).unwrap();
        assert_eq!(name, "stop");
        // The features that name the dependency, then the implicit one.
        assert_eq!(features, ["runtime", "all", "async-std", "attrs"]);
    }

    #[test]
    fn an_error_elsewhere_blames_the_files_that_name_its_smol_type() {
        let folder = std::env::temp_dir().join(format!("smolify-blame-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let listener = folder.join("listener.rs");
        let other = folder.join("other.rs");
        std::fs::write(&listener, "use smol::net::TcpListener;\n").unwrap();
        std::fs::write(&other, "use smol::net::TcpListenerish;\n").unwrap();
        let error = BuildError {
            file: None,
            line: 1,
            column: 1,
            message: "error[E0277]: the trait bound `smol::async_net::TcpListener: \
                      From<async_std_compat::net::TcpListener>` is not satisfied"
                .to_string(),
            label: String::new(),
            in_library: true,
        };
        let migrated: BTreeSet<PathBuf> = [listener.clone(), other].into_iter().collect();
        let named = files_naming_smol_types(&[error], &migrated);
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(named, [listener].into_iter().collect());
    }

    #[test]
    fn a_smol_type_spelled_by_its_defining_crate_is_recognised() {
        let folder = std::env::temp_dir().join(format!("smolify-blame-fs-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let builder = folder.join("builder.rs");
        let other = folder.join("other.rs");
        std::fs::write(&builder, "pub async fn append(file: &mut File) {}\n").unwrap();
        std::fs::write(&other, "pub struct Profile;\n").unwrap();
        let error = BuildError {
            file: None,
            line: 12,
            column: 29,
            message: "error[E0308]: mismatched types".to_string(),
            label: "expected `async_fs::File`, found `async_std_compat::fs::File`".to_string(),
            in_library: false,
        };
        let migrated: BTreeSet<PathBuf> = [builder.clone(), other].into_iter().collect();
        let named = files_naming_smol_types(&[error], &migrated);
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(named, [builder].into_iter().collect());
    }

    #[test]
    fn the_feature_named_after_the_runtime_comes_first() {
        let manifest = r#"[package]
name = "zmq"

[dependencies]
async-std = { version = "1", optional = true }

[features]
dispatcher-runtime = ["async-std", "dispatcher"]
async-std-runtime = ["async-std", "async-std/attributes"]
"#;
        let (_, features) = features_enabling_async_std(manifest).unwrap();
        assert_eq!(features[0], "async-std-runtime");
    }

    #[test]
    fn a_plain_dependency_needs_no_feature_run() {
        let manifest = "[package]\nname = \"x\"\n\n[dependencies]\nasync-std = \"1\"\n";
        assert_eq!(features_enabling_async_std(manifest), None);
    }
}
