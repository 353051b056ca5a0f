//! async-std 1.13.2's own test suite, run against the shim.
//!
//! The test files come from the registry at test time (they are async-std's, not
//! ours, and are not copied into this repository): the scratch crate in
//! `target/conformance/` names them as its `[[test]]` targets and depends on the shim
//! under the name `async-std`, exactly as a user's crate would after the rename.
//!
//! Every one of async-std's test files must pass. `SMOLIFY_CONFORMANCE=udp,uds cargo
//! test --test conformance -- --nocapture` runs just those files (in a scratch folder of
//! their own, so that two such runs do not share one).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use smolify_tests::{async_std_source, nested_cargo, workspace_root};

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
///
/// The tests get a stdin that stays open and silent, as a terminal's would be:
/// `io_timeout` expects a read of stdin to block until its timeout fires.
fn run_file(folder: &Path, name: &str) -> Result<(), String> {
    let mut child = nested_cargo()
        .args(["test", "--quiet", "--test", name])
        .arg("--manifest-path")
        .arg(folder.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", folder.join("target"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run cargo test");
    let silent_stdin = child.stdin.take();
    let output = child.wait_with_output().expect("cannot run cargo test");
    drop(silent_stdin);
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
        "" | "all" => (ALL.to_vec(), ALL.to_vec(), "conformance".into()),
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
