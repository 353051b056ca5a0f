//! The whole-graph drop-in: one `[patch.crates-io]` entry moves every crate that
//! depends on async-std 1.x onto the shim, without touching a source.
//!
//! The scratch application in `target/patch-graph/` depends, from the registry, on
//! tide (an HTTP server; async-std 1.x with `unstable` and default features) and surf
//! (an HTTP client; async-std 1.x with `std` only, no default features), and patches
//! async-std with `facade/async-std`. The test checks that no async-std from the
//! registry is left in the graph, then runs the application: tide serves on
//! 127.0.0.1, surf is its client, and both now run on the shim.

use std::path::Path;
use std::process::Command;

use smolify_tests::{nested_cargo, workspace_root};

const MANIFEST: &str = r#"[package]
name = "patch-graph-app"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
tide = { version = "0.16", default-features = false, features = ["h1-server"] }
surf = { version = "2.3", default-features = false, features = ["h1-client-no-tls"] }

[patch.crates-io]
async-std = { path = "FACADE" }
"#;

const MAIN: &str = r#"//! tide serves, surf asks: two async-std libraries, both patched onto the shim.

#[derive(serde::Deserialize, serde::Serialize)]
struct Greeting {
    name: String,
    times: u32,
}

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;

    let mut app = tide::new();
    app.at("/hello/:name").get(|req: tide::Request<()>| async move {
        Ok(format!("hello, {}", req.param("name")?))
    });
    app.at("/greet").post(|mut req: tide::Request<()>| async move {
        let greeting: Greeting = req.body_json().await?;
        Ok(vec![format!("hi {}", greeting.name); greeting.times as usize].join("; "))
    });
    // tide's listener runs on the (patched) async-std runtime's task pool.
    let server = async_std::task::spawn(app.listen(listener));

    async_std::task::block_on(async move {
        let base = format!("http://{addr}");
        let hello = surf::get(format!("{base}/hello/smol")).recv_string().await?;
        println!("{hello}");
        let body = surf::Body::from_json(&Greeting { name: "async-std".into(), times: 2 })?;
        let greet = surf::post(format!("{base}/greet")).body(body).recv_string().await?;
        println!("{greet}");
        let missing = surf::get(format!("{base}/nowhere")).await?;
        println!("status {}", u16::from(missing.status()));
        drop(server);
        Ok(())
    })
}
"#;

fn scratch_app() -> std::path::PathBuf {
    let folder = workspace_root().join("target/patch-graph");
    std::fs::create_dir_all(folder.join("src")).unwrap();
    let facade = workspace_root().join("facade/async-std");
    let manifest = MANIFEST.replace("FACADE", facade.to_str().unwrap())
        + "\n[dependencies.async-std]\nversion = \"1\"\n\n[dependencies.serde]\nversion = \"1\"\nfeatures = [\"derive\"]\n";
    std::fs::write(folder.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(folder.join("src/main.rs"), MAIN).unwrap();
    folder
}

fn cargo(folder: &Path, args: &[&str]) -> std::process::Output {
    nested_cargo()
        .args(args)
        .arg("--manifest-path")
        .arg(folder.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", folder.join("target"))
        .output()
        .expect("cannot run cargo")
}

#[test]
fn tide_and_surf_run_on_the_shim_through_one_patch_entry() {
    let folder = scratch_app();

    // No async-std from the registry is left: every async-std in the graph is the
    // facade, whatever version requirement and features its dependents asked for.
    let metadata = cargo(&folder, &["metadata", "--format-version", "1"]);
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&metadata.stdout).unwrap();
    let async_std: Vec<&serde_json::Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "async-std")
        .collect();
    assert_eq!(async_std.len(), 1, "{async_std:?}");
    assert!(
        async_std[0]["source"].is_null(),
        "not the facade: {}",
        async_std[0]["id"]
    );
    assert!(
        async_std[0]["manifest_path"]
            .as_str()
            .unwrap()
            .contains("facade"),
        "{}",
        async_std[0]["manifest_path"]
    );
    let dependents: Vec<&str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["name"] == "async-std" && d["kind"].is_null())
        })
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for expected in ["tide", "surf", "http-client", "http-types", "async-sse"] {
        assert!(
            dependents.contains(&expected),
            "{expected} not in {dependents:?}"
        );
    }

    let build = cargo(&folder, &["build", "--quiet"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new(folder.join("target/debug/patch-graph-app"))
        .output()
        .expect("cannot run the app");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "hello, smol\nhi async-std; hi async-std\nstatus 404\n"
    );
}
