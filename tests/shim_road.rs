//! The shim road in the CLI, end to end: `cargo smolify --shim` (rename the direct
//! dependency) and `cargo smolify --shim --graph` (patch the whole graph) on a copy of
//! `examples/legacy`; the echo server then builds on the shim, with its sources
//! untouched, and passes the echo equivalence check.

use std::path::{Path, PathBuf};
use std::process::Command;

use smolify_tests::{build_binary, run_echo_clients, smolify, workspace_root, Server};

/// Copies the legacy examples' sources, manifests and lock file into `to`. Their
/// workspace patches async-std-compat with a path relative to this repository; the copy
/// lives elsewhere, so that path is made absolute.
fn copy_legacy(to: &Path) {
    let from = workspace_root().join("examples/legacy");
    let mut folders = vec![from.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let target = to.join(path.strip_prefix(&from).unwrap());
            if path.is_dir() {
                if name != "target" {
                    std::fs::create_dir_all(&target).unwrap();
                    folders.push(path);
                }
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let manifest = to.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let shim = workspace_root().join("shim");
    std::fs::write(
        &manifest,
        text.replace(
            "\"../../shim\"",
            &format!("{:?}", shim.display().to_string()),
        ),
    )
    .unwrap();
}

fn sources(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("target") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The packages named `name` in the copy's resolved graph: (source, manifest path).
fn packages_named(manifest: &Path, name: &str) -> Vec<(Option<String>, String)> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == name)
        .map(|p| {
            (
                p["source"].as_str().map(str::to_string),
                p["manifest_path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_echo_server(binary: PathBuf) {
    let mut server = Server::start(&binary, &["127.0.0.1:0"]);
    let outcomes = run_echo_clients(server.addr, 16, 3, 16 * 1024, 0x5111);
    assert!(outcomes.iter().all(|outcome| outcome.intact));
    assert!(server.is_running());
}

fn road(args: &[&str], label: &str) -> PathBuf {
    let copy = workspace_root().join("target/shim-road").join(label);
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).unwrap();
    copy_legacy(&copy);
    let before = sources(&copy);
    let smolify_path = workspace_root();
    let mut all_args = vec!["--apply", "--allow-dirty", "--smolify-path"];
    all_args.push(smolify_path.to_str().unwrap());
    all_args.extend(args);
    let output = smolify(&all_args, &copy);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        sources(&copy),
        before,
        "the shim road changed a source file"
    );

    // A second run changes nothing.
    let again = smolify(
        &[
            &["--check", "--smolify-path"][..],
            &[smolify_path.to_str().unwrap()],
            args,
        ]
        .concat(),
        &copy,
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    copy
}

#[test]
fn shim_renames_the_dependency_and_the_echo_server_runs_on_the_shim() {
    let copy = road(&["--shim"], "rename");
    let manifest = std::fs::read_to_string(copy.join("echo-server/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("async-std = { package = \"async-std-compat\""),
        "{manifest}"
    );
    // async-std is gone from the echo server's graph; the shim is there.
    let echo = copy.join("echo-server/Cargo.toml");
    assert!(packages_named(&echo, "async-std-compat")
        .iter()
        .all(|(source, _)| source.is_none()));
    check_echo_server(build_binary(
        &copy.join("Cargo.toml"),
        "echo-server",
        "echo-server",
        "shim-road-rename",
    ));
}

#[test]
fn shim_graph_patches_every_async_std_and_the_echo_server_runs_on_the_shim() {
    let copy = road(&["--shim", "--graph"], "graph");
    let root = std::fs::read_to_string(copy.join("Cargo.toml")).unwrap();
    assert!(root.contains("async-std = { path = "), "{root}");
    let found = packages_named(&copy.join("Cargo.toml"), "async-std");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].0.is_none() && found[0].1.contains("facade"),
        "{found:?}"
    );
    check_echo_server(build_binary(
        &copy.join("Cargo.toml"),
        "echo-server",
        "echo-server",
        "shim-road-graph",
    ));
}
