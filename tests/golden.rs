//! `examples/migrated` is exactly what `cargo smolify --apply` makes of a copy of
//! `examples/legacy`, and a second run changes nothing.

use std::path::{Path, PathBuf};

use smolify_tests::{smolify, workspace_root};

/// The files the migration reads and writes: sources and manifests. Cargo.lock is
/// cargo's, and target/ is build output.
fn migratable_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if name != "target" {
                    folders.push(path);
                }
            } else if name == "Cargo.toml" || name.ends_with(".rs") {
                files.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    files.sort();
    files
}

fn copy_tree(from: &Path, to: &Path) {
    for file in migratable_files(from) {
        let target = to.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&file), target).unwrap();
    }
}

#[test]
fn migrated_examples_are_the_clis_output_for_the_legacy_ones() {
    let legacy = workspace_root().join("examples/legacy");
    let migrated = workspace_root().join("examples/migrated");
    let scratch = tempfile::tempdir().unwrap();
    copy_tree(&legacy, scratch.path());

    // The migrated examples are built and run by examples_equivalence.rs.
    let output = smolify(&["--apply", "--no-verify"], scratch.path());
    assert!(
        output.status.success(),
        "cargo smolify --apply failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let expected = migratable_files(&migrated);
    assert_eq!(migratable_files(scratch.path()), expected, "the same files");
    for file in &expected {
        let ours = std::fs::read_to_string(scratch.path().join(file)).unwrap();
        let committed = std::fs::read_to_string(migrated.join(file)).unwrap();
        assert_eq!(
            ours,
            committed,
            "examples/migrated/{} differs from the CLI's output; regenerate it with \
             `cargo run -p cargo-smolify -- --apply` on a copy of examples/legacy",
            file.display()
        );
    }

    // Idempotent: a second run over the output finds nothing to do.
    let again = smolify(&["--check"], scratch.path());
    assert!(
        again.status.success(),
        "a second run would change the migrated code:\n{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn every_comment_of_the_legacy_sources_is_in_the_migrated_ones() {
    let legacy = workspace_root().join("examples/legacy");
    let migrated = workspace_root().join("examples/migrated");
    for file in migratable_files(&legacy) {
        let old = std::fs::read_to_string(legacy.join(&file)).unwrap();
        let new = std::fs::read_to_string(migrated.join(&file)).unwrap();
        let comments = comments(&old, &file);
        assert!(!comments.is_empty() || !file.ends_with("main.rs"));
        for comment in comments {
            assert!(
                new.contains(&comment),
                "{}: comment lost: {comment:?}",
                file.display()
            );
        }
    }
}

/// Every comment in a Rust or TOML file, as its text from the marker to the line end
/// (or the block comment's end).
fn comments(text: &str, file: &Path) -> Vec<String> {
    let is_toml = file.extension().is_some_and(|ext| ext == "toml");
    let mut out = Vec::new();
    for line in text.lines() {
        let marker = if is_toml { "#" } else { "//" };
        if let Some(index) = line.find(marker) {
            // Skip markers inside a string literal on the line (e.g. "#[...]" in TOML).
            if line[..index].matches('"').count() % 2 == 0 {
                out.push(line[index..].trim_end().to_string());
            }
        }
        if !is_toml {
            if let (Some(start), Some(end)) = (line.find("/*"), line.find("*/")) {
                out.push(line[start..end + 2].to_string());
            }
        }
    }
    out
}
