//! Bad inputs, end to end through the binary: each one gets a clear message and the
//! exit code it should (0 done, 1 something was left unmigrated, 2 usage error), and
//! every other file of the run is still migrated.
//!
//! Each test builds a crate in a temporary folder with one good async-std file
//! (`src/main.rs`), adds the bad input, and runs `cargo smolify --apply` over it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

const GOOD: &str = "use async_std::task;\n\n#[async_std::main]\nasync fn main() {\n    \
                    // Fire and forget.\n    task::spawn(async { println!(\"hi\") });\n}\n";

/// What `GOOD` becomes.
const GOOD_MIGRATED: &str = "\nfn main() {\n    smol::block_on(async {\n        // Fire and \
                             forget.\n        smol::spawn(async { println!(\"hi\") }).detach();\
                             \n    })\n}\n";

/// Another async-std file, used as the bad input's content where it needs some.
const OTHER: &str = "use async_std::task;\n\npub fn start() {\n    task::spawn(async {});\n}\n";

const MANIFEST: &str = "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
                        [dependencies]\nasync-std = { version = \"1.13\", features = \
                        [\"attributes\"] }\n";

/// A crate with the good file, in a fresh temporary folder.
fn crate_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    write(&folder.path().join("Cargo.toml"), MANIFEST);
    write(&folder.path().join("src/main.rs"), GOOD);
    folder
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Runs the binary, with a timeout: no bad input may hang it.
fn smolify(args: &[&str], folder: &Path) -> Output {
    let mut command = Command::cargo_bin("cargo-smolify").unwrap();
    command.args(args).current_dir(folder);
    let mut command = assert_cmd::Command::from_std(command);
    command.timeout(Duration::from_secs(120));
    command.output().unwrap()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit code, showing stderr when it is not the one expected.
fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        stderr_of(output)
    );
}

/// The good file was migrated all the same.
fn assert_good_migrated(folder: &Path) {
    assert_eq!(read(&folder.join("src/main.rs")), GOOD_MIGRATED);
}

/// Every file under `root` with its bytes (symbolic links as their target path).
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            let bytes = if kind.is_symlink() {
                std::fs::read_link(&path)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
                    .into_bytes()
            } else if kind.is_dir() {
                folders.push(path.clone());
                continue;
            } else {
                std::fs::read(&path).unwrap()
            };
            out.push((path, bytes));
        }
    }
    out.sort();
    out
}

#[test]
fn a_syntax_error_is_reported_at_its_line_and_the_file_left_untouched() {
    let folder = crate_folder();
    let broken = "use async_std::task;\n\nfn broken() {\n    task::spawn(async {);\n}\n";
    write(&folder.path().join("src/broken.rs"), broken);
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 1);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("src/broken.rs:4:"), "{stderr}");
    assert!(
        stderr.contains("not valid Rust, left untouched"),
        "{stderr}"
    );
    assert_eq!(read(&folder.path().join("src/broken.rs")), broken);
    assert_good_migrated(folder.path());
    // async-std stays beside smol: the broken file still needs it.
    let manifest = read(&folder.path().join("Cargo.toml"));
    assert!(manifest.contains("async-std"), "{manifest}");
    assert!(manifest.contains("smol"), "{manifest}");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_left_untouched() {
    let folder = crate_folder();
    let latin1 = b"use async_std::task;\n// caf\xe9 cr\xe8me\nfn f() { task::spawn(async {}); }\n";
    write(&folder.path().join("src/latin1.rs"), latin1);
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 1);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("src/latin1.rs"), "{stderr}");
    assert!(stderr.contains("not UTF-8"), "{stderr}");
    assert_eq!(
        std::fs::read(folder.path().join("src/latin1.rs")).unwrap(),
        latin1
    );
    assert_good_migrated(folder.path());
}

#[test]
fn a_binary_file_named_rs_is_reported_and_left_untouched() {
    let folder = crate_folder();
    // An ELF header and bytes of every value: not UTF-8.
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    write(&folder.path().join("src/blob.rs"), &binary);
    // Binary-looking but UTF-8: NULs and control characters, which are no Rust.
    let controls = "\0\0\0\u{1}\u{2}async_std\u{7f}\u{1b}[0m\0";
    write(&folder.path().join("src/controls.rs"), controls);
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 1);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("src/blob.rs") && stderr.contains("not UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/controls.rs:1:") && stderr.contains("not valid Rust"),
        "{stderr}"
    );
    // The file's escape sequence is not sent to the terminal.
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert_eq!(
        std::fs::read(folder.path().join("src/blob.rs")).unwrap(),
        binary
    );
    assert_eq!(read(&folder.path().join("src/controls.rs")), controls);
    assert_good_migrated(folder.path());
}

#[test]
fn empty_and_blank_files_are_fine_and_stay_as_they_are() {
    let folder = crate_folder();
    let blanks = [
        ("src/empty.rs", ""),
        ("src/bom.rs", "\u{feff}"),
        ("src/blank.rs", "\n\r\n  \t\n"),
        ("src/comment.rs", "// async_std::task::spawn"),
    ];
    for (path, text) in blanks {
        write(&folder.path().join(path), text);
    }
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 0);
    for (path, text) in blanks {
        assert_eq!(read(&folder.path().join(path)), text, "{path}");
    }
    assert_good_migrated(folder.path());
    assert!(
        stderr_of(&output).contains("0 errors"),
        "{}",
        stderr_of(&output)
    );
}

/// About 50 MB of a generated table, after `head`.
fn huge(head: &str) -> String {
    let row = "    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,\n";
    let rows = 50 * 1024 * 1024 / row.len();
    let mut text = String::with_capacity(head.len() + rows * row.len() + 64);
    text.push_str(head);
    text.push_str("pub static TABLE: &[u8] = &[\n");
    for _ in 0..rows {
        text.push_str(row);
    }
    text.push_str("];\n");
    text
}

#[test]
fn a_huge_file_is_reported_quickly_and_left_untouched() {
    let folder = crate_folder();
    let with_async_std = huge("use async_std::task;\npub fn f() { task::spawn(async {}); }\n");
    let without = huge("// generated\n");
    assert!(with_async_std.len() >= 50 * 1000 * 1000);
    write(&folder.path().join("src/table.rs"), &with_async_std);
    write(&folder.path().join("src/plain_table.rs"), &without);
    let started = Instant::now();
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    let took = started.elapsed();
    assert_code(&output, 1);
    assert!(took < Duration::from_secs(30), "took {took:?}");
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("src/table.rs") && stderr.contains("too large to migrate"),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/plain_table.rs") && stderr.contains("names no async-std"),
        "{stderr}"
    );
    // Compared without `assert_eq!`, which would print 50 MB on failure.
    let after = read(&folder.path().join("src/table.rs"));
    assert!(after == with_async_std, "the huge file changed");
    let after = read(&folder.path().join("src/plain_table.rs"));
    assert!(after == without, "the huge file without async-std changed");
    assert_good_migrated(folder.path());
}

/// syn parses by recursive descent: deeply nested code would overflow the stack and
/// abort the whole run. It is reported instead, and the other files are migrated.
#[test]
fn deeply_nested_code_is_reported_and_does_not_crash_the_run() {
    let folder = crate_folder();
    let n = 100_000;
    let cases = [
        (
            "src/parens.rs",
            format!(
                "use async_std::task;\nfn f() {{ let x = {}1{}; }}\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "src/types.rs",
            format!(
                "use async_std::task;\ntype T = {}u8{};\n",
                "Vec<".repeat(n),
                ">".repeat(n)
            ),
        ),
        (
            "src/unary.rs",
            format!(
                "use async_std::task;\nfn f() {{ let x = {}true; }}\n",
                "!".repeat(n)
            ),
        ),
    ];
    for (path, text) in &cases {
        write(&folder.path().join(path), text);
    }
    // Deep, but within the limit: migrated.
    let deep_enough = format!(
        "use async_std::task;\nfn f() {{ let x = {}task::spawn(async {{}}){}; }}\n",
        "(".repeat(300),
        ")".repeat(300)
    );
    write(&folder.path().join("src/deep_enough.rs"), &deep_enough);
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 1);
    let stderr = stderr_of(&output);
    for (path, text) in &cases {
        assert!(stderr.contains(&format!("{path}:")), "{stderr}");
        assert_eq!(&read(&folder.path().join(path)), text, "{path}");
    }
    assert!(stderr.contains("levels deep"), "{stderr}");
    assert!(read(&folder.path().join("src/deep_enough.rs")).contains("smol::spawn"));
    assert_good_migrated(folder.path());
}

#[test]
fn crlf_line_ends_and_a_bom_are_kept_exactly() {
    let folder = crate_folder();
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let cases = [
        ("src/crlf.rs", crlf(GOOD), crlf(GOOD_MIGRATED)),
        (
            "src/bom.rs",
            format!("\u{feff}{GOOD}"),
            format!("\u{feff}{GOOD_MIGRATED}"),
        ),
        (
            "src/both.rs",
            format!("\u{feff}{}", crlf(GOOD)),
            format!("\u{feff}{}", crlf(GOOD_MIGRATED)),
        ),
        // A CRLF file that needs no change stays byte for byte.
        (
            "src/plain.rs",
            "\u{feff}fn f() {}\r\n".to_string(),
            "\u{feff}fn f() {}\r\n".to_string(),
        ),
    ];
    for (path, before, _) in &cases {
        write(&folder.path().join(path), before);
    }
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 0);
    for (path, _, expected) in &cases {
        assert_eq!(
            &std::fs::read(folder.path().join(path)).unwrap(),
            expected.as_bytes(),
            "{path}"
        );
    }
    assert_good_migrated(folder.path());
    // A second run finds nothing to do.
    assert_code(&smolify(&["--check", "."], folder.path()), 0);
}

/// Whether this process may write into a folder it has made read-only (it is root,
/// or has CAP_DAC_OVERRIDE): then folder permissions protect nothing.
#[cfg(unix)]
fn permissions_are_bypassed() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let locked = folder.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bypassed = std::fs::write(locked.join("probe"), "x").is_ok();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    bypassed
}

/// A read-only file is not written, as root too: the rename that replaces a file needs
/// only its folder to be writable, so the CLI checks the file's own permission. It is
/// reported with the reason, keeps its content and mode, the run exits with 1, and the
/// other files are written.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_reported_and_kept_and_the_others_are_written() {
    use std::os::unix::fs::PermissionsExt;
    let folder = crate_folder();
    let locked = folder.path().join("src/locked.rs");
    write(&locked, OTHER);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 1);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("src/locked.rs") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(read(&locked), OTHER);
    let mode = std::fs::metadata(&locked).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
    assert_good_migrated(folder.path());
    // The summary does not count it as changed.
    assert!(stderr.contains("2 of 3 files changed"), "{stderr}");
    // A dry run still shows what it would be.
    let dry = smolify(&["."], folder.path());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("b/src/locked.rs"));
}

/// A file in a read-only folder cannot be replaced (the temporary file cannot be made):
/// reported, and the others are written. Root writes into any folder, so there the
/// check is that the run still works.
#[cfg(unix)]
#[test]
fn a_file_in_a_read_only_folder_is_reported_and_the_others_are_written() {
    use std::os::unix::fs::PermissionsExt;
    let folder = crate_folder();
    let locked = folder.path().join("src/locked");
    write(&locked.join("mod.rs"), OTHER);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if permissions_are_bypassed() {
        eprintln!("running with permission to write anywhere: the folder is written");
        assert_code(&output, 0);
    } else {
        assert_code(&output, 1);
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains("src/locked/mod.rs") && stderr.contains("cannot write"),
            "{stderr}"
        );
        assert_eq!(read(&locked.join("mod.rs")), OTHER);
    }
    assert_good_migrated(folder.path());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_a_file_or_folder_outside_the_root_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(&outside.path().join("real.rs"), OTHER);
    write(&outside.path().join("folder/inner.rs"), OTHER);
    let before = snapshot(outside.path());
    let folder = crate_folder();
    std::os::unix::fs::symlink(
        outside.path().join("real.rs"),
        folder.path().join("src/linked.rs"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("folder"),
        folder.path().join("src/linked_folder"),
    )
    .unwrap();
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 0);
    assert_eq!(
        snapshot(outside.path()),
        before,
        "a file outside was changed"
    );
    assert!(
        std::fs::symlink_metadata(folder.path().join("src/linked.rs"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_good_migrated(folder.path());
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("linked"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_do_not_hang_the_run() {
    let folder = crate_folder();
    let src = folder.path().join("src");
    // A folder that contains itself, a link to its parent, and two links to each other.
    std::os::unix::fs::symlink(&src, src.join("again")).unwrap();
    std::os::unix::fs::symlink("..", src.join("up")).unwrap();
    std::os::unix::fs::symlink("b.rs", src.join("a.rs")).unwrap();
    std::os::unix::fs::symlink("a.rs", src.join("b.rs")).unwrap();
    std::os::unix::fs::symlink("self.rs", src.join("self.rs")).unwrap();
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 0);
    assert_good_migrated(folder.path());

    // Named as the path itself, a loop is a usage error that says why.
    let output = smolify(&["src/a.rs"], folder.path());
    assert_code(&output, 2);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("src/a.rs"), "{stderr}");
    assert!(
        stderr.to_lowercase().contains("symbolic links"),
        "the loop is not named: {stderr}"
    );
}

#[test]
fn a_cargo_toml_that_is_not_toml_is_reported_and_left_untouched() {
    let folder = crate_folder();
    let broken = "[package\nname = \"demo\"\n\n[dependencies]\nasync-std = \"1\"\n";
    write(&folder.path().join("Cargo.toml"), broken);
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 1);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("Cargo.toml:1:") && stderr.contains("not a valid manifest"),
        "{stderr}"
    );
    assert_eq!(read(&folder.path().join("Cargo.toml")), broken);
    assert_good_migrated(folder.path());

    // Through cargo metadata, it is a usage error with cargo's reason, and nothing is
    // written.
    let folder = crate_folder();
    write(&folder.path().join("Cargo.toml"), broken);
    let before = snapshot(folder.path());
    let output = smolify(
        &["--apply", "--no-verify", "--manifest-path", "Cargo.toml"],
        folder.path(),
    );
    assert_code(&output, 2);
    assert!(
        stderr_of(&output).contains("cargo metadata"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(snapshot(folder.path()), before);
}

/// A workspace whose second member is missing on disk.
fn workspace_with_a_missing_member() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    write(
        &folder.path().join("Cargo.toml"),
        "[workspace]\nmembers = [\"present\", \"missing\"]\nresolver = \"2\"\n",
    );
    write(
        &folder.path().join("present/Cargo.toml"),
        MANIFEST.replace("demo", "present"),
    );
    write(&folder.path().join("present/src/main.rs"), GOOD);
    folder
}

#[test]
fn a_workspace_with_a_missing_member_is_a_clear_usage_error() {
    let folder = workspace_with_a_missing_member();
    let before = snapshot(folder.path());
    for args in [
        &[
            "--apply",
            "--no-verify",
            "--workspace",
            "--manifest-path",
            "Cargo.toml",
        ][..],
        &["--apply", "--no-verify", "--manifest-path", "Cargo.toml"][..],
        &[
            "--apply",
            "--no-verify",
            "-p",
            "present",
            "--manifest-path",
            "Cargo.toml",
        ][..],
    ] {
        let output = smolify(args, folder.path());
        assert_code(&output, 2);
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains("`cargo metadata` failed"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("missing"), "{args:?}: {stderr}");
        assert_eq!(snapshot(folder.path()), before, "{args:?} wrote something");
    }
    // Walking the folder does not need cargo: what is there is migrated.
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 0);
    assert_eq!(
        read(&folder.path().join("present/src/main.rs")),
        GOOD_MIGRATED
    );
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error() {
    let folder = crate_folder();
    for args in [
        &["missing"][..],
        &["--apply", "--no-verify", "missing/src"][..],
        &["--check", "missing.rs"][..],
        &["--manifest-path", "missing/Cargo.toml"][..],
        &["--message-format", "json", "missing"][..],
    ] {
        let output = smolify(args, folder.path());
        assert_code(&output, 2);
        assert!(
            stderr_of(&output).contains("does not exist"),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
    assert_eq!(read(&folder.path().join("src/main.rs")), GOOD);
}

/// Where the diff cannot be printed (a full disk), the run is an internal error (3).
#[cfg(target_os = "linux")]
#[test]
fn a_diff_that_cannot_be_printed_is_an_internal_error() {
    let folder = crate_folder();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Command::cargo_bin("cargo-smolify")
        .unwrap()
        .arg(".")
        .current_dir(folder.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_code(&output, 3);
    assert!(
        stderr_of(&output).contains("cannot print"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(read(&folder.path().join("src/main.rs")), GOOD);
}

fn git(folder: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(folder)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn apply_on_a_dirty_git_tree_writes_nothing_without_allow_dirty() {
    if !git_available() {
        eprintln!("no git: skipped");
        return;
    }
    let folder = crate_folder();
    git(folder.path(), &["init", "-q"]);
    git(folder.path(), &["add", "."]);
    git(folder.path(), &["commit", "-qm", "legacy"]);

    // A tracked file with uncommitted changes.
    write(
        &folder.path().join("Cargo.toml"),
        format!("{MANIFEST}# edited\n"),
    );
    let before = snapshot(folder.path());
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 2);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("uncommitted changes"), "{stderr}");
    assert!(stderr.contains("Cargo.toml"), "{stderr}");
    assert!(stderr.contains("--allow-dirty"), "{stderr}");
    assert_eq!(snapshot(folder.path()), before);
    // A dry run and --check are fine on a dirty tree.
    assert_code(&smolify(&["--check", "."], folder.path()), 1);
    assert_eq!(snapshot(folder.path()), before);
    git(folder.path(), &["commit", "-qam", "edited"]);

    // An untracked file the run would change: git could not give it back.
    write(&folder.path().join("src/new.rs"), OTHER);
    let before = snapshot(folder.path());
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 2);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("src/new.rs"), "{stderr}");
    assert_eq!(snapshot(folder.path()), before);
    // An untracked file the run does not change is no reason to refuse.
    std::fs::remove_file(folder.path().join("src/new.rs")).unwrap();
    write(&folder.path().join("notes.txt"), "todo\n");
    write(&folder.path().join("src/plain.rs"), "fn f() {}\n");
    let output = smolify(&["--apply", "--no-verify", "."], folder.path());
    assert_code(&output, 0);
    assert_good_migrated(folder.path());

    // --allow-dirty writes.
    git(folder.path(), &["checkout", "-q", "--", "."]);
    write(&folder.path().join("src/new.rs"), OTHER);
    let output = smolify(
        &["--apply", "--no-verify", "--allow-dirty", "."],
        folder.path(),
    );
    assert_code(&output, 0);
    assert_good_migrated(folder.path());
    assert!(read(&folder.path().join("src/new.rs")).contains("smol::spawn"));
}

#[test]
fn nothing_is_written_outside_the_given_root() {
    // A folder with two crates side by side, and a loose file above them.
    let top = tempfile::tempdir().unwrap();
    for name in ["one", "two"] {
        write(
            &top.path().join(name).join("Cargo.toml"),
            MANIFEST.replace("demo", name),
        );
        write(&top.path().join(name).join("src/main.rs"), GOOD);
        write(&top.path().join(name).join("src/other.rs"), OTHER);
    }
    write(&top.path().join("loose.rs"), OTHER);
    let outside_one = |snapshot: Vec<(PathBuf, Vec<u8>)>| -> Vec<(PathBuf, Vec<u8>)> {
        snapshot
            .into_iter()
            .filter(|(path, _)| !path.starts_with(top.path().join("one")))
            .collect()
    };
    let before = outside_one(snapshot(top.path()));

    let output = smolify(&["--apply", "--no-verify", "one"], top.path());
    assert_code(&output, 0);
    assert_eq!(outside_one(snapshot(top.path())), before);
    assert_eq!(read(&top.path().join("one/src/main.rs")), GOOD_MIGRATED);

    // One file as the root: nothing else changes, not even its Cargo.toml.
    let before = snapshot(top.path());
    let output = smolify(&["--apply", "--no-verify", "two/src/other.rs"], top.path());
    assert_code(&output, 0);
    let after = snapshot(top.path());
    let changed: Vec<&PathBuf> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(changed, [&top.path().join("two/src/other.rs")]);
}
