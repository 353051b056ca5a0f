//! The shim at its dependency floors: every registry dependency of async-std-compat
//! and its macros locked at exactly the oldest version its requirement allows (which
//! is no newer than async-std 1.13.0's own requirement), then the shim's tests built
//! and run with that lock, `--locked`.
//!
//! This is what makes the drop-in road resolve inside a Cargo.lock written for
//! async-std: the shim asks for nothing newer than the lock already holds.
//!
//! The lock is `tests/floors/Cargo.lock`. `SMOLIFY_BLESS=1 cargo test --test
//! dependency_floors` makes it anew (a fresh resolution, then `cargo update --precise`
//! down to each floor); the test fails when a direct dependency is not at its floor.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use smolify_tests::{nested_cargo, workspace_root};

/// The oldest version of each crate that async-std and the shim both depend on that a
/// lock holding async-std 1.13.0 can have: the shim may ask for no newer. Mostly
/// async-std's own requirement; two are higher because async-std's own dependencies
/// ask for more (checked by resolving `async-std = "=1.13.0"` beside `=` the older
/// version: cargo refuses).
const ASYNC_STD_1_13_0: &[(&str, &str)] = &[
    ("async-channel", "1.8.0"),
    ("async-io", "2.2.0"),
    ("async-lock", "3.1.0"),
    ("async-process", "2.0.0"),
    // async-std asks for 0.3.4; its async-channel 1.8 for 0.3.5.
    ("futures-core", "0.3.5"),
    ("futures-lite", "2.0.0"),
    ("log", "0.4.8"),
    // async-std asks for 0.2.0 (yanked); its async-lock 3.1 -> event-listener-strategy
    // 0.3 for 0.2.12.
    ("pin-project-lite", "0.2.12"),
];

/// Floors that the lock cannot hold because another dependency at its floor asks for
/// more; the lock holds this version instead. The requirement stays lower so that locks
/// without that other dependency keep resolving.
const RAISED_BY_THE_GRAPH: &[(&str, &str, &str)] = &[(
    "futures-core",
    "0.3.26",
    "async-process 2.0 (the unstable feature) -> async-signal 0.2.3 asks for ^0.3.26",
)];

/// The registry dependencies of a manifest's `[dependencies]` and
/// `[dev-dependencies]` tables: name to the oldest version its requirement allows.
fn floors_of(manifest: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let value: toml::Table = toml::from_str(&text).unwrap();
    let mut floors = BTreeMap::new();
    for table in ["dependencies", "dev-dependencies"] {
        let Some(dependencies) = value.get(table).and_then(|t| t.as_table()) else {
            continue;
        };
        for (key, spec) in dependencies {
            if spec.get("path").is_some() {
                continue;
            }
            let name = spec
                .get("package")
                .and_then(|p| p.as_str())
                .unwrap_or(key)
                .to_string();
            let requirement = spec
                .as_str()
                .or_else(|| spec.get("version").and_then(|v| v.as_str()))
                .unwrap_or_else(|| panic!("{key} in {} has no version", manifest.display()));
            let floor = RAISED_BY_THE_GRAPH
                .iter()
                .find(|(raised, _, _)| *raised == name)
                .map_or_else(
                    || floor_of(requirement),
                    |(_, version, _)| version.to_string(),
                );
            floors.insert(name, floor);
        }
    }
    floors
}

/// `"1.8"` -> `"1.8.0"`, `"0.3.4"` -> `"0.3.4"`: the oldest version a caret
/// requirement allows.
fn floor_of(requirement: &str) -> String {
    let version = requirement.trim_start_matches('^');
    assert!(
        version.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "only plain caret requirements have a floor: {requirement}"
    );
    let mut parts: Vec<&str> = version.split('.').collect();
    while parts.len() < 3 {
        parts.push("0");
    }
    parts.join(".")
}

/// Rewrites each registry requirement of `manifest` to `=floor`.
fn pin_to_floors(manifest: &Path) {
    let floors = floors_of(manifest);
    let mut value: toml::Table =
        toml::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    for table in ["dependencies", "dev-dependencies"] {
        let Some(dependencies) = value.get_mut(table).and_then(|t| t.as_table_mut()) else {
            continue;
        };
        for (key, spec) in dependencies.iter_mut() {
            if key == "trybuild" || spec.get("path").is_some() {
                continue;
            }
            match spec {
                toml::Value::String(requirement) => *requirement = format!("={}", floors[key]),
                toml::Value::Table(table) => {
                    let name = table.get("package").and_then(|p| p.as_str()).unwrap_or(key);
                    table.insert("version".into(), format!("={}", floors[name]).into());
                }
                _ => panic!("{key}: an unexpected dependency shape"),
            }
        }
    }
    std::fs::write(manifest, toml::to_string(&value).unwrap()).unwrap();
}

/// A workspace of copies of shim/ and macros/ (their manifests, sources and tests)
/// in the target folder, with the root's `[workspace.package]`.
fn scratch_workspace() -> PathBuf {
    let root = workspace_root();
    let scratch = root.join("target").join("floors").join("workspace");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).unwrap();
    }
    for crate_folder in ["shim", "macros"] {
        copy_tree(&root.join(crate_folder), &scratch.join(crate_folder));
    }
    // async-process added these getters after 2.0: at its floor they do not exist, for
    // async-std as for the shim.
    std::fs::remove_file(scratch.join("shim/tests/process_getters.rs")).unwrap();
    let root_manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let start = root_manifest.find("[workspace.package]").unwrap();
    let end = root_manifest[start + 1..]
        .find("\n[")
        .map_or(root_manifest.len(), |i| start + 1 + i);
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nmembers = [\"shim\", \"macros\"]\nresolver = \"2\"\n\n{}\n",
            &root_manifest[start..end]
        ),
    )
    .unwrap();
    scratch
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

fn cargo(folder: &Path, args: &[&str]) -> std::process::Output {
    nested_cargo()
        .args(args)
        .current_dir(folder)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root()
                .join("target")
                .join("floors")
                .join("target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cannot run cargo")
}

fn locked_versions(lock: &Path) -> BTreeMap<String, Vec<String>> {
    let value: toml::Table = toml::from_str(&std::fs::read_to_string(lock).unwrap()).unwrap();
    let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for package in value["package"].as_array().unwrap() {
        versions
            .entry(package["name"].as_str().unwrap().to_string())
            .or_default()
            .push(package["version"].as_str().unwrap().to_string());
    }
    versions
}

#[test]
fn no_requirement_is_newer_than_async_std_1_13_0s() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(workspace_root().join("shim/Cargo.toml")).unwrap())
            .unwrap();
    for (name, async_std_floor) in ASYNC_STD_1_13_0 {
        let spec = &manifest["dependencies"][*name];
        let ours = floor_of(spec.as_str().or_else(|| spec["version"].as_str()).unwrap());
        let ours = &ours;
        let key = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap()).collect() };
        assert!(
            key(ours) <= key(async_std_floor),
            "the shim asks for {name} {ours}, async-std 1.13.0 for {async_std_floor}: a lock \
             written for async-std may hold a version the shim refuses"
        );
    }
}

#[test]
fn the_shim_builds_and_passes_its_tests_with_every_dependency_at_its_floor() {
    let root = workspace_root();
    let committed = root.join("tests/floors/Cargo.lock");
    let scratch = scratch_workspace();
    let mut floors = floors_of(&root.join("shim/Cargo.toml"));
    floors.extend(floors_of(&root.join("macros/Cargo.toml")));
    // trybuild is the macros' test harness, not something a user's graph gets.
    floors.remove("trybuild");

    if std::env::var_os("SMOLIFY_BLESS").is_some() {
        // The resolver picks the rest of the graph around the floors when each
        // requirement is `=floor` for the time of one resolution; the manifests are then
        // put back as they are, which the lock satisfies.
        for crate_folder in ["shim", "macros"] {
            pin_to_floors(&scratch.join(crate_folder).join("Cargo.toml"));
        }
        let output = cargo(&scratch, &["generate-lockfile"]);
        assert!(
            output.status.success(),
            "the floors do not resolve together:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
        std::fs::copy(scratch.join("Cargo.lock"), &committed).unwrap();
        drop(scratch_workspace());
    }
    std::fs::copy(&committed, scratch.join("Cargo.lock")).unwrap();

    let locked = locked_versions(&committed);
    let mut off_floor = Vec::new();
    for (name, floor) in &floors {
        match locked.get(name) {
            Some(versions) if versions.contains(floor) => {}
            other => off_floor.push(format!("{name}: floor {floor}, locked {other:?}")),
        }
    }
    assert!(
        off_floor.is_empty(),
        "tests/floors/Cargo.lock does not hold every dependency at its floor \
         (SMOLIFY_BLESS=1 makes it anew):\n{}",
        off_floor.join("\n")
    );

    // Every feature builds; the tests run with the features async-std's users enable.
    let check = cargo(
        &scratch,
        &[
            "check",
            "--locked",
            "-p",
            "async-std-compat",
            "--all-features",
            "--all-targets",
        ],
    );
    assert!(
        check.status.success(),
        "the shim does not build at its floors:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let test = cargo(
        &scratch,
        &[
            "test",
            "--locked",
            "-p",
            "async-std-compat",
            "--features",
            "attributes,unstable,io_safety",
        ],
    );
    assert!(
        test.status.success(),
        "the shim's tests fail at its floors:\n{}\n{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
}
