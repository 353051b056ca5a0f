//! One crate on one road: a fresh copy of its published source with its committed
//! Cargo.lock, the road's step (none, `cargo smolify --shim --graph`, or `cargo
//! smolify`), then its tests built and run within time bounds, and the verdict.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

use crate::measure::{self, References};
use crate::process::{run_bounded, Finished};
use crate::spec::{Corpus, Counts, CrateSpec};

/// A way of running a crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Road {
    /// On async-std 1.13, as published, with the committed lock (`--locked`).
    Baseline,
    /// On the shim: `cargo smolify --shim --graph` patches async-std onto the facade;
    /// the committed lock is kept apart from what that patch makes cargo change.
    Shim,
    /// Migrated: `cargo smolify --apply` with its defaults, no hand edit.
    Migrate,
}

impl Road {
    /// Every road, in report order.
    pub const ALL: [Road; 3] = [Road::Baseline, Road::Shim, Road::Migrate];

    /// The road's name in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Road::Baseline => "baseline",
            Road::Shim => "shim",
            Road::Migrate => "migrate",
        }
    }
}

/// How the build of a crate's tests went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "detail")]
pub enum Build {
    /// `cargo test --no-run` succeeded.
    Ok,
    /// It failed; the first error cargo or rustc printed.
    Failed(String),
    /// It ran past the build time bound.
    TimedOut,
}

/// What `cargo smolify` reported for the road's step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolReport {
    /// Its exit code (`None`: ended by a signal).
    pub exit_code: Option<i32>,
    /// Diagnostics of severity `fallback`: items taken from the shim.
    pub fallbacks: u64,
    /// Diagnostics of severity `hazard`.
    pub hazards: u64,
    /// Diagnostics of severity `error`.
    pub errors: u64,
    /// Files sent back to async-std's API from the shim because their migration did
    /// not build (`retreat` fallbacks, counted in `fallbacks` too).
    #[serde(default)]
    pub retreats: u64,
    /// Every diagnostic, as `severity[rule] file:line:col: message`.
    pub diagnostics: Vec<String>,
}

/// One crate on one road: what happened and the verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoadResult {
    /// The crate's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its category in the corpus.
    pub category: String,
    /// The road.
    pub road: Road,
    /// The `cargo smolify` step (shim and migrate roads).
    pub tool: Option<ToolReport>,
    /// The build of the tests.
    pub build: Build,
    /// The test counts, when the tests ran.
    pub tests: Option<Counts>,
    /// The tests that failed.
    pub failing: Vec<String>,
    /// The baseline's counts, from the corpus.
    pub baseline: Counts,
    /// `async_std` identifiers in the crate's code before the road's step.
    pub references_before: u64,
    /// `async_std` and `async_std_compat` identifiers after it.
    pub references_after: References,
    /// Where async-std is still a direct dependency afterwards.
    pub async_std_left_in: Vec<String>,
    /// Feature names the crate had before and no longer has.
    pub features_lost: Vec<String>,
    /// Locked packages whose version the road changed (`name a -> b`).
    pub lock_moves: Vec<String>,
    /// Whether the road is green, and if not, why.
    pub green: bool,
    /// Why it is not green (empty when green).
    pub reasons: Vec<String>,
    /// Wall time of the whole road, seconds.
    pub seconds: f64,
}

impl RoadResult {
    /// The share of the crate's async-std references that now name plain smol (not
    /// async-std, not the shim); `None` when the road does not migrate or the crate
    /// names none.
    pub fn moved_to_smol(&self) -> Option<f64> {
        if self.road != Road::Migrate || self.references_before == 0 {
            return None;
        }
        let left = self.references_after.async_std + self.references_after.compat;
        Some(1.0 - (left.min(self.references_before) as f64 / self.references_before as f64))
    }
}

/// Where and how the runner works.
#[derive(Debug, Clone)]
pub struct Runner {
    /// The corpus.
    pub corpus: Corpus,
    /// The smolify checkout whose shim, facade and CLI are tested.
    pub smolify_root: PathBuf,
    /// The `cargo-smolify` binary to run.
    pub smolify_binary: PathBuf,
    /// The scratch folder (fetched sources, copies per road, one shared target folder).
    pub work: PathBuf,
    /// The bound on one build of a crate's tests.
    pub build_limit: Duration,
    /// The bound on one run of a crate's tests.
    pub test_limit: Duration,
}

impl Runner {
    fn cargo(&self) -> Command {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        self.build_environment(&mut command)
            // The baselines in crates.toml were counted with backtraces on: some tests
            // assert on panic output.
            .env("RUST_BACKTRACE", "1");
        command
    }

    /// The environment of every cargo build of a run, the road's own and those `cargo
    /// smolify --apply` makes to check its result: one target folder, plain output, and
    /// lean artefacts. Dozens of crates' graphs share the folder, so builds keep line
    /// tables only (backtraces still name files and lines) and no incremental state.
    fn build_environment<'c>(&self, command: &'c mut Command) -> &'c mut Command {
        command
            .env("CARGO_TARGET_DIR", self.work.join("target"))
            .env("CARGO_TERM_COLOR", "never")
            .env("CARGO_TERM_PROGRESS_WHEN", "never")
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only")
            .env("CARGO_PROFILE_TEST_DEBUG", "line-tables-only")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_MANIFEST_DIR")
            .env_remove("CARGO_PKG_NAME")
    }

    /// The published source of `spec`, fetched by cargo into its registry cache.
    pub fn fetch(&self, spec: &CrateSpec) -> anyhow::Result<PathBuf> {
        let scratch = self.work.join("fetch").join(spec.label());
        std::fs::create_dir_all(scratch.join("src"))?;
        std::fs::write(
            scratch.join("Cargo.toml"),
            format!(
                "[package]\nname = \"corpus-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\n{} = {{ version = \"={}\", default-features = false }}\n\n[workspace]\n",
                spec.name, spec.version
            ),
        )?;
        std::fs::write(scratch.join("src/lib.rs"), "")?;
        let mut command = self.cargo();
        command
            .args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(scratch.join("Cargo.toml"));
        let finished = run_bounded(command, self.build_limit, &scratch.join("log"))?;
        if !finished.success() {
            bail!(
                "cannot fetch {}: {}",
                spec.label(),
                first_error(&finished.stderr)
            );
        }
        let metadata: serde_json::Value = serde_json::from_str(&finished.stdout)?;
        let manifest = metadata["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|package| {
                package["name"] == spec.name.as_str() && package["version"] == spec.version.as_str()
            })
            .and_then(|package| package["manifest_path"].as_str())
            .with_context(|| format!("cargo metadata does not list {}", spec.label()))?;
        Ok(Path::new(manifest)
            .parent()
            .context("a manifest path without a folder")?
            .to_path_buf())
    }

    /// Runs `spec` on `road` and judges it against its baseline.
    pub fn run(&self, spec: &CrateSpec, road: Road) -> anyhow::Result<RoadResult> {
        let started = Instant::now();
        let source = self.fetch(spec)?;
        let folder = self.work.join("roads").join(road.name()).join(spec.label());
        if folder.exists() {
            std::fs::remove_dir_all(&folder)
                .with_context(|| format!("cannot clear {}", folder.display()))?;
        }
        copy_tree(&source, &folder)?;
        stand_alone(&folder.join("Cargo.toml"))?;
        let lock = self.corpus.lock_path(spec);
        std::fs::copy(&lock, folder.join("Cargo.lock"))
            .with_context(|| format!("cannot copy {}", lock.display()))?;
        let logs = self.work.join("logs").join(road.name()).join(spec.label());
        let manifest = folder.join("Cargo.toml");

        let references_before = measure::count_references(&folder).async_std;
        let facts_before = measure::manifest_facts(&manifest)?;
        let lock_before = measure::locked_packages(&folder.join("Cargo.lock"));

        let tool = match road {
            Road::Baseline => None,
            Road::Shim => Some(self.smolify(
                &["--shim", "--graph", "--apply", "--allow-dirty"],
                &folder,
                &logs.join("smolify"),
            )?),
            Road::Migrate => Some(self.smolify(
                &["--apply", "--allow-dirty"],
                &folder,
                &logs.join("smolify"),
            )?),
        };

        let locked: &[&str] = if road == Road::Baseline {
            &["--locked"]
        } else {
            &[]
        };
        let mut build_command = self.cargo();
        build_command
            .current_dir(&folder)
            .args(["test", "--no-run"])
            .args(locked)
            .args(spec.feature_args())
            .args(&spec.test_args);
        let built = run_bounded(build_command, self.build_limit, &logs.join("build"))?;
        let build = if built.timed_out {
            Build::TimedOut
        } else if built.success() {
            Build::Ok
        } else {
            Build::Failed(first_error(&built.stderr))
        };

        let mut tests = None;
        let mut failing = Vec::new();
        let mut test_timed_out = false;
        if build == Build::Ok {
            let mut test_command = self.cargo();
            test_command
                .current_dir(&folder)
                .arg("test")
                .args(locked)
                .args(spec.feature_args())
                .args(&spec.test_args);
            // Every test runs, whether or not the crate's own arguments say so.
            if !spec.test_args.iter().any(|arg| arg == "--no-fail-fast") {
                test_command.arg("--no-fail-fast");
            }
            test_command.arg("--").args(&spec.test_filter_args);
            let ran: Finished = run_bounded(test_command, self.test_limit, &logs.join("test"))?;
            test_timed_out = ran.timed_out;
            let log = measure::read_test_log(&ran.stdout);
            tests = Some(log.counts);
            failing = log.failing.into_iter().collect();
        }

        let references_after = measure::count_references(&folder);
        let facts_after = measure::manifest_facts(&manifest)?;
        let lock_after = measure::locked_packages(&folder.join("Cargo.lock"));
        let features_lost: Vec<String> = facts_before
            .features
            .difference(&facts_after.features)
            .cloned()
            .collect();

        let mut result = RoadResult {
            name: spec.name.clone(),
            version: spec.version.clone(),
            category: spec.category.clone(),
            road,
            tool,
            build,
            tests,
            failing,
            baseline: spec.baseline,
            references_before,
            references_after,
            async_std_left_in: facts_after.async_std_tables,
            features_lost,
            lock_moves: measure::moved_packages(&lock_before, &lock_after),
            green: false,
            reasons: Vec::new(),
            seconds: 0.0,
        };
        result.reasons = judge(spec, &result, test_timed_out);
        result.green = result.reasons.is_empty();
        result.seconds = started.elapsed().as_secs_f64();
        Ok(result)
    }

    /// Runs `cargo smolify ARGS --smolify-path ROOT --message-format json FOLDER`.
    fn smolify(&self, args: &[&str], folder: &Path, logs: &Path) -> anyhow::Result<ToolReport> {
        let mut command = Command::new(&self.smolify_binary);
        command
            .args(args)
            .arg("--smolify-path")
            .arg(&self.smolify_root)
            .args(["--message-format", "json"])
            .arg(folder)
            .current_dir(folder);
        // `--apply` checks its result with cargo: the same target folder and
        // environment as the road's own builds.
        self.build_environment(&mut command);
        let finished = run_bounded(command, self.build_limit, logs)?;
        let mut report = ToolReport {
            exit_code: finished.code,
            ..ToolReport::default()
        };
        for line in finished.stdout.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if value["type"] != "diagnostic" {
                continue;
            }
            let severity = value["severity"].as_str().unwrap_or("");
            match severity {
                "fallback" => {
                    report.fallbacks += 1;
                    if value["rule"] == "retreat" {
                        report.retreats += 1;
                    }
                }
                "hazard" => report.hazards += 1,
                "error" => report.errors += 1,
                _ => {}
            }
            let file = value["file"].as_str().unwrap_or("");
            let file = Path::new(file)
                .strip_prefix(folder)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| file.to_string());
            report.diagnostics.push(format!(
                "{severity}[{}] {file}:{}:{}: {}",
                value["rule"].as_str().unwrap_or(""),
                value["line"],
                value["column"],
                value["message"].as_str().unwrap_or("")
            ));
        }
        if finished.timed_out {
            report
                .diagnostics
                .push("cargo smolify ran past its time bound".into());
        }
        if finished.stdout.trim().is_empty() && !finished.success() {
            report
                .diagnostics
                .push(format!("cargo smolify: {}", first_error(&finished.stderr)));
        }
        Ok(report)
    }
}

/// Why `result` is not green (empty when it is): the build, new failures, fewer
/// passes than the baseline, the tool's own errors, and (migrate) async-std left as a
/// direct dependency or a feature name lost.
pub fn judge(spec: &CrateSpec, result: &RoadResult, test_timed_out: bool) -> Vec<String> {
    let mut reasons = Vec::new();
    if let Some(tool) = &result.tool {
        if tool.exit_code != Some(0) {
            reasons.push(format!(
                "cargo smolify exited with {}",
                tool.exit_code
                    .map_or("a signal".to_string(), |c| c.to_string())
            ));
        }
    }
    match &result.build {
        Build::Ok => {}
        Build::TimedOut => reasons.push("the build ran past its time bound".into()),
        Build::Failed(error) => reasons.push(format!("does not build: {error}")),
    }
    if test_timed_out {
        reasons.push("the tests ran past their time bound".into());
    }
    if let Some(counts) = result.tests {
        let known: BTreeSet<&String> = spec.baseline_failing.iter().collect();
        let new: Vec<&String> = result
            .failing
            .iter()
            .filter(|name| !known.contains(name))
            .collect();
        if !new.is_empty() {
            reasons.push(format!(
                "{} new failing test{}: {}",
                new.len(),
                if new.len() == 1 { "" } else { "s" },
                new.iter()
                    .take(5)
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if counts.passed < spec.baseline.passed {
            reasons.push(format!(
                "{} tests passed, the baseline has {}",
                counts.passed, spec.baseline.passed
            ));
        }
    }
    if result.road == Road::Migrate {
        if !result.async_std_left_in.is_empty() {
            reasons.push(format!(
                "async-std is still a direct dependency ({})",
                result.async_std_left_in.join(", ")
            ));
        }
        if !result.features_lost.is_empty() {
            reasons.push(format!(
                "feature names lost: {}",
                result.features_lost.join(", ")
            ));
        }
    }
    reasons
}

/// The first error cargo or rustc printed, with the location line after it.
pub fn first_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let Some(start) = lines.iter().position(|line| {
        line.starts_with("error") && !line.starts_with("error: could not compile")
    }) else {
        return lines
            .iter()
            .rev()
            .find(|line| !line.trim().is_empty())
            .map_or_else(|| "no output".to_string(), |line| line.trim().to_string());
    };
    let mut text = lines[start].trim().to_string();
    if let Some(location) = lines[start + 1..]
        .iter()
        .take(3)
        .find(|line| line.trim_start().starts_with("-->"))
    {
        text.push_str(&format!(
            " ({})",
            location.trim_start().trim_start_matches("--> ")
        ));
    }
    text
}

/// Copies the folder `from` to `to` (files and folders; symlinks as the files they
/// point to; `target/` left out).
/// Makes the copy at `manifest` a workspace of its own, so that a scratch folder
/// inside another workspace (the default `target/` of this one, say) does not pull it
/// in: cargo would refuse to build it. Published manifests never carry a
/// `[workspace]` table (cargo strips it when packaging), so one is only added.
fn stand_alone(manifest: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let parsed: toml::Table =
        toml::from_str(&text).with_context(|| format!("cannot parse {}", manifest.display()))?;
    if !parsed.contains_key("workspace") {
        std::fs::write(manifest, format!("{text}\n[workspace]\n"))
            .with_context(|| format!("cannot write {}", manifest.display()))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let source = entry.path();
        let destination = to.join(&name);
        if source.is_dir() {
            if name != "target" {
                copy_tree(&source, &destination)?;
            }
        } else {
            std::fs::copy(&source, &destination)
                .with_context(|| format!("cannot copy {}", source.display()))?;
            // The registry's copies are read-only; the roads rewrite them.
            let mut permissions = std::fs::metadata(&destination)?.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(&destination, permissions)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_error_names_its_location() {
        let stderr = "   Compiling x v0.1.0\nwarning: unused\nerror[E0432]: unresolved import `smol::io::Read`\n  --> src/lib.rs:3:5\n   |\nerror: could not compile `x`\n";
        assert_eq!(
            first_error(stderr),
            "error[E0432]: unresolved import `smol::io::Read` (src/lib.rs:3:5)"
        );
    }
}
