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

/// `cargo smolify`. The builds its checks make keep no debug info and no incremental
/// state: they are thrown away, and the whole suite has to fit on a CI machine's disk.
fn smolify() -> Command {
    let mut command = Command::cargo_bin("cargo-smolify").unwrap();
    command
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0");
    command
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
        .args(["--apply", "--no-verify"])
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
        .args(["--apply", "--no-verify"])
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
        .args(["--apply", "--no-verify"])
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
        .args(["--apply", "--no-verify"])
        .arg(folder.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("uncommitted changes"));
    assert!(read(&folder.path().join("src/main.rs")).contains("#[async_std::main]"));

    smolify()
        .args(["--apply", "--no-verify", "--allow-dirty"])
        .arg(folder.path())
        .assert()
        .success();
    assert!(read(&folder.path().join("src/main.rs")).contains("smol::block_on"));
}

/// Every line of `stdout` as JSON.
fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

#[test]
fn json_reports_every_edit_and_diagnostic_then_a_summary() {
    let folder = crate_folder(LEGACY);
    let output = smolify()
        .args(["--message-format", "json", "."])
        .current_dir(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output.stdout);
    let edits: Vec<_> = lines.iter().filter(|l| l["type"] == "edit").collect();
    assert!(edits.len() >= 3, "{lines:?}");
    for edit in &edits {
        assert!(
            edit["file"].is_string() && edit["rule"].is_string(),
            "{edit}"
        );
        assert!(edit["line"].as_u64().unwrap() >= 1, "{edit}");
        assert!(edit["column"].as_u64().unwrap() >= 1, "{edit}");
        assert!(edit["message"].is_string(), "{edit}");
    }
    // The Cargo.toml edit sits where async-std is written: line 7, column 1.
    let manifest_edit = edits
        .iter()
        .find(|edit| edit["file"] == "Cargo.toml")
        .expect("an edit of Cargo.toml");
    assert_eq!(manifest_edit["line"], 7);
    assert_eq!(manifest_edit["column"], 1);
    assert_eq!(manifest_edit["rule"], "Cargo.toml");
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["exit_code"], 0);
    assert_eq!(summary["files_changed"].as_array().unwrap().len(), 2);
    // Nothing was written.
    assert_eq!(read(&folder.path().join("src/main.rs")), LEGACY);
}

#[test]
fn json_and_text_modes_exit_alike() {
    let folder = crate_folder(LEGACY);
    smolify().arg("--check").arg(folder.path()).assert().code(1);
    let output = smolify()
        .args(["--check", "--message-format=json"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_lines(&output.stdout).last().unwrap()["exit_code"], 1);

    let output = smolify()
        .args(["--message-format", "json", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let lines = json_lines(&output.stdout);
    assert_eq!(lines[0]["type"], "error");
    assert_eq!(lines[0]["exit_code"], 2);

    let output = smolify()
        .args(["--message-format", "json", "--frobnicate"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json_lines(&output.stdout)[0]["exit_code"], 2);
}

const FALLS_BACK: &str = r#"use async_std::task;

fn main() {
    task::block_on(async {
        let id = task::current().id();
        println!("{:?}", id);
    });
}
"#;

#[test]
fn a_fallback_is_shown_with_its_line_and_adds_the_shim() {
    let folder = crate_folder(FALLS_BACK);
    let output = smolify()
        .args(["--apply", "--no-verify"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    // rustc-style: the place, the line, a caret.
    assert!(stderr.contains("--> "), "{stderr}");
    assert!(stderr.contains("src/main.rs:5:"), "{stderr}");
    assert!(
        stderr.contains("5 |         let id = task::current()"),
        "{stderr}"
    );
    assert!(stderr.contains('^'), "{stderr}");
    assert!(stderr.contains("1 fallbacks"), "{stderr}");
    let manifest = read(&folder.path().join("Cargo.toml"));
    assert!(
        manifest.contains(
            "smol = \"2\"\nasync-std-compat = { version = \"1.13\", features = [\"attributes\"] }"
        ),
        "{manifest}"
    );
    assert!(read(&folder.path().join("src/main.rs")).contains("async_std_compat::task"));
}

#[test]
fn fallback_error_leaves_the_file_and_reports_each_fallback() {
    let folder = crate_folder(FALLS_BACK);
    let output = smolify()
        .args(["--apply", "--no-verify", "--fallback", "error"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("error["), "{stderr}");
    assert!(stderr.contains("--fallback error"), "{stderr}");
    assert_eq!(read(&folder.path().join("src/main.rs")), FALLS_BACK);
    // The code still uses async-std, so the manifest keeps it beside smol.
    let manifest = read(&folder.path().join("Cargo.toml"));
    assert!(manifest.contains("async-std = "), "{manifest}");
    assert!(manifest.contains("smol = \"2\""), "{manifest}");
    assert!(!manifest.contains("async-std-compat"), "{manifest}");
}

fn member(root: &Path, name: &str, source: &str) {
    let folder = root.join(name);
    std::fs::create_dir_all(folder.join("src")).unwrap();
    std::fs::write(
        folder.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nasync-std = {{ workspace = true }}\n"
        ),
    )
    .unwrap();
    std::fs::write(folder.join("src/main.rs"), source).unwrap();
}

fn workspace_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("Cargo.toml"),
        "[workspace]\nmembers = [\"a\", \"b\"]\nresolver = \"2\"\n\n\
         [workspace.dependencies]\n# shared\nasync-std = { version = \"1.13\", features = [\"attributes\"] }\n",
    )
    .unwrap();
    member(folder.path(), "a", LEGACY);
    member(folder.path(), "b", LEGACY);
    folder
}

#[test]
fn manifest_path_and_workspace_migrate_every_member() {
    let folder = workspace_folder();
    smolify()
        .args(["--apply", "--no-verify", "--workspace", "--manifest-path"])
        .arg(folder.path().join("Cargo.toml"))
        .assert()
        .success();
    for name in ["a", "b"] {
        assert!(read(&folder.path().join(name).join("src/main.rs")).contains("smol::block_on"));
        assert!(read(&folder.path().join(name).join("Cargo.toml"))
            .contains("smol = { workspace = true }"));
    }
    assert_eq!(
        read(&folder.path().join("Cargo.toml")),
        "[workspace]\nmembers = [\"a\", \"b\"]\nresolver = \"2\"\n\n\
         [workspace.dependencies]\n# shared\nsmol = \"2\"\n"
    );
}

#[test]
fn one_package_is_migrated_and_the_workspace_keeps_async_std_for_the_others() {
    let folder = workspace_folder();
    let output = smolify()
        .args(["--apply", "--no-verify", "-p", "a", "--manifest-path"])
        .arg(folder.path().join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(read(&folder.path().join("a/src/main.rs")).contains("smol::block_on"));
    assert_eq!(read(&folder.path().join("b/src/main.rs")), LEGACY);
    let root = read(&folder.path().join("Cargo.toml"));
    assert!(root.contains("async-std = { version"), "{root}");
    assert!(root.contains("smol = \"2\""), "{root}");
}

#[test]
fn an_unknown_package_or_a_bad_manifest_is_a_usage_error() {
    let folder = workspace_folder();
    smolify()
        .args(["-p", "nope", "--manifest-path"])
        .arg(folder.path().join("Cargo.toml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`nope` is not a member"));

    std::fs::write(folder.path().join("a/Cargo.toml"), "[package\nname = ").unwrap();
    smolify()
        .arg("--manifest-path")
        .arg(folder.path().join("a/Cargo.toml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cargo metadata"));
    // Walking the folder instead, the bad manifest is reported and left alone.
    let output = smolify().arg(folder.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a valid manifest"));
    smolify()
        .args(["--manifest-path", "/definitely/not/Cargo.toml"])
        .assert()
        .code(2);
}

/// A scratch crate on async-std named `name` (unique among the tests that build in
/// one target folder: cargo tells local packages apart by name, not by path), with
/// `files` (path, text) besides its Cargo.toml, [`manifest_named`]'s.
fn crate_with(name: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("Cargo.toml"), manifest_named(name)).unwrap();
    for (path, text) in files {
        let path = folder.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    folder
}

fn manifest_named(name: &str) -> String {
    MANIFEST.replace("name = \"demo\"", &format!("name = \"{name}\""))
}

/// `cargo smolify --apply` as a user runs it, with the build check, the shim from this
/// checkout, and a target folder shared by the tests that build.
fn smolify_apply_verified(folder: &Path) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    smolify()
        .args(["--apply", "--smolify-path"])
        .arg(&root)
        .arg(folder)
        .env("CARGO_TARGET_DIR", root.join("target/cli-verify"))
        .output()
        .unwrap()
}

#[test]
fn items_of_a_private_module_are_public_api_only_where_the_crate_re_exports_them() {
    let lib = "mod paths;\npub use paths::Archive;\n";
    let paths = r#"use async_std::path::Path;

pub struct Archive;

impl Archive {
    /// Reachable: `Archive` is re-exported.
    pub fn unpack(&self, _dst: &Path) {}
}

/// Not reachable: `paths` is private and this is not re-exported.
pub fn path2bytes(_p: &Path) -> Vec<u8> {
    Vec::new()
}
"#;
    let folder = crate_with(
        "private-module",
        &[("src/lib.rs", lib), ("src/paths.rs", paths)],
    );
    let output = smolify()
        .args(["--message-format", "json"])
        .arg(folder.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let semver: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("semver-major"))
        .collect();
    assert_eq!(semver.len(), 1, "{stdout}");
    assert!(semver[0].contains("fn unpack"), "{stdout}");
}

#[test]
fn no_verify_needs_apply() {
    smolify().args(["--no-verify", "."]).assert().code(2);
}

#[test]
fn a_file_whose_migration_does_not_build_stays_on_async_std_api_from_the_shim() {
    // async-std's PathBuf and std's are two types; after a plain migration they are
    // one, and the two impls conflict (E0119). Behind a type alias the tool does not
    // see it coming, so only the build check finds it: the file must retreat to the
    // shim; the other file, whose migration builds, stays on smol.
    let main = r#"mod other;

struct Name(String);

type StdPathBuf = std::path::PathBuf;

impl From<async_std::path::PathBuf> for Name {
    fn from(path: async_std::path::PathBuf) -> Self {
        Name(path.display().to_string())
    }
}

impl From<StdPathBuf> for Name {
    fn from(path: StdPathBuf) -> Self {
        Name(path.display().to_string())
    }
}

fn main() {
    let Name(name) = Name::from(std::path::PathBuf::from("a"));
    println!("{name} {}", other::answer());
}
"#;
    let other = "pub fn answer() -> u32 {\n    async_std::task::block_on(async { 42 })\n}\n";
    let folder = crate_with(
        "verify-retreat",
        &[("src/main.rs", main), ("src/other.rs", other)],
    );
    let output = smolify_apply_verified(folder.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let main_after = read(&folder.path().join("src/main.rs"));
    assert!(
        main_after.contains("impl From<async_std_compat::path::PathBuf> for Name"),
        "{main_after}"
    );
    assert_eq!(
        read(&folder.path().join("src/other.rs")),
        "pub fn answer() -> u32 {\n    smol::block_on(async { 42 })\n}\n"
    );
    let manifest = read(&folder.path().join("Cargo.toml"));
    assert!(manifest.contains("async-std-compat"), "{manifest}");
    assert!(!manifest.contains("async-std ="), "{manifest}");
    assert!(
        stderr.contains("[retreat]") || stderr.contains("retreat"),
        "{stderr}"
    );
    assert!(
        stderr.contains("E0119"),
        "the compiler's reason is told: {stderr}"
    );
    assert!(
        stderr.contains("verify: `cargo check --all-targets` passed"),
        "{stderr}"
    );
}

#[test]
fn a_timeout_whose_smol_form_does_not_build_stays_the_shims_and_the_rest_of_the_file_moves() {
    // smol's timeout gives an `io::Error`, which is not `PartialEq`: comparing the
    // result with `assert_eq!` does not build. The file keeps async-std's timeout and
    // the rest of it (block_on) moves to smol.
    let main = r#"use async_std::future::timeout;
use std::time::Duration;

fn main() {
    async_std::task::block_on(async {
        assert_eq!(timeout(Duration::from_secs(5), async { 7 }).await, Ok(7));
    });
}
"#;
    let folder = crate_with("verify-cautious", &[("src/main.rs", main)]);
    let output = smolify_apply_verified(folder.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let main_after = read(&folder.path().join("src/main.rs"));
    assert!(
        main_after.contains("use async_std_compat::future::timeout;"),
        "{main_after}"
    );
    assert!(
        main_after.contains("smol::block_on(async {"),
        "{main_after}"
    );
    assert!(stderr.contains("timeouts stay"), "{stderr}");
    assert!(
        stderr.contains("verify: `cargo check --all-targets` passed"),
        "{stderr}"
    );
}

#[test]
fn a_build_that_cannot_pass_leaves_every_file_as_it_was() {
    // The crate builds as it is, but not once its Cargo.toml changes (a compile-time
    // check of the manifest's length), whatever happens to the code: the check cannot
    // be satisfied, and everything must be given back.
    let main = format!(
        "const MANIFEST: &str = include_str!(\"../Cargo.toml\");\n\
         const _: () = assert!(MANIFEST.len() == {});\n\
         fn main() {{\n    async_std::task::block_on(async {{}});\n}}\n",
        manifest_named("verify-restore").len()
    );
    let folder = crate_with("verify-restore", &[("src/main.rs", &main)]);
    let output = smolify_apply_verified(folder.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(read(&folder.path().join("src/main.rs")), main);
    assert_eq!(
        read(&folder.path().join("Cargo.toml")),
        manifest_named("verify-restore")
    );
    assert!(stderr.contains("does not build"), "{stderr}");
    assert!(stderr.contains("main.rs:2:"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
}

#[test]
fn errors_the_crate_had_before_do_not_count_against_the_migration() {
    let main =
        "fn main() {\n    async_std::task::block_on(async {});\n    let x: u8 = \"text\";\n}\n";
    let folder = crate_with("verify-unchecked", &[("src/main.rs", main)]);
    let output = smolify_apply_verified(folder.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(read(&folder.path().join("src/main.rs")).contains("smol::block_on"));
    assert!(
        stderr.contains("error(s) before the migration; only new ones count"),
        "{stderr}"
    );
    assert!(
        stderr.contains("verify: `cargo check --all-targets` passed"),
        "{stderr}"
    );
}

#[test]
fn crlf_line_ends_a_bom_and_permissions_survive_apply() {
    let source = format!("\u{feff}{}", LEGACY.replace('\n', "\r\n"));
    let folder = crate_folder(&source);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            folder.path().join("src/main.rs"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    smolify()
        .args(["--apply", "--no-verify"])
        .arg(folder.path())
        .assert()
        .success();
    let migrated = read(&folder.path().join("src/main.rs"));
    assert!(migrated.starts_with('\u{feff}'), "{migrated:?}");
    assert!(migrated.contains("smol::block_on"), "{migrated:?}");
    let lone_lf = migrated
        .match_indices('\n')
        .any(|(i, _)| migrated.as_bytes()[i - 1] != b'\r');
    assert!(!lone_lf, "{migrated:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(folder.path().join("src/main.rs"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_left_alone() {
    let folder = crate_folder(LEGACY);
    std::fs::write(folder.path().join("src/latin1.rs"), b"// caf\xe9\n").unwrap();
    let output = smolify()
        .args(["--apply", "--no-verify"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not UTF-8"));
    assert_eq!(
        std::fs::read(folder.path().join("src/latin1.rs")).unwrap(),
        b"// caf\xe9\n"
    );
}

#[test]
fn a_member_migrated_alone_keeps_building_on_its_workspace() {
    let folder = workspace_folder();
    let output = smolify()
        .args(["--apply", "--no-verify"])
        .arg(folder.path().join("a"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("inherited from a workspace root"));
    // The root was not part of the run, so the member cannot inherit smol from it.
    let manifest = read(&folder.path().join("a/Cargo.toml"));
    assert!(
        manifest.contains("async-std = { workspace = true }\nsmol = \"2\"\n"),
        "{manifest}"
    );
    assert!(read(&folder.path().join("Cargo.toml")).contains("async-std = { version"));
}

#[test]
fn smolify_path_names_the_shim_of_a_checkout_by_path() {
    let folder = crate_folder(FALLS_BACK);
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = smolify()
        .args(["--apply", "--no-verify", "--smolify-path"])
        .arg(&checkout)
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let manifest = read(&folder.path().join("Cargo.toml"));
    let line = manifest
        .lines()
        .find(|line| line.starts_with("async-std-compat = "))
        .unwrap_or_else(|| panic!("{manifest}"));
    let path = line
        .split("path = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no path in {line}"));
    // The path is relative to the manifest and leads to the checkout's shim.
    let shim = folder.path().join(path);
    assert_eq!(
        std::fs::canonicalize(shim).unwrap(),
        std::fs::canonicalize(checkout.join("shim")).unwrap()
    );

    // Not a checkout: a usage error, nothing written.
    let other = crate_folder(FALLS_BACK);
    let before = read(&other.path().join("Cargo.toml"));
    let output = smolify()
        .args(["--apply", "--no-verify", "--smolify-path"])
        .arg(other.path())
        .arg(other.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(read(&other.path().join("Cargo.toml")), before);
}

#[test]
fn the_shim_road_fits_into_an_existing_lock_and_says_what_moved() {
    // A lock made for async-std 1.13 with blocking 1.5.0, older than async-std-compat
    // takes (1.5.1): cargo must move it, and the user is told.
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("src")).unwrap();
    std::fs::write(
        folder.path().join("Cargo.toml"),
        "[package]\nname = \"locked\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nasync-std = \"1.13\"\n",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("src/main.rs"),
        "fn main() { async_std::task::block_on(async {}); }\n",
    )
    .unwrap();
    let cargo = |args: &[&str]| {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(folder.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "cargo {args:?}: {output:?}");
    };
    cargo(&["generate-lockfile"]);
    cargo(&["update", "-p", "blocking", "--precise", "1.5.0"]);
    let before = read(&folder.path().join("Cargo.lock"));

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = smolify()
        .args(["--shim", "--apply", "--smolify-path"])
        .arg(&root)
        .arg(folder.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("blocking 1.5.0 -> "), "{stderr}");
    let after = read(&folder.path().join("Cargo.lock"));
    assert!(after.contains("name = \"async-std-compat\""), "{after}");
    // Everything else stays where it was locked.
    let version_of = |lock: &str, name: &str| {
        let at = lock
            .find(&format!("name = \"{name}\"\nversion = "))
            .unwrap();
        lock[at..].lines().nth(1).unwrap().to_string()
    };
    for kept in ["async-io", "async-lock", "futures-lite", "log"] {
        assert_eq!(
            version_of(&before, kept),
            version_of(&after, kept),
            "{kept}"
        );
    }
}

#[test]
fn doc_examples_included_from_markdown_are_migrated() {
    let readme = "# demo\n\nRun it:\n\n```rust\n# fn main() {\nasync_std::task::block_on(async {});\n# }\n```\n\n```text\nasync_std::task stays in text\n```\n";
    let folder = crate_with(
        "included-docs",
        &[
            ("README.md", readme),
            (
                "src/lib.rs",
                "#![doc = include_str!(\"../README.md\")]\npub fn f() { async_std::task::block_on(async {}) }\n",
            ),
        ],
    );
    let output = smolify()
        .args(["--apply", "--no-verify", "--allow-dirty"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        read(&folder.path().join("README.md")),
        readme.replace(
            "async_std::task::block_on(async {});",
            "smol::block_on(async {});"
        )
    );
}
