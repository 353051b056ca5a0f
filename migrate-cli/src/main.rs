//! The `cargo-smolify` binary: argument parsing and reporting over the library.
//!
//! Exit codes: 0 done (or nothing to do), 1 `--check` found work or some file was left
//! unmigrated, 2 usage error, 3 any other error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use cargo_smolify::{plan, write, Plan, Severity};
use clap::Parser;

/// Migrate async-std code to smol: sources and Cargo.toml.
///
/// By default this is a dry run that prints one unified diff (which `git apply`
/// accepts) and a summary; `--apply` writes the files.
#[derive(Debug, Parser)]
#[command(name = "cargo-smolify", bin_name = "cargo smolify", version)]
struct Arguments {
    /// A crate or workspace folder, a .rs file, or a Cargo.toml.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// Write the migrated files (each atomically) instead of printing a diff.
    #[arg(long, conflicts_with = "check")]
    apply: bool,

    /// Print nothing but the summary, and exit with 1 when anything would change.
    #[arg(long)]
    check: bool,

    /// With --apply, write even when git reports uncommitted changes under PATH.
    #[arg(long)]
    allow_dirty: bool,
}

fn main() -> ExitCode {
    // `cargo smolify ARGS` runs `cargo-smolify smolify ARGS`.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|arg| arg == "smolify") {
        args.remove(1);
    }
    let arguments = match Arguments::try_parse_from(args) {
        Ok(arguments) => arguments,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(&arguments) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(3)
        }
    }
}

fn run(arguments: &Arguments) -> anyhow::Result<ExitCode> {
    if !arguments.path.exists() {
        eprintln!("error: {} does not exist", arguments.path.display());
        return Ok(ExitCode::from(2));
    }
    let plan = plan(&clean(&arguments.path))
        .with_context(|| format!("cannot read {}", arguments.path.display()))?;

    if arguments.apply && !arguments.allow_dirty {
        let dirty = uncommitted_changes(&arguments.path);
        if !dirty.is_empty() {
            eprintln!(
                "error: {} has uncommitted changes; commit or stash them first, or pass \
                 --allow-dirty:\n{}",
                arguments.path.display(),
                dirty.join("\n")
            );
            return Ok(ExitCode::from(2));
        }
    }

    if arguments.apply {
        write::write(&plan)?;
    } else if !arguments.check {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(plan.unified_diff().as_bytes())?;
        stdout.flush()?;
    }
    report(&plan, arguments.apply);

    let left_behind = plan.count(Severity::Error) > 0;
    let check_failed = arguments.check && !plan.changes.is_empty();
    Ok(if left_behind || check_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `git status` lists as changed under `path`: empty when it is clean, or not in
/// a git work tree (there is nothing to protect then but the files themselves, which
/// are written atomically).
fn uncommitted_changes(path: &std::path::Path) -> Vec<String> {
    let folder = if path.is_dir() {
        path
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
    };
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

/// `./src` -> `src`, so that diff paths read as the user would write them.
fn clean(path: &std::path::Path) -> PathBuf {
    path.strip_prefix(".")
        .ok()
        .filter(|rest| !rest.as_os_str().is_empty())
        .map_or_else(|| path.to_path_buf(), PathBuf::from)
}

/// The summary, on stderr.
fn report(plan: &Plan, applied: bool) {
    for diagnostic in &plan.diagnostics {
        eprintln!("{diagnostic}");
    }
    let verb = if applied { "changed" } else { "would change" };
    eprintln!(
        "{} of {} files {verb}; {} fallbacks to async-std-compat, {} hazards, {} errors",
        plan.changes.len(),
        plan.files_seen,
        plan.count(Severity::Fallback),
        plan.count(Severity::Hazard),
        plan.count(Severity::Error),
    );
    let rules = plan.rewrites_per_rule();
    if !rules.is_empty() {
        let list: Vec<String> = rules
            .iter()
            .map(|(rule, count)| format!("{rule}: {count}"))
            .collect();
        eprintln!("rewrites per rule: {}", list.join(", "));
    }
}
