//! `smolify-corpus`: runs the corpus's crates on the chosen roads, prints a line per
//! crate and road, and records the results in `docs/real-world.{json,md}`.
//!
//! Exit codes: 0 every run was green, 1 some run was not, 2 bad arguments or corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{bail, Context};
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use smolify_corpus::{Corpus, Results, Road, Runner, Stamped};

/// Run published async-std crates on async-std, on the shim, and migrated.
#[derive(Debug, Parser)]
#[command(name = "smolify-corpus")]
struct Arguments {
    /// Which roads to run (comma-separated or repeated).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    road: Vec<RoadChoice>,

    /// Only these crates (by name); all of the corpus when none is given.
    crates: Vec<String>,

    /// Only the fast subset (`fast = true` in crates.toml), as the test suite runs it.
    #[arg(long, conflicts_with = "crates")]
    fast: bool,

    /// The scratch folder: fetched sources, a copy per road, one shared target folder.
    #[arg(long, value_name = "DIR")]
    work_dir: Option<PathBuf>,

    /// The corpus folder (crates.toml and locks/) [default: the checkout's corpus/].
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,

    /// The `cargo-smolify` binary to run [default: built now, in release mode].
    #[arg(long, value_name = "PATH")]
    smolify_binary: Option<PathBuf>,

    /// Seconds one build of a crate's tests may take.
    #[arg(long, default_value_t = 900)]
    build_timeout: u64,

    /// Seconds one run of a crate's tests may take.
    #[arg(long, default_value_t = 600)]
    test_timeout: u64,

    /// Print the results only; leave docs/real-world.{json,md} as they are.
    #[arg(long)]
    no_docs: bool,

    /// Also write every result as one JSON object per line to this file.
    #[arg(long, value_name = "PATH")]
    json_lines: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RoadChoice {
    Baseline,
    Shim,
    Migrate,
    All,
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    match run(&arguments) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("smolify-corpus: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// The smolify checkout this binary was built from.
fn smolify_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("corpus/ is inside the checkout")
        .to_path_buf()
}

fn run(arguments: &Arguments) -> anyhow::Result<bool> {
    let root = smolify_root();
    let corpus = Corpus::load(
        &arguments
            .corpus
            .clone()
            .unwrap_or_else(|| root.join("corpus")),
    )?;
    let crates = corpus.select(&arguments.crates, arguments.fast)?;
    if crates.is_empty() {
        bail!("no crate selected");
    }
    let roads: Vec<Road> = if arguments.road.contains(&RoadChoice::All) {
        Road::ALL.to_vec()
    } else {
        Road::ALL
            .into_iter()
            .filter(|road| {
                arguments.road.contains(&match road {
                    Road::Baseline => RoadChoice::Baseline,
                    Road::Shim => RoadChoice::Shim,
                    Road::Migrate => RoadChoice::Migrate,
                })
            })
            .collect()
    };
    let smolify_binary = match &arguments.smolify_binary {
        // The runner starts it from each crate's folder: make the path absolute.
        Some(path) => std::fs::canonicalize(path)
            .with_context(|| format!("no cargo-smolify binary at {}", path.display()))?,
        None => build_smolify(&root)?,
    };
    let work = arguments
        .work_dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("smolify-corpus"));
    std::fs::create_dir_all(&work)?;
    let runner = Runner {
        corpus: corpus.clone(),
        smolify_root: root.clone(),
        smolify_binary,
        work,
        build_limit: Duration::from_secs(arguments.build_timeout),
        test_limit: Duration::from_secs(arguments.test_timeout),
    };

    let json_path = root.join("docs/real-world.json");
    let markdown_path = root.join("docs/real-world.md");
    let mut results = Results::load(&json_path)?;
    let commit = git_describe(&root);
    let progress = ProgressBar::new((crates.len() * roads.len()) as u64);
    progress.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let mut json_lines = match &arguments.json_lines {
        Some(path) => Some(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => None,
    };
    let mut all_green = true;
    for spec in &crates {
        for &road in &roads {
            progress.set_message(format!("{} on {}", spec.label(), road.name()));
            let result = match runner.run(spec, road) {
                Ok(result) => result,
                Err(error) => {
                    all_green = false;
                    say(
                        &progress,
                        format!("{} {}: cannot run: {error:#}", spec.label(), road.name()),
                    );
                    progress.inc(1);
                    continue;
                }
            };
            all_green &= result.green;
            say(
                &progress,
                format!(
                    "{:<40} {:<8} {:<5} {}",
                    spec.label(),
                    road.name(),
                    if result.green { "green" } else { "NOT" },
                    if result.green {
                        format!(
                            "{} passed ({:.0} s)",
                            result.tests.map_or(0, |c| c.passed),
                            result.seconds
                        )
                    } else {
                        result.reasons.join("; ")
                    }
                ),
            );
            if let Some(file) = json_lines.as_mut() {
                use std::io::Write;
                writeln!(file, "{}", serde_json::to_string(&result)?)?;
            }
            results.record(Stamped {
                when: utc_now(),
                commit: commit.clone(),
                result,
            });
            if !arguments.no_docs {
                // Saved after every run, so that a long run stopped half-way keeps
                // what it did.
                results.save(&corpus, &json_path, &markdown_path)?;
            }
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    if !arguments.no_docs {
        eprintln!(
            "wrote {} and {}",
            markdown_path.display(),
            json_path.display()
        );
    }
    Ok(all_green)
}

/// Builds `cargo-smolify` in release mode in the checkout and returns its path.
fn build_smolify(root: &Path) -> anyhow::Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "cargo-smolify",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cannot build cargo-smolify");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    Ok(target.join("release").join("cargo-smolify"))
}

fn git_describe(root: &Path) -> String {
    Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn utc_now() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Prints `line` above the progress bar, or on stderr when there is no bar (not a
/// terminal).
fn say(progress: &ProgressBar, line: String) {
    if progress.is_hidden() {
        eprintln!("{line}");
    } else {
        progress.println(line);
    }
}
