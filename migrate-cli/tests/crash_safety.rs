//! Crash safety: `cargo smolify --apply` killed at any moment leaves every file either
//! wholly old or wholly new, never half-written.
//!
//! A tree of many async-std files is migrated once to learn each file's migrated
//! text and how long a run takes; then fresh copies of the tree are migrated and the
//! process is killed (SIGKILL, no chance to clean up) at points spread over that
//! time. Every file of every killed run must be byte-for-byte its old or its new text.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const FILES: usize = 600;

/// Writes a crate with `FILES` async-std modules into `root`.
fn write_tree(root: &Path) {
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"crash-tree\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nasync-std = { version = \"1.13\", features = [\"attributes\"] }\n",
    )
    .unwrap();
    let mut lib = String::new();
    for i in 0..FILES {
        lib.push_str(&format!("mod m{i};\n"));
        // Files of different sizes, so that writes take different times.
        let padding = "// padding line to make this file longer\n".repeat(i % 50);
        std::fs::write(
            root.join(format!("src/m{i}.rs")),
            format!(
                "use async_std::task;\n\n{padding}/// Spawns worker {i}.\npub fn start() {{\n    \
                 task::spawn(async {{ println!(\"worker {i}\"); }});\n}}\n\n\
                 #[async_std::test]\nasync fn works() {{\n    start();\n}}\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(root.join("src/lib.rs"), lib).unwrap();
}

/// Every file under `root`, by relative path.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn smolify(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-smolify"));
    command
        .arg("--apply")
        .arg("--allow-dirty")
        // The writes are what a kill may interrupt; the build check is another test's.
        .arg("--no-verify")
        .arg(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

#[test]
fn a_killed_apply_leaves_every_file_wholly_old_or_wholly_new() {
    let work = tempfile::tempdir().unwrap();
    let original = work.path().join("original");
    write_tree(&original);
    let old = snapshot(&original);

    // One full run: the new text of every file, and the run's length.
    let complete = work.path().join("complete");
    write_tree(&complete);
    let started = Instant::now();
    let status = smolify(&complete).status().unwrap();
    let run_time = started.elapsed();
    assert!(status.code().is_some_and(|code| code <= 1), "{status}");
    let new = snapshot(&complete);
    let changed = old
        .iter()
        .filter(|(path, bytes)| new[*path] != **bytes)
        .count();
    assert!(
        changed > FILES / 2,
        "the full run changed only {changed} files"
    );

    let mut interrupted_mid_way = 0;
    for attempt in 0..10u32 {
        let tree = work.path().join(format!("killed-{attempt}"));
        write_tree(&tree);
        let mut child = smolify(&tree).spawn().unwrap();
        // Spread the kills over the run, from its very start to its end.
        std::thread::sleep(run_time * attempt / 10);
        let _ = child.kill();
        let _ = child.wait();

        let seen = snapshot(&tree);
        let (mut old_count, mut new_count) = (0, 0);
        for (path, bytes) in &seen {
            let name = path.file_name().unwrap().to_string_lossy();
            if name.starts_with(".smolify-") {
                // A temporary file the killed run had not renamed yet: not a user file.
                continue;
            }
            let was = old
                .get(path)
                .unwrap_or_else(|| panic!("new file {}", path.display()));
            if bytes == was {
                old_count += 1;
            } else if *bytes == new[path] {
                new_count += 1;
            } else {
                panic!("{} is neither old nor new after a kill", path.display());
            }
        }
        for path in old.keys() {
            assert!(
                seen.contains_key(path),
                "{} vanished after a kill",
                path.display()
            );
        }
        if old_count > 0 && new_count > 0 {
            interrupted_mid_way += 1;
        }
    }
    // The test means something only if some kill landed while files were being
    // written; with the run's length measured above, most do (7 of 10 here).
    println!("{interrupted_mid_way} of 10 kills landed mid-write (run took {run_time:?})");
    assert!(
        interrupted_mid_way > 0,
        "no kill landed while files were being written"
    );
}
