//! A task whose handle is dropped still runs to completion: on async-std, on the shim,
//! and in the migrated code (where the CLI added `.detach()`; a dropped smol `Task`
//! would cancel its task).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use smolify_tests::{build_binary, lean_builds, workspace_root};

const EXPECTED: &str = "first: 10, second: 10";

fn run(binary: &Path) -> String {
    let output = Command::new(binary)
        .output()
        .expect("cannot run the program");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

fn copy_fixture(to: &Path) {
    let from = workspace_root().join("tests/fixtures/dropped-handle");
    std::fs::create_dir_all(to.join("src")).unwrap();
    for file in ["Cargo.toml", "src/main.rs"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
}

#[test]
fn on_the_shim_a_dropped_handle_detaches() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let finished = Arc::new(AtomicBool::new(false));
    let flag = finished.clone();
    async_std_compat::task::block_on(async move {
        let handle = async_std_compat::task::spawn(async move {
            for _ in 0..10 {
                futures_lite::future::yield_now().await;
            }
            flag.store(true, Ordering::SeqCst);
        });
        drop(handle);
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while !finished.load(Ordering::SeqCst) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        finished.load(Ordering::SeqCst),
        "the detached task did not finish"
    );
}

#[test]
fn legacy_program_on_async_std() {
    let manifest = workspace_root().join("tests/fixtures/dropped-handle/Cargo.toml");
    let binary = build_binary(&manifest, "dropped-handle", "dropped-handle", "legacy");
    assert_eq!(run(&binary), EXPECTED);
}

#[test]
fn migrated_program_on_smol() {
    let scratch = tempfile::tempdir().unwrap();
    copy_fixture(scratch.path());
    let smolify = build_binary(
        &workspace_root().join("Cargo.toml"),
        "cargo-smolify",
        "cargo-smolify",
        "workspace",
    );
    let status = lean_builds(&mut Command::new(smolify))
        .arg("--apply")
        .arg(scratch.path())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    let source = std::fs::read_to_string(scratch.path().join("src/main.rs")).unwrap();
    assert_eq!(source.matches(".detach()").count(), 2, "{source}");
    let manifest = std::fs::read_to_string(scratch.path().join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("async-std"), "{manifest}");

    let binary = build_binary(
        &scratch.path().join("Cargo.toml"),
        "dropped-handle",
        "dropped-handle",
        "migrated",
    );
    assert_eq!(run(&binary), EXPECTED);
}
