//! Publish readiness of the four crates meant for a registry, checked without building
//! or uploading anything (about a second): what each `.crate` would contain, the
//! manifest fields crates.io and docs.rs read, that the facade can never reach
//! crates.io, and that the versions the crates, their path dependencies, the CLI and
//! the READMEs name agree with each other.
//!
//! The full check with verification builds is a release step, not part of the suite:
//!
//! ```sh
//! cargo package -p async-std-compat-macros -p async-std-compat -p async-std -p cargo-smolify
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use smolify_tests::workspace_root;

/// The packages a release packages, in dependency order.
const PUBLISHED: &[&str] = &[
    "async-std-compat-macros",
    "async-std-compat",
    "async-std",
    "cargo-smolify",
];

fn cargo(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(workspace_root())
        .output()
        .expect("cannot run cargo");
    assert!(
        output.status.success(),
        "cargo {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("cargo prints UTF-8")
}

/// `cargo metadata` of the workspace's own packages.
fn metadata() -> Value {
    let text = cargo(&[
        "metadata",
        "--no-deps",
        "--format-version",
        "1",
        "--offline",
    ]);
    serde_json::from_str(&text).expect("cargo metadata prints JSON")
}

fn package<'a>(metadata: &'a Value, name: &str) -> &'a Value {
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not a workspace member"))
}

fn version_of(metadata: &Value, name: &str) -> String {
    package(metadata, name)["version"]
        .as_str()
        .unwrap()
        .to_string()
}

fn package_dir(package: &Value) -> PathBuf {
    Path::new(package["manifest_path"].as_str().unwrap())
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `(major, minor, patch)` of a version or of a caret requirement such as `^1.13` or
/// `1.13.2`; missing parts are 0.
fn parse_version(text: &str) -> (u64, u64, u64) {
    let text = text.trim().trim_start_matches('^');
    let mut parts = text.split('.').map(|p| {
        p.parse::<u64>()
            .unwrap_or_else(|_| panic!("not a plain version: {text:?}"))
    });
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

/// Whether `version` meets the caret requirement `requirement` (for versions >= 1.0,
/// which is all this repository writes requirements for).
fn meets(version: &str, requirement: &str) -> bool {
    let v = parse_version(version);
    let r = parse_version(requirement);
    assert!(
        r.0 >= 1,
        "requirement {requirement:?}: only 1.0 and later is handled"
    );
    v.0 == r.0 && (v.1, v.2) >= (r.1, r.2)
}

#[test]
fn each_crate_ships_a_readme_and_the_license_texts() {
    let metadata = metadata();
    for &name in PUBLISHED {
        let listing = cargo(&[
            "package",
            "--list",
            "--allow-dirty",
            "--offline",
            "--package",
            name,
        ]);
        let files: Vec<&str> = listing.lines().collect();
        for wanted in ["Cargo.toml", "README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            assert!(
                files.contains(&wanted),
                "{name}'s package lacks {wanted}: {files:?}"
            );
        }

        let package = package(&metadata, name);
        assert_eq!(package["readme"], "README.md", "{name}: readme");
        for field in ["description", "license", "repository"] {
            assert!(
                package[field].as_str().is_some_and(|s| !s.is_empty()),
                "{name} has no {field}"
            );
        }
        assert_eq!(
            package["metadata"]["docs"]["rs"]["all-features"], true,
            "{name}: [package.metadata.docs.rs] all-features"
        );

        // crates.io shows the README out of the repository: a link that climbs out of
        // the package folder would be dead there.
        let readme = std::fs::read_to_string(package_dir(package).join("README.md")).unwrap();
        assert!(
            readme.starts_with("# "),
            "{name}'s README starts with a title"
        );
        assert!(
            !readme.contains("](../"),
            "{name}'s README links out of the package with a relative path"
        );
        for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
            let text = std::fs::read_to_string(package_dir(package).join(license))
                .unwrap_or_else(|e| panic!("{name}/{license}: {e}"));
            assert!(text.len() > 500, "{name}/{license} is not the license text");
        }
    }
}

#[test]
fn only_the_facade_is_kept_off_crates_io() {
    let metadata = metadata();
    for &name in PUBLISHED {
        let publish = &package(&metadata, name)["publish"];
        if name == "async-std" {
            // `publish = false`: the name belongs to async-std on crates.io.
            assert_eq!(
                publish,
                &Value::Array(Vec::new()),
                "the facade must stay unpublishable"
            );
        } else {
            assert!(publish.is_null(), "{name}: publish = {publish}");
        }
    }
}

#[test]
fn versions_agree() {
    let metadata = metadata();
    let shim = version_of(&metadata, "async-std-compat");

    // A path dependency between published crates names the version in this tree, so
    // that the packaged manifest asks for the version released with it.
    for &name in PUBLISHED {
        for dep in package(&metadata, name)["dependencies"].as_array().unwrap() {
            if dep["path"].is_null() || !dep["kind"].is_null() {
                continue;
            }
            let dep_name = dep["name"].as_str().unwrap();
            let version = version_of(&metadata, dep_name);
            assert_eq!(
                dep["req"].as_str().unwrap(),
                format!("^{version}"),
                "{name}'s dependency on {dep_name} must name {dep_name}'s version {version}"
            );
        }
    }

    // The facade is the shim under async-std's name, at the same version.
    assert_eq!(version_of(&metadata, "async-std"), shim);

    // What the CLI writes for async-std-compat when the async-std entry had no version
    // (`pub const SHIM_REQUIREMENT: &str = "\"1.13\"";`).
    let source = std::fs::read_to_string(workspace_root().join("migrate-cli/src/manifest.rs"))
        .expect("migrate-cli/src/manifest.rs is readable");
    let line = source
        .lines()
        .find(|l| l.contains("const SHIM_REQUIREMENT"))
        .expect("the CLI defines SHIM_REQUIREMENT");
    let requirement = line
        .split('"')
        .map(|part| part.trim_end_matches('\\'))
        .find(|part| part.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no version in {line:?}"));
    assert!(
        meets(&shim, requirement),
        "the CLI writes async-std-compat {requirement:?}, which {shim} does not meet"
    );

    // The rename snippets users copy out of the READMEs and the crate docs.
    let needle = "package = \"async-std-compat\", version = \"";
    for file in [
        "README.md",
        "shim/README.md",
        "macros/README.md",
        "shim/src/lib.rs",
    ] {
        let text = std::fs::read_to_string(workspace_root().join(file)).unwrap();
        let mut found = 0;
        for (at, _) in text.match_indices(needle) {
            let rest = &text[at + needle.len()..];
            let requirement = &rest[..rest.find('"').unwrap()];
            assert!(
                meets(&shim, requirement),
                "{file} asks for async-std-compat {requirement:?}, which {shim} does not meet"
            );
            found += 1;
        }
        assert!(found > 0, "{file} shows no async-std-compat dependency");
    }
}

#[test]
fn version_matching() {
    assert!(meets("1.13.2", "1.13"));
    assert!(meets("1.13.2", "^1.13.2"));
    assert!(meets("1.14.0", "1.13"));
    assert!(!meets("1.13.2", "1.14"));
    assert!(!meets("1.13.2", "1.13.3"));
    assert!(!meets("2.0.0", "1.13"));
}
