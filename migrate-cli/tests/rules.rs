//! Per-rule fixtures: `tests/fixtures/rules/<name>/before.rs` is async-std code,
//! `after.rs` is what the migration makes of it, and `report.txt` lists the findings
//! (`line:column severity [rule]`, one a line). Each fixture also checks that the
//! output is valid Rust and that a second run over it changes nothing.
//!
//! `SMOLIFY_BLESS=1 cargo test -p cargo-smolify --test rules` rewrites `after.rs` and
//! `report.txt` from the current output; review the diff before committing it.

use std::path::{Path, PathBuf};

use cargo_smolify::diagnostic::LineIndex;
use cargo_smolify::{edit, source};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures/rules exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.join("before.rs").is_file())
        .collect();
    folders.sort();
    folders
}

fn migrate(text: &str) -> (String, source::SourceMigration) {
    let migration = source::migrate(text, &["async_std".to_string()]).expect("parses");
    let out = edit::apply(text, &migration.edits).expect("edits do not overlap");
    (out, migration)
}

fn report(text: &str, migration: &source::SourceMigration) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for finding in &migration.findings {
        let (line, column) = index.line_column(finding.offset);
        out.push_str(&format!(
            "{line}:{column} {} [{}]\n",
            finding.severity, finding.rule
        ));
    }
    if migration.needs_shim {
        out.push_str("needs async-std-compat\n");
    }
    out
}

#[test]
fn every_fixture_migrates_to_its_after_file_and_report() {
    let bless = std::env::var_os("SMOLIFY_BLESS").is_some();
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 15, "only {} fixtures", all.len());
    for folder in all {
        let name = folder.file_name().unwrap().to_string_lossy().to_string();
        let before = std::fs::read_to_string(folder.join("before.rs")).unwrap();
        let (after, migration) = migrate(&before);
        let findings = report(&before, &migration);
        if bless {
            std::fs::write(folder.join("after.rs"), &after).unwrap();
            std::fs::write(folder.join("report.txt"), &findings).unwrap();
        }
        let expected = std::fs::read_to_string(folder.join("after.rs")).unwrap_or_default();
        let expected_report =
            std::fs::read_to_string(folder.join("report.txt")).unwrap_or_default();
        if after != expected {
            failures.push(format!(
                "{name}: output differs from after.rs\n--- got ---\n{after}"
            ));
        }
        if findings != expected_report {
            failures.push(format!(
                "{name}: findings differ from report.txt\n--- got ---\n{findings}"
            ));
        }
        if let Err(error) = syn::parse_file(&after) {
            failures.push(format!("{name}: the output is not valid Rust: {error}"));
        }
        let (again, second) = migrate(&after);
        if again != after || !second.edits.is_empty() {
            failures.push(format!(
                "{name}: a second run changes the output\n--- second run ---\n{again}"
            ));
        }
        let code_names_async_std = after.lines().any(|line| {
            let line = line.trim_start();
            // Comments (line comments and the ` * ` lines of block comments) may
            // keep async-std's name when the report says so.
            !line.starts_with("//") && !line.starts_with('*') && line.contains("async_std::")
        });
        if code_names_async_std && !after.contains("async_std_compat") {
            failures.push(format!("{name}: async_std is still named in the output"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every hazard of section 3 of `../shared/semantics.md`, with the fixture (or unit
/// test) that shows how the migration handles it. A hazard missing here, or a fixture
/// that does not exist, fails the test.
const HAZARDS: &[(&str, &str)] = &[
    (
        "dropped task handle cancels the task",
        "fixture spawn_detach, spawn_blocking",
    ),
    (
        "fs::File dropped without flush",
        "fixture file_not_flushed, file_flushed",
    ),
    (
        "Unblock(stdout/stderr) not flushed",
        "fixture stdout_not_flushed, stdout_flushed",
    ),
    ("StreamExt::merge", "fixture stream_fallbacks"),
    (
        "global executor is single-threaded",
        "fixture main_parallelism",
    ),
    (
        "tokio1 feature removed",
        "manifest.rs (Cargo.toml features; not this crate's source rules)",
    ),
    (
        "stream::interval catch-up burst",
        "fixture stream_fallbacks",
    ),
    ("FutureExt::race", "fixture race_join"),
    (
        "BufWriter::into_inner does not flush",
        "fixture bufwriter_into_inner",
    ),
    ("async Path methods become sync", "fixture path_methods"),
    (
        "spawn_local without a running LocalExecutor",
        "fixture spawn_local",
    ),
    ("error values change shape", "fixture error_messages"),
    ("async-channel 1 -> 2 type split", "fixture channel_next"),
    (
        "block_on panic counter bug",
        "shim only (no source rewrite)",
    ),
    ("compile-time only: Timer output Instant", "fixture sleep"),
    ("compile-time only: channel !Unpin", "fixture channel_next"),
    (
        "compile-time only: write! on async writers",
        "fixture write_macro",
    ),
    (
        "compile-time only: task_local!/current()/Builder",
        "fixture task_locals",
    ),
    (
        "compile-time only: io::timeout/future::timeout",
        "fixture timeouts",
    ),
    ("compile-time only: by_ref", "fixture by_ref"),
    ("compile-time only: &TcpStream I/O", "fixture shared_socket"),
];

#[test]
fn every_hazard_of_section_3_points_at_its_handling() {
    let semantics = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/semantics.md");
    if let Ok(text) = std::fs::read_to_string(&semantics) {
        let section = text
            .split("## 3.")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap_or_default();
        let ranked = section
            .lines()
            .filter(|line| {
                line.starts_with("| ")
                    && line[2..].chars().next().is_some_and(|c| c.is_ascii_digit())
            })
            .count();
        // Ranks 1-14 each have an entry; rank 15 (compile-time only) has several.
        assert!(
            HAZARDS.len() >= ranked,
            "{ranked} hazards, {} handled",
            HAZARDS.len()
        );
    }
    let names: Vec<String> = fixtures()
        .iter()
        .map(|folder| folder.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for (hazard, handled_by) in HAZARDS {
        if let Some(list) = handled_by.strip_prefix("fixture ") {
            for fixture in list.split(", ") {
                assert!(
                    names.iter().any(|name| name == fixture),
                    "hazard `{hazard}` points at missing fixture `{fixture}`"
                );
            }
        }
    }
}

/// Writes a crate whose modules are the fixtures' `side` files (`before` or `after`).
fn fixture_crate(folder: &Path, name: &str, side: &str, dependencies: &str) {
    let mut lib = String::new();
    for fixture in fixtures() {
        let module = fixture.file_name().unwrap().to_string_lossy().to_string();
        let file = fixture.join(format!("{side}.rs"));
        lib.push_str(&format!(
            "#[allow(unused, dead_code)]\n#[path = {:?}]\nmod {module};\n",
            file.display().to_string()
        ));
    }
    std::fs::create_dir_all(folder.join("src")).unwrap();
    std::fs::write(folder.join("src/lib.rs"), lib).unwrap();
    std::fs::write(
        folder.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             [dependencies]\n{dependencies}\n[workspace]\n"
        ),
    )
    .unwrap();
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    if lock.is_file() {
        std::fs::copy(lock, folder.join("Cargo.lock")).unwrap();
    }
}

/// Each before-file compiles against async-std 1.13.2 and each after-file against smol
/// plus async-std-compat (with `unstable`, which the stream and task fallbacks need, and
/// `attributes`, as the before side has them); both sides have futures, which real code
/// imports beside them.
/// The builds go to `target/rules-fixtures/` of the workspace (not the test run's own
/// target folder, whose lock the outer `cargo test` may hold), so reruns are quick.
#[test]
fn before_files_compile_against_async_std_and_after_files_against_smol() {
    let scratch = tempfile::tempdir().unwrap();
    let shim = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shim");
    let sides = [
        (
            "before",
            "async-std = { version = \"=1.13.2\", features = [\"unstable\", \"attributes\"] }\n\
             futures = \"0.3\""
                .to_string(),
        ),
        (
            "after",
            format!(
                "smol = \"2\"\nfutures = \"0.3\"\n\
                 async-std-compat = {{ path = {:?}, features = [\"unstable\", \"attributes\"] }}",
                shim.display().to_string()
            ),
        ),
    ];
    for (side, dependencies) in sides {
        let folder = scratch.path().join(side);
        fixture_crate(&folder, &format!("fixtures-{side}"), side, &dependencies);
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/rules-fixtures");
        let output = std::process::Command::new(env!("CARGO"))
            .args(["check", "--quiet"])
            .current_dir(&folder)
            .env("CARGO_TARGET_DIR", target)
            // A check made once: no incremental state to keep on disk.
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "the {side} files do not compile:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
