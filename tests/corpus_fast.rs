//! The fast subset of the real-crates corpus (`fast = true` in `corpus/crates.toml`):
//! five small published crates that depend on async-std, each taken down both roads
//! by the corpus runner exactly as `cargo run --release -p smolify-corpus` does for the
//! whole corpus, with the crate's committed Cargo.lock.
//!
//! Green on a road means what a maintainer would check: `cargo smolify` succeeded, all
//! targets build, no test fails that passed on async-std, at least the baseline's tests
//! pass, and (migrate road) async-std is no longer a direct dependency while every
//! feature name the crate had still exists.
//!
//! Needs crates.io (or a warm cargo cache) to fetch the five crates and their graphs.
//! The scratch folder is `target/corpus-fast/`, kept between runs so that a second run
//! only rebuilds what changed.

use std::process::Command;

use smolify_tests::{build_binary, lean_builds, workspace_root};

#[test]
fn the_fast_subset_of_the_corpus_is_green_on_both_roads() {
    let root = workspace_root();
    let manifest = root.join("Cargo.toml");
    let smolify = build_binary(&manifest, "cargo-smolify", "cargo-smolify", "workspace");
    let runner = build_binary(&manifest, "smolify-corpus", "smolify-corpus", "workspace");
    let work = root.join("target").join("corpus-fast");
    std::fs::create_dir_all(&work).expect("scratch folder");
    let results = work.join("results.jsonl");
    let _ = std::fs::remove_file(&results);

    let output = lean_builds(&mut Command::new(&runner))
        .args(["--fast", "--road", "shim,migrate", "--no-docs"])
        .arg("--smolify-binary")
        .arg(&smolify)
        .arg("--work-dir")
        .arg(&work)
        .arg("--json-lines")
        .arg(&results)
        .output()
        .expect("cannot run smolify-corpus");
    let stderr = String::from_utf8_lossy(&output.stderr);

    let lines = std::fs::read_to_string(&results).unwrap_or_default();
    let results: Vec<serde_json::Value> = lines
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line per crate and road"))
        .collect();
    let summary: Vec<String> = results
        .iter()
        .map(|result| {
            format!(
                "{} {} on {}: {}",
                result["name"].as_str().unwrap_or("?"),
                result["version"].as_str().unwrap_or("?"),
                result["road"].as_str().unwrap_or("?"),
                if result["green"] == true {
                    "green".to_string()
                } else {
                    result["reasons"].to_string()
                }
            )
        })
        .collect();
    let corpus = std::fs::read_to_string(root.join("corpus/crates.toml")).expect("crates.toml");
    let fast = corpus.matches("\nfast = true").count();
    assert!(fast >= 5, "the fast subset has {fast} crates");
    assert_eq!(
        results.len(),
        fast * 2,
        "every fast crate ran on both roads:\n{}\n{stderr}",
        summary.join("\n")
    );
    assert!(
        results.iter().all(|result| result["green"] == true),
        "not green:\n{}\n{stderr}",
        summary.join("\n")
    );
    assert!(output.status.success(), "smolify-corpus failed:\n{stderr}");
}
