//! async-std 1.13.2's own test suite, run against the shim.
//!
//! The test files come from the registry at test time (they are async-std's, not
//! ours, and are not copied into this repository): the scratch crate in
//! `target/conformance/` names them as its `[[test]]` targets and depends on the shim
//! under the name `async-std`, exactly as a user's crate would after the rename.
//!
//! `CONFORMING` lists the files that must pass; the others are run and reported by
//! `SMOLIFY_CONFORMANCE=all cargo test --test conformance -- --nocapture`.
//! `SMOLIFY_CONFORMANCE=udp,uds` runs just those files (in their own scratch folder, so
//! that two such runs do not share one) and fails with their output if one fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use smolify_tests::workspace_root;

/// The async-std test files the shim passes, and must keep passing.
const CONFORMING: &[&str] = &[
    "addr",
    "block_on",
    "channel",
    "collect",
    "condvar",
    "mutex",
    "rwlock",
    "stream",
    "task_local",
    "tcp",
    "timeout",
];

/// Every test file of async-std 1.13.2.
const ALL: &[&str] = &[
    "addr",
    "block_on",
    "buf_writer",
    "channel",
    "collect",
    "condvar",
    "io_copy",
    "io_timeout",
    "mutex",
    "rwlock",
    "stream",
    "task_local",
    "tcp",
    "timeout",
    "udp",
    "uds",
    "verbose_errors",
];

/// async-std's source folder in the cargo registry, fetched if need be (the legacy
/// examples depend on async-std 1.13.2).
fn async_std_source() -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(workspace_root().join("examples/legacy/Cargo.toml"))
        .output()
        .expect("cannot run cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "async-std" && p["version"] == "1.13.2")
        .expect("async-std 1.13.2 is in the legacy examples' graph");
    let manifest = PathBuf::from(package["manifest_path"].as_str().unwrap());
    manifest.parent().unwrap().to_path_buf()
}

/// Writes the scratch crate that builds async-std's test files against the shim.
fn scratch_crate(source: &Path, name: &str) -> PathBuf {
    let folder = workspace_root().join("target").join(name);
    std::fs::create_dir_all(folder.join("src")).unwrap();
    let mut manifest = format!(
        r#"[package]
name = "async-std-conformance"
version = "0.0.0"
edition = "2018"
publish = false

[workspace]

# async-std's test files gate tests on `#[cfg(feature = "unstable")]` of the crate
# that compiles them: turn those tests on.
[features]
default = ["unstable"]
unstable = []

[dependencies]
async-std = {{ package = "async-std-compat", path = "{shim}", features = ["attributes", "unstable"] }}

[dev-dependencies]
femme = "2.1.1"
futures = "0.3.4"
pin-project-lite = "0.2"
rand = "0.8.0"
rand_xorshift = "0.3.0"
tempfile = "3.1.0"
"#,
        shim = workspace_root().join("shim").display()
    );
    for name in ALL {
        manifest.push_str(&format!(
            "\n[[test]]\nname = \"{name}\"\npath = \"{}\"\n",
            source.join("tests").join(format!("{name}.rs")).display()
        ));
    }
    std::fs::write(folder.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(folder.join("src/lib.rs"), "").unwrap();
    folder
}

/// Builds and runs one of async-std's test files; `Err` holds what cargo said.
fn run_file(folder: &Path, name: &str) -> Result<(), String> {
    let output = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--test", name])
        .arg("--manifest-path")
        .arg(folder.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", folder.join("target"))
        .output()
        .expect("cannot run cargo test");
    if output.status.success() {
        Ok(())
    } else {
        let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stdout));
        Err(text)
    }
}

#[test]
fn async_std_test_files_pass_against_the_shim() {
    let selection = std::env::var("SMOLIFY_CONFORMANCE").unwrap_or_default();
    let (files, required, folder): (Vec<&str>, Vec<&str>, String) = match selection.as_str() {
        "" => (CONFORMING.to_vec(), CONFORMING.to_vec(), "conformance".into()),
        "all" => (ALL.to_vec(), CONFORMING.to_vec(), "conformance".into()),
        list => {
            let chosen: Vec<&str> = list.split(',').map(str::trim).collect();
            for name in &chosen {
                assert!(ALL.contains(name), "async-std has no test file {name:?}");
            }
            let folder = format!("conformance-{}", chosen.join("-"));
            (chosen.clone(), chosen, folder)
        }
    };
    let folder = scratch_crate(&async_std_source(), &folder);
    let mut failures = Vec::new();
    for name in files {
        let result = run_file(&folder, name);
        println!("{name}: {}", if result.is_ok() { "pass" } else { "FAIL" });
        if let Err(output) = result {
            if required.contains(&name) {
                failures.push(format!("== {name}\n{output}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
