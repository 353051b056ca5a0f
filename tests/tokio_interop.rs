//! async-std's `tokio1` feature, kept by the shim: tokio-only futures (a tokio timer, a
//! tokio `TcpStream`) work inside spawned tasks and `block_on` with the feature on, and
//! fail the same way as under async-std with it off.
//!
//! One program, four builds in `target/tokio-interop/`: on async-std 1.13.2 and on the
//! shim (renamed to `async-std`), each with and without `tokio1`.

use std::path::{Path, PathBuf};
use std::process::Command;

use smolify_tests::{nested_cargo, workspace_root};

const PROGRAM: &str = r#"//! A tokio timer and a tokio socket inside an async-std task.
use std::io::Write;
use std::time::Duration;

fn main() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket.write_all(b"pong").unwrap();
    });
    let reply = async_std::task::block_on(async move {
        // In block_on itself...
        tokio::time::sleep(Duration::from_millis(5)).await;
        // ...and in a task on the runtime's threads.
        async_std::task::spawn(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let mut reply = String::new();
            tokio::io::AsyncReadExt::read_to_string(&mut stream, &mut reply).await.unwrap();
            reply
        })
        .await
    });
    println!("{reply}");
}
"#;

/// Builds the program against `dependency` into the shared scratch target folder and
/// returns the executable.
fn build(name: &str, dependency: &str) -> PathBuf {
    let root = workspace_root().join("target/tokio-interop");
    let folder = root.join(name);
    std::fs::create_dir_all(folder.join("src")).unwrap();
    std::fs::write(
        folder.join("Cargo.toml"),
        format!(
            r#"[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
{dependency}
tokio = {{ version = "1", features = ["net", "time", "io-util"] }}
"#
        ),
    )
    .unwrap();
    std::fs::write(folder.join("src/main.rs"), PROGRAM).unwrap();
    let output = nested_cargo()
        .args(["build", "--quiet", "--manifest-path"])
        .arg(folder.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .expect("cannot run cargo");
    assert!(
        output.status.success(),
        "building {name} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    root.join("target/debug").join(name)
}

fn run(binary: &Path) -> (bool, String, String) {
    let output = Command::new(binary)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("cannot run the program");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn shim(features: &str) -> String {
    format!(
        r#"async-std = {{ package = "async-std-compat", path = "{}", features = [{features}] }}"#,
        workspace_root().join("shim").display()
    )
}

#[test]
fn tokio_futures_run_in_tasks_with_tokio1_and_fail_without_it_as_on_async_std() {
    let async_std_with = build(
        "async-std-with-tokio1",
        r#"async-std = { version = "=1.13.2", features = ["tokio1"] }"#,
    );
    let async_std_without = build("async-std-without-tokio1", r#"async-std = "=1.13.2""#);
    let shim_with = build("shim-with-tokio1", &shim("\"tokio1\""));
    let shim_without = build("shim-without-tokio1", &shim(""));

    for binary in [&async_std_with, &shim_with] {
        let (success, stdout, stderr) = run(binary);
        assert!(success, "{}: {stderr}", binary.display());
        assert_eq!(stdout, "pong\n", "{}", binary.display());
    }
    for binary in [&async_std_without, &shim_without] {
        let (success, stdout, stderr) = run(binary);
        assert!(!success, "{} succeeded without tokio1", binary.display());
        assert_eq!(stdout, "");
        assert!(
            stderr.contains("must be called from the context of a Tokio 1.x runtime"),
            "{}: {stderr}",
            binary.display()
        );
    }
}
