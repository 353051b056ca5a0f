//! The `cargo-smolify` binary: argument parsing and reporting over the library.
//!
//! Exit codes, the same with `--message-format human` and `json`: 0 done (or nothing
//! to do), 1 `--check` found work, some item was left unmigrated (a file that cannot be
//! read, parsed or written is one), or the migrated code did not build even with every
//! migrated file back on the shim (the tree is then as it was); 2 usage error (bad arguments, a missing path,
//! a manifest cargo cannot read, a dirty git tree); 3 any other error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cargo_smolify::discover::{self, Files, Selection};
use cargo_smolify::plan::{plan_files, plan_shim, FallbackMode, Options, ShimRoad};
use cargo_smolify::verify::{
    apply_verified, before_migration, dependencies_on_async_std, BuildCheck,
};
use cargo_smolify::{write, Diagnostic, Plan, Severity};
use clap::{Parser, ValueEnum};

/// Migrate async-std code to smol: sources and Cargo.toml.
///
/// By default this is a dry run that prints one unified diff (which `git apply`
/// accepts) and a summary; `--apply` writes the files.
#[derive(Debug, Parser)]
#[command(name = "cargo-smolify", bin_name = "cargo smolify", version)]
struct Arguments {
    /// A crate or workspace folder, a .rs file, or a Cargo.toml [default: .]
    #[arg(conflicts_with = "manifest_path")]
    path: Option<PathBuf>,

    /// The Cargo.toml of the package or workspace to migrate (read with `cargo
    /// metadata`).
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,

    /// Migrate only this package of the workspace (may be repeated).
    #[arg(short = 'p', long = "package", value_name = "NAME")]
    package: Vec<String>,

    /// Migrate every member of the workspace.
    #[arg(long, conflicts_with = "package")]
    workspace: bool,

    /// Write the migrated files (each atomically) instead of printing a diff.
    #[arg(long, conflicts_with = "check")]
    apply: bool,

    /// Print nothing but the summary, and exit with 1 when anything would change.
    #[arg(long)]
    check: bool,

    /// With --apply, write even when git reports uncommitted changes, or untracked
    /// files that the run would change.
    #[arg(long)]
    allow_dirty: bool,

    /// How to report: `human` (a diff on stdout, a summary on stderr) or `json` (one
    /// JSON object per line on stdout: every edit, every diagnostic, then a summary).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,

    /// What an async-std item without a smol equivalent gets: `shim` takes it from
    /// async-std-compat; `error` leaves its file unmigrated and reports an error.
    #[arg(long, value_enum, default_value_t = Fallback::Shim)]
    fallback: Fallback,

    /// With --apply, skip the build check. By default `--apply` runs `cargo check
    /// --all-targets` on the result (with the default features and with those that
    /// turned async-std on), sends each file whose migration does not build back to
    /// async-std's API from async-std-compat, and repeats until it builds; if it
    /// cannot, every file gets its original text back.
    #[arg(long, requires = "apply")]
    no_verify: bool,

    /// Take the shim road instead: leave the code as it is and make async-std-compat
    /// the async-std dependency (`package = "async-std-compat"` under the same key).
    #[arg(long)]
    shim: bool,

    /// With --shim, move the whole dependency graph: a `[patch.crates-io]` entry in the
    /// workspace root points every async-std 1.x at smolify's facade package.
    #[arg(long, requires = "shim", requires = "smolify_path")]
    graph: bool,

    /// A checkout of smolify to depend on by path: the async-std-compat dependencies the
    /// migration adds (or, with --shim, the renamed ones and the facade) name its
    /// `shim/` (and `facade/async-std/`); without it async-std-compat is named by
    /// version, for crates.io.
    #[arg(long, value_name = "DIR")]
    smolify_path: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Fallback {
    Shim,
    Error,
}

/// Where the run ends: an exit code, after the message that says why.
#[derive(Debug)]
enum Failure {
    /// Exit code 2.
    Usage(String),
    /// Exit code 3.
    Internal(String),
}

const USAGE: u8 = 2;
const INTERNAL: u8 = 3;

/// How many files make a run large enough for a progress bar.
const PROGRESS_THRESHOLD: usize = 64;

fn main() -> ExitCode {
    // `cargo smolify ARGS` runs `cargo-smolify smolify ARGS`.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|arg| arg == "smolify") {
        args.remove(1);
    }
    let json = wants_json(&args);
    let arguments = match Arguments::try_parse_from(&args) {
        Ok(arguments) => arguments,
        Err(error) => {
            if !error.use_stderr() {
                let _ = error.print();
                return ExitCode::SUCCESS;
            }
            if json {
                let message = error.kind().to_string();
                print_json(&serde_json::json!({
                    "type": "error", "message": message, "exit_code": USAGE,
                }));
            }
            let _ = error.print();
            return ExitCode::from(USAGE);
        }
    };
    let json = arguments.message_format == MessageFormat::Json;
    match run(&arguments) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let (code, message) = match failure {
                Failure::Usage(message) => (USAGE, message),
                Failure::Internal(message) => (INTERNAL, message),
            };
            if json {
                print_json(&serde_json::json!({
                    "type": "error", "message": message, "exit_code": code,
                }));
            }
            eprintln!("error: {message}");
            ExitCode::from(code)
        }
    }
}

/// Whether the raw arguments ask for JSON (read before clap, so that a usage error is
/// reported in the format asked for too).
fn wants_json(args: &[std::ffi::OsString]) -> bool {
    args.iter().enumerate().any(|(i, arg)| {
        arg == "--message-format=json"
            || (arg == "--message-format" && args.get(i + 1).is_some_and(|next| next == "json"))
    })
}

fn print_json(value: &serde_json::Value) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{value}");
}

/// What to migrate, and where its build and its git tree are.
struct Target {
    files: Files,
    /// The folder whose git status guards `--apply`.
    git_folder: PathBuf,
    /// The manifest `--apply`'s check builds, with the package arguments for cargo.
    verify: Option<(PathBuf, Vec<String>)>,
}

fn run(arguments: &Arguments) -> Result<u8, Failure> {
    let target = if arguments.manifest_path.is_some()
        || !arguments.package.is_empty()
        || arguments.workspace
    {
        from_metadata(arguments)?
    } else {
        from_path(arguments.path.as_deref().unwrap_or(Path::new(".")))?
    };
    if arguments.apply && !arguments.allow_dirty {
        let dirty = uncommitted_changes(&target.git_folder);
        if !dirty.is_empty() {
            return Err(Failure::Usage(format!(
                "{} has uncommitted changes; commit or stash them first, or pass \
                 --allow-dirty:\n{}",
                target.git_folder.display(),
                dirty.join("\n")
            )));
        }
    }
    let checkout = match &arguments.smolify_path {
        Some(path) => Some(std::fs::canonicalize(path).map_err(|error| {
            Failure::Usage(format!("--smolify-path {}: {error}", path.display()))
        })?),
        None => None,
    };
    if let Some(checkout) = &checkout {
        if !checkout.join("shim/Cargo.toml").is_file()
            || !checkout.join("facade/async-std/Cargo.toml").is_file()
        {
            return Err(Failure::Usage(format!(
                "{} is not a checkout of smolify (no shim/ and facade/async-std/)",
                checkout.display()
            )));
        }
    }
    let options = Options {
        fallback: match arguments.fallback {
            Fallback::Shim => FallbackMode::Shim,
            Fallback::Error => FallbackMode::Error,
        },
        shim_checkout: checkout.clone(),
        retreat: Default::default(),
        cautious: Default::default(),
    };

    let total = target.files.sources.len() + target.files.manifests.len();
    let bar = (std::io::stderr().is_terminal() && total >= PROGRESS_THRESHOLD).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} migrating [{bar:40}] {pos}/{len} files ({eta})",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    });
    let tick = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let mut plan = if arguments.shim {
        plan_shim(
            &target.files,
            &ShimRoad {
                graph: arguments.graph,
                checkout,
            },
        )
    } else {
        plan_files(&target.files, &options, &tick)
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    if arguments.apply && !arguments.allow_dirty {
        let untracked = untracked_changes(&target.git_folder, &plan);
        if !untracked.is_empty() {
            return Err(Failure::Usage(format!(
                "git does not track files the migration would change, so it could not give \
                 them back; commit them first, or pass --allow-dirty:\n{}",
                untracked.join("\n")
            )));
        }
    }
    let mut verify_failed = false;
    let mut verified_rounds = None;
    let verify = arguments.apply && !arguments.no_verify && !arguments.shim;
    match (&target.verify, verify && !plan.changes.is_empty()) {
        (Some((manifest, packages)), true) => {
            let manifests: Vec<(PathBuf, String)> = target
                .files
                .manifests
                .iter()
                .filter_map(|path| Some((path.clone(), std::fs::read_to_string(path).ok()?)))
                .collect();
            let check = BuildCheck::new(manifest, packages.clone(), &manifests);
            // What does not build before the migration cannot judge it.
            // Errors the crate has before the migration are its own.
            let (check, own_errors) = before_migration(&check).map_err(Failure::Internal)?;
            for run in &own_errors {
                plan.diagnostics.push(Diagnostic::file_level(
                    manifest,
                    Severity::Note,
                    "verify",
                    run.clone(),
                ));
            }
            {
                let replan = |options: &Options| plan_files(&target.files, options, &|| {});
                let verified = apply_verified(
                    plan,
                    &options,
                    &check,
                    options.fallback == FallbackMode::Shim,
                    &target.files.sources,
                    &replan,
                )
                .map_err(Failure::Internal)?;
                plan = verified.plan;
                verified_rounds = Some(verified.rounds);
                if !verified.builds {
                    verify_failed = true;
                    for error in &verified.errors {
                        plan.diagnostics.push(Diagnostic {
                            file: error
                                .file
                                .as_deref()
                                .map_or_else(|| manifest.clone(), relative_to_current),
                            line: error.line,
                            column: error.column,
                            severity: Severity::Error,
                            rule: "verify",
                            message: format!(
                                "the migrated code does not build: {}",
                                error.summary()
                            ),
                        });
                    }
                    let mut why = String::from(
                        "the migration did not build, even with the failing files on \
                         async-std-compat: every file has its original text again (rerun \
                         with --no-verify to keep the migration and finish it by hand)",
                    );
                    let blockers = dependencies_on_async_std(manifest);
                    if !blockers.is_empty() {
                        why.push_str(&format!(
                            ". These dependencies use async-std themselves: {}; where their \
                             API takes or returns async-std's types, the crate cannot leave \
                             async-std before they do (keep async-std until they move, or put \
                             the whole graph on the shim with `cargo smolify --shim --graph`)",
                            blockers.join(", ")
                        ));
                    }
                    plan.diagnostics.push(Diagnostic::file_level(
                        manifest,
                        Severity::Error,
                        "verify",
                        why,
                    ));
                    // Nothing was changed in the end.
                    plan.changes.clear();
                }
            }
        }
        _ => {
            if arguments.apply {
                // A file that cannot be written is reported and left as it was; the
                // others are written all the same.
                let failures = write::write(&plan);
                plan.changes
                    .retain(|change| !failures.iter().any(|failure| failure.file == change.path));
                plan.diagnostics.extend(failures);
            }
        }
    }

    if arguments.apply && arguments.shim && !plan.changes.is_empty() {
        if let Some((manifest, _)) = &target.verify {
            settle_lock(manifest, &mut plan);
        }
    }

    let errors = plan.count(Severity::Error);
    let check_failed = arguments.check && !plan.changes.is_empty();
    let code = if errors > 0 || check_failed || verify_failed {
        1
    } else {
        0
    };
    match arguments.message_format {
        MessageFormat::Json => report_json(&plan, arguments, code),
        MessageFormat::Human => {
            if !arguments.apply && !arguments.check {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(plan.unified_diff().as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|error| Failure::Internal(format!("cannot print: {error}")))?;
            }
            report(&plan, arguments, verified_rounds, verify_failed);
        }
    }
    Ok(code)
}

/// The files under a path, found by walking it.
fn from_path(path: &Path) -> Result<Target, Failure> {
    if let Err(error) = std::fs::metadata(path) {
        // A symbolic link loop or a dangling link exists as a link: say what is wrong.
        let message = if std::fs::symlink_metadata(path).is_err() {
            format!("{} does not exist", path.display())
        } else {
            format!("cannot read {}: {error}", path.display())
        };
        return Err(Failure::Usage(message));
    }
    let path = clean(path);
    let files = discover::discover(&path)
        .map_err(|error| Failure::Internal(format!("cannot read {}: {error}", path.display())))?;
    let folder = if path.is_dir() {
        path.clone()
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let manifest = if path.file_name().is_some_and(|name| name == "Cargo.toml") {
        Some(path.clone())
    } else {
        std::fs::canonicalize(&folder).ok().and_then(|folder| {
            folder
                .ancestors()
                .map(|dir| dir.join("Cargo.toml"))
                .find(|manifest| manifest.is_file())
        })
    };
    Ok(Target {
        files,
        git_folder: folder,
        verify: manifest.map(|manifest| (manifest, vec!["--workspace".to_string()])),
    })
}

/// The packages `cargo metadata` lists for the manifest and selection asked for.
fn from_metadata(arguments: &Arguments) -> Result<Target, Failure> {
    let manifest = match (&arguments.manifest_path, &arguments.path) {
        (Some(manifest), _) => Some(manifest.clone()),
        (None, Some(path)) if path.is_dir() => Some(path.join("Cargo.toml")),
        (None, Some(path)) => Some(path.clone()),
        (None, None) => None,
    };
    if let Some(manifest) = &manifest {
        if !manifest.is_file() {
            return Err(Failure::Usage(format!(
                "{} does not exist",
                manifest.display()
            )));
        }
        if manifest.file_name().is_none_or(|name| name != "Cargo.toml") {
            return Err(Failure::Usage(format!(
                "{} is not a Cargo.toml",
                manifest.display()
            )));
        }
    }
    let workspace = discover::cargo_metadata(manifest.as_deref()).map_err(Failure::Usage)?;
    let selection = if arguments.workspace {
        Selection::Workspace
    } else if !arguments.package.is_empty() {
        Selection::Packages(arguments.package.clone())
    } else {
        Selection::Default
    };
    let base = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_default();
    let files =
        discover::discover_packages(&workspace, &selection, &base).map_err(Failure::Usage)?;
    let packages = match &selection {
        Selection::Workspace => vec!["--workspace".to_string()],
        Selection::Packages(names) => names
            .iter()
            .flat_map(|name| ["-p".to_string(), name.clone()])
            .collect(),
        Selection::Default => Vec::new(),
    };
    Ok(Target {
        files,
        git_folder: workspace.root.clone(),
        verify: Some((workspace.manifest_path.clone(), packages)),
    })
}

/// The shim road inside an existing Cargo.lock: cargo resolves the new graph, with a
/// `cargo update -p` for each package that is in the way; every locked package that
/// moved is told.
fn settle_lock(manifest: &Path, plan: &mut Plan) {
    let lock = cargo_smolify::verify::workspace_root(manifest).join("Cargo.lock");
    if !lock.is_file() {
        return;
    }
    let settled = cargo_smolify::lockfile::settle(manifest, &lock);
    let lock_path = relative_to_current(&lock);
    if !settled.moved.is_empty() {
        let how = if settled.updated.is_empty() {
            String::new()
        } else {
            format!(
                " (after `cargo update -p` for {})",
                settled.updated.join(", ")
            )
        };
        plan.diagnostics.push(Diagnostic::file_level(
            &lock_path,
            Severity::Note,
            "Cargo.lock",
            format!(
                "to fit async-std-compat in, cargo moved {} locked package(s){how}: {}",
                settled.moved.len(),
                settled.moved.join("; ")
            ),
        ));
    }
    if settled.added > 0 {
        plan.diagnostics.push(Diagnostic::file_level(
            &lock_path,
            Severity::Note,
            "Cargo.lock",
            format!(
                "{} package(s) added to the lock; every other locked version is kept",
                settled.added
            ),
        ));
    }
    if let Some(error) = settled.error {
        plan.diagnostics.push(Diagnostic::file_level(
            &lock_path,
            Severity::Error,
            "Cargo.lock",
            format!("the lock does not resolve with async-std-compat:\n{error}"),
        ));
    }
}

/// `path` relative to the current folder where it is inside it.
fn relative_to_current(path: &Path) -> PathBuf {
    std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .ok()
        .and_then(|base| path.strip_prefix(base).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// What `git status` lists as changed under `folder`: empty when it is clean, or not
/// in a git work tree (there is nothing to protect then but the files themselves, which
/// are written atomically).
fn uncommitted_changes(folder: &Path) -> Vec<String> {
    let output = std::process::Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no", "--", "."])
        .current_dir(folder)
        .output();
    match output {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| format!("  {line}"))
            .collect(),
        _ => Vec::new(),
    }
}

/// The files `plan` changes that git neither tracks nor ignores under `folder` (none
/// when it is not in a git work tree).
fn untracked_changes(folder: &Path, plan: &Plan) -> Vec<String> {
    if plan.changes.is_empty() {
        return Vec::new();
    }
    let output = std::process::Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--",
            ".",
        ])
        .current_dir(folder)
        .output();
    let Ok(output) = output else {
        return Vec::new();
    };
    if !output.status.success() {
        return Vec::new();
    }
    let untracked: std::collections::HashSet<PathBuf> = output
        .stdout
        .split(|byte| *byte == 0)
        .filter(|name| !name.is_empty())
        .filter_map(|name| {
            #[cfg(unix)]
            let name = Some(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name));
            #[cfg(not(unix))]
            let name = std::str::from_utf8(name).ok().map(std::ffi::OsStr::new);
            std::fs::canonicalize(folder.join(name?)).ok()
        })
        .collect();
    plan.changes
        .iter()
        .filter(|change| {
            std::fs::canonicalize(&change.path).is_ok_and(|path| untracked.contains(&path))
        })
        .map(|change| format!("  ?? {}", change.path.display()))
        .collect()
}

/// `./src` -> `src`, so that diff paths read as the user would write them.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .ok()
        .filter(|rest| !rest.as_os_str().is_empty())
        .map_or_else(|| path.to_path_buf(), PathBuf::from)
}

/// The summary, on stderr: fallbacks, hazards and errors with the line they are on,
/// notes in one line each, then the counts.
fn report(plan: &Plan, arguments: &Arguments, verified_rounds: Option<usize>, verify_failed: bool) {
    let mut stderr = std::io::stderr().lock();
    let mut texts: std::collections::HashMap<&Path, Option<String>> = Default::default();
    for diagnostic in &plan.diagnostics {
        if diagnostic.severity == Severity::Note {
            let _ = writeln!(stderr, "{diagnostic}");
            continue;
        }
        let text = texts
            .entry(diagnostic.file.as_path())
            .or_insert_with(|| plan.original_text(&diagnostic.file));
        let _ = writeln!(stderr, "{}", diagnostic.render(text.as_deref()));
    }
    let verb = if arguments.apply {
        "changed"
    } else {
        "would change"
    };
    let _ = writeln!(
        stderr,
        "{} of {} files {verb}; {} fallbacks to async-std-compat, {} hazards, {} errors, \
         {} notes",
        plan.changes.len(),
        plan.files_seen,
        plan.count(Severity::Fallback),
        plan.count(Severity::Hazard),
        plan.count(Severity::Error),
        plan.count(Severity::Note),
    );
    if !plan.changes.is_empty() && plan.changes.len() <= 50 {
        let _ = writeln!(stderr, "files {verb}:");
        for change in &plan.changes {
            let _ = writeln!(stderr, "  {}", change.path.display());
        }
    }
    let rules = plan.rewrites_per_rule();
    if !rules.is_empty() {
        let width = rules.keys().map(|rule| rule.len()).max().unwrap_or(0);
        let _ = writeln!(stderr, "rewrites per rule:");
        for (rule, count) in &rules {
            let _ = writeln!(stderr, "  {rule:<width$}  {count}");
        }
    }
    if let Some(rounds) = verified_rounds {
        let retreats = plan
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.rule == cargo_smolify::source::retreat::RULE)
            .count();
        let _ = writeln!(
            stderr,
            "verify: `cargo check --all-targets` {} ({rounds} check(s); {retreats} file(s) \
             kept on async-std's API from async-std-compat)",
            if verify_failed {
                "failed: nothing was changed"
            } else {
                "passed"
            }
        );
    } else if arguments.apply && arguments.no_verify {
        let _ = writeln!(stderr, "verify: skipped (--no-verify)");
    }
}

/// The report as JSON lines on stdout: every edit, every diagnostic, then a summary.
fn report_json(plan: &Plan, arguments: &Arguments, code: u8) {
    let mut stdout = std::io::stdout().lock();
    for change in &plan.changes {
        for edit in change.edits_json() {
            let _ = writeln!(stdout, "{edit}");
        }
    }
    for diagnostic in &plan.diagnostics {
        let _ = writeln!(stdout, "{}", diagnostic.to_json());
    }
    let files: Vec<String> = plan
        .changes
        .iter()
        .map(|change| change.path.to_string_lossy().into_owned())
        .collect();
    let summary = serde_json::json!({
        "type": "summary",
        "applied": arguments.apply,
        "files_seen": plan.files_seen,
        "files_changed": files,
        "rewrites_per_rule": plan.rewrites_per_rule(),
        "fallbacks": plan.count(Severity::Fallback),
        "hazards": plan.count(Severity::Hazard),
        "errors": plan.count(Severity::Error),
        "notes": plan.count(Severity::Note),
        "exit_code": code,
    });
    let _ = writeln!(stdout, "{summary}");
    let _ = stdout.flush();
}
