//! Migration speed: cargo-smolify's library over a large corpus of real Rust vs the
//! time syn alone needs to parse the same files, both in parallel on every core
//! (rayon), interleaved and repeated, in one run.
//!
//! The corpus is prepared here: the `.rs` files of the registry sources of the
//! dependency trees of this workspace, of examples/legacy and of the async-std
//! microbenchmark (linux targets only, so no generated Windows bindings), copied into
//! `target/bench-corpus/` until it holds at least 300,000 lines.
//!
//! The migration is `cargo_smolify::plan_files` over the list of files (what
//! `cargo smolify` does after discovering them: read, parse, resolve async-std names,
//! apply the rules, build the edits and the report); syn's side reads each file and
//! runs `syn::parse_file`. Both read from the page cache.
//!
//! Usage: `migrate-speed [--quick]`; results go to `<target>/bench-results/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;

const MIN_LINES: usize = 300_000;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("benches/migrate-speed is two levels down")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CARGO_TARGET_DIR") {
        let dir = PathBuf::from(dir);
        return if dir.is_absolute() {
            dir
        } else {
            workspace_root().join(dir)
        };
    }
    let exe = std::env::current_exe().expect("the path of this program");
    exe.parent()
        .and_then(Path::parent)
        .expect("<target>/<profile>/")
        .to_path_buf()
}

/// The registry packages (name-version, source folder) in the graph of `manifest`.
fn registry_packages(manifest: &Path) -> Vec<(String, PathBuf)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            "x86_64-unknown-linux-gnu",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .output()
        .expect("cannot run cargo metadata");
    if !output.status.success() {
        eprintln!(
            "cargo metadata failed for {}: {}",
            manifest.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        return Vec::new();
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints json");
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|package| {
            package["source"]
                .as_str()
                .is_some_and(|source| source.starts_with("registry+"))
        })
        .filter_map(|package| {
            let name = format!(
                "{}-{}",
                package["name"].as_str()?,
                package["version"].as_str()?
            );
            let folder = Path::new(package["manifest_path"].as_str()?)
                .parent()?
                .to_path_buf();
            Some((name, folder))
        })
        .collect()
}

/// Every `.rs` file under `folder` (no `target/`, no hidden folders).
fn rust_files(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&path, out);
            }
        } else if kind.is_file() && name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// Prepares the corpus (once) and returns its files and line count.
fn corpus() -> (Vec<PathBuf>, usize) {
    let root = workspace_root();
    let corpus = root.join("target/bench-corpus");
    let done = corpus.join(".complete");
    if !done.exists() {
        eprintln!("preparing the corpus in {}...", corpus.display());
        let _ = std::fs::remove_dir_all(&corpus);
        let mut packages: BTreeSet<(String, PathBuf)> = BTreeSet::new();
        for manifest in [
            "Cargo.toml",
            "examples/legacy/Cargo.toml",
            "benches/async-std-micro/Cargo.toml",
        ] {
            packages.extend(registry_packages(&root.join(manifest)));
        }
        let mut lines = 0;
        for (name, folder) in &packages {
            let mut files = Vec::new();
            rust_files(folder, &mut files);
            for file in files {
                let relative = file.strip_prefix(folder).expect("file under its folder");
                let destination = corpus.join(name).join(relative);
                std::fs::create_dir_all(destination.parent().expect("a parent"))
                    .expect("cannot create a corpus folder");
                std::fs::copy(&file, &destination).expect("cannot copy into the corpus");
                lines += std::fs::read(&destination)
                    .map(|bytes| bytes.iter().filter(|&&b| b == b'\n').count())
                    .unwrap_or(0);
            }
        }
        eprintln!("  {} packages, {lines} lines", packages.len());
        assert!(
            lines >= MIN_LINES,
            "the corpus has {lines} lines, fewer than {MIN_LINES}"
        );
        std::fs::write(&done, format!("{} packages\n", packages.len())).expect("marker");
    }
    let mut files = Vec::new();
    rust_files(&corpus, &mut files);
    let lines = files
        .iter()
        .map(|file| {
            std::fs::read(file)
                .map(|bytes| bytes.iter().filter(|&&b| b == b'\n').count())
                .unwrap_or(0)
        })
        .sum();
    (files, lines)
}

/// syn alone: read and parse every file, in parallel. Returns (seconds, files parsed).
fn syn_pass(files: &[PathBuf]) -> (f64, usize) {
    let start = Instant::now();
    let parsed = files
        .par_iter()
        .filter(|file| {
            std::fs::read_to_string(file)
                .ok()
                .is_some_and(|text| syn::parse_file(&text).is_ok())
        })
        .count();
    (start.elapsed().as_secs_f64(), parsed)
}

/// The migration: `plan_files` over the same files (parallel inside). Returns
/// (seconds, files changed, diagnostics).
fn smolify_pass(files: &[PathBuf]) -> (f64, usize, usize) {
    let list = cargo_smolify::discover::Files {
        sources: files.to_vec(),
        ..Default::default()
    };
    let start = Instant::now();
    let plan = cargo_smolify::plan::plan_files(&list, &Default::default(), &|| {});
    let seconds = start.elapsed().as_secs_f64();
    (seconds, plan.changes.len(), plan.diagnostics.len())
}

fn median(values: &[f64]) -> (f64, f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    (median, sorted[0], sorted[n - 1])
}

fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let (files, lines) = corpus();
    let threads = rayon::current_num_threads();
    eprintln!(
        "migration speed: {} files, {lines} lines, {threads} threads",
        files.len()
    );
    // Warm the page cache and both code paths once.
    let _ = syn_pass(&files);
    let (_, changed, diagnostics) = smolify_pass(&files);
    let rounds = if quick { 1 } else { 5 };
    let mut syn_times = Vec::new();
    let mut smolify_times = Vec::new();
    let mut parsed = 0;
    for round in 0..rounds {
        let (seconds, count) = syn_pass(&files);
        parsed = count;
        syn_times.push(seconds);
        let (seconds, _, _) = smolify_pass(&files);
        smolify_times.push(seconds);
        eprintln!(
            "  round {round}: syn {:.3} s, cargo-smolify {:.3} s",
            syn_times[round], smolify_times[round]
        );
    }
    let syn = median(&syn_times);
    let smolify = median(&smolify_times);
    let ratio = smolify.0 / syn.0;
    // Half the range over the median of each side, together: a miss smaller than
    // that is within this run's noise.
    let noise = |(m, lo, hi): (f64, f64, f64)| (hi - lo) / 2.0 / m;
    let within = ratio - noise(syn) - noise(smolify) <= 1.5;
    let spread = |(m, lo, hi): (f64, f64, f64)| format!("±{:.1}%", (hi - lo) / 2.0 / m * 100.0);
    let mut out = String::new();
    out.push_str("## 5. Migration speed\n\n");
    out.push_str(&format!(
        "Corpus: `target/bench-corpus/`, the `.rs` files of the registry sources of the \
         dependency trees of this workspace, examples/legacy and the async-std \
         microbenchmark (linux targets): {} files, {} lines ({} of the files parse with \
         syn). Both sides in parallel with rayon on {threads} threads, reading the files \
         from the page cache; the two interleaved, median of {rounds} after one warm-up \
         each. The migration (`cargo_smolify::plan::plan_files`, what `cargo smolify` runs \
         once it has the file list) changed {changed} files and reported {diagnostics} \
         diagnostics (mostly files that are not valid Rust on their own: test fixtures, \
         fragments included by macros).\n\n",
        files.len(),
        thousands(lines),
        parsed,
    ));
    out.push_str(&format!(
        "| pass | seconds | spread | lines/s |\n|---|---:|---:|---:|\n\
         | syn::parse_file alone | {:.3} | {} | {} |\n\
         | cargo-smolify (plan_files) | {:.3} | {} | {} |\n\n",
        syn.0,
        spread(syn),
        thousands((lines as f64 / syn.0) as usize),
        smolify.0,
        spread(smolify),
        thousands((lines as f64 / smolify.0) as usize),
    ));
    out.push_str(&format!(
        "### Migration target\n\n| target | result | verdict |\n|---|---:|---:|\n\
         | migration ≤ 1.5× syn's parse time, both cores | {ratio:.2}× | {} |\n\n",
        if ratio <= 1.5 {
            "met"
        } else if within {
            "**MISSED** (within the spread)"
        } else {
            "**MISSED**"
        }
    ));
    println!("{out}");
    let results = target_dir().join("bench-results");
    std::fs::create_dir_all(&results).expect("results folder");
    std::fs::write(results.join("migrate.md"), &out).expect("write results");
    std::fs::write(
        results.join("migrate.json"),
        serde_json::json!({
            "files": files.len(), "lines": lines, "parsed": parsed, "threads": threads,
            "syn_seconds": syn_times, "smolify_seconds": smolify_times, "ratio": ratio,
        })
        .to_string(),
    )
    .expect("write results");
}

#[allow(clippy::manual_is_multiple_of)] // is_multiple_of needs Rust 1.87; the MSRV is 1.85
fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
