//! The `cargo-smolify` binary end to end: modes, exit codes and what it does to files.

use std::path::Path;
use std::process::Command;

use assert_cmd::assert::OutputAssertExt;
use assert_cmd::cargo::CommandCargoExt;

const LEGACY: &str = r#"use async_std::task;

#[async_std::main]
async fn main() {
    // Fire and forget.
    task::spawn(async { println!("hi") });
}
"#;

const MANIFEST: &str = r#"[package]
name = "demo"
version = "0.1.0"
edition = "2021"

[dependencies]
async-std = { version = "1.13", features = ["attributes"] } # runtime
"#;

fn crate_folder(source: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("src")).unwrap();
    std::fs::write(folder.path().join("Cargo.toml"), MANIFEST).unwrap();
    std::fs::write(folder.path().join("src/main.rs"), source).unwrap();
    folder
}

fn smolify() -> Command {
    Command::cargo_bin("cargo-smolify").unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_dry_run_prints_a_diff_that_git_applies_and_writes_nothing() {
    let folder = crate_folder(LEGACY);
    let output = smolify()
        .arg(".")
        .current_dir(folder.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(diff.contains("+    smol::block_on(async {"), "{diff}");
    assert!(diff.contains("-async-std = "), "{diff}");
    assert_eq!(
        read(&folder.path().join("src/main.rs")),
        LEGACY,
        "nothing written"
    );

    std::fs::write(folder.path().join("changes.diff"), &diff).unwrap();
    let applied = Command::new("git")
        .args(["apply", "changes.diff"])
        .current_dir(folder.path())
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let migrated = read(&folder.path().join("src/main.rs"));
    assert!(
        migrated.contains("smol::spawn(async { println!(\"hi\") }).detach();"),
        "{migrated}"
    );
    assert!(read(&folder.path().join("Cargo.toml")).contains("smol = \"2\" # runtime"));
}

#[test]
fn apply_writes_and_check_then_finds_nothing_to_do() {
    let folder = crate_folder(LEGACY);
    smolify().arg("--check").arg(folder.path()).assert().code(1);
    smolify()
        .arg("--apply")
        .arg(folder.path())
        .assert()
        .success();
    let migrated = read(&folder.path().join("src/main.rs"));
    assert_eq!(
        migrated,
        "\nfn main() {\n    smol::block_on(async {\n        // Fire and forget.\n        smol::spawn(async { println!(\"hi\") }).detach();\n    })\n}\n"
    );
    smolify()
        .arg("--check")
        .arg(folder.path())
        .assert()
        .success();
}

#[test]
fn runs_as_a_cargo_subcommand() {
    let folder = crate_folder(LEGACY);
    // `cargo smolify --check DIR` runs `cargo-smolify smolify --check DIR`.
    smolify()
        .args(["smolify", "--check"])
        .arg(folder.path())
        .assert()
        .code(1);
}

#[test]
fn a_file_that_does_not_parse_is_left_untouched_and_reported() {
    let folder = crate_folder(LEGACY);
    let broken = "use async_std::task;\nfn broken( {\n";
    std::fs::write(folder.path().join("src/broken.rs"), broken).unwrap();
    let output = smolify()
        .arg("--apply")
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "files were left unmigrated");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("src/broken.rs:"), "{stderr}");
    assert!(
        stderr.contains("not valid Rust, left untouched"),
        "{stderr}"
    );
    assert_eq!(read(&folder.path().join("src/broken.rs")), broken);
    // The other files were still migrated.
    assert!(read(&folder.path().join("src/main.rs")).contains("smol::block_on"));
}

#[test]
fn a_file_without_async_std_comes_out_byte_identical() {
    let plain = "// no async-std here\nfn main() {\n    println!(\"hi\");\n}\n";
    let folder = crate_folder(plain);
    smolify()
        .arg("--apply")
        .arg(folder.path())
        .assert()
        .success();
    assert_eq!(read(&folder.path().join("src/main.rs")), plain);
}

#[test]
fn a_missing_path_is_a_usage_error() {
    smolify()
        .arg("/definitely/not/here")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist"));
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    smolify().arg("--frobnicate").assert().code(2);
}

fn git(folder: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(args)
        .current_dir(folder)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn apply_refuses_a_dirty_git_tree_unless_allowed() {
    let folder = crate_folder(LEGACY);
    git(folder.path(), &["init", "-q"]);
    git(folder.path(), &["add", "."]);
    git(folder.path(), &["commit", "-qm", "legacy"]);
    std::fs::write(
        folder.path().join("src/main.rs"),
        format!("{LEGACY}// edited\n"),
    )
    .unwrap();

    smolify()
        .arg("--apply")
        .arg(folder.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("uncommitted changes"));
    assert!(read(&folder.path().join("src/main.rs")).contains("#[async_std::main]"));

    smolify()
        .args(["--apply", "--allow-dirty"])
        .arg(folder.path())
        .assert()
        .success();
    assert!(read(&folder.path().join("src/main.rs")).contains("smol::block_on"));
}
