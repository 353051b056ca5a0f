//! Print-identity, idempotence and robustness, as properties over many files: sources
//! made by a seeded generator (with and without async-std, mangled into invalid Rust
//! too), the Rust files of this repository, and a bounded sample of the crates in the
//! cargo registry (skipped when there is none).
//!
//! For every file:
//! - the migration never panics;
//! - edits never overlap, and every byte outside an edit is unchanged;
//! - a file that never names async-std comes out byte-identical;
//! - a file that migrated cleanly migrates to itself on a second run.
//!
//! The generator is seeded: a failure names its case, and `SMOLIFY_IDENTITY_SEED=N`
//! replays a different sequence.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use cargo_smolify::discover::Files;
use cargo_smolify::plan::{plan_files, Options};
use cargo_smolify::{edit, source};

/// xorshift64*: small, fast, and the same sequence everywhere for one seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn seed() -> u64 {
    std::env::var("SMOLIFY_IDENTITY_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(0x5EED)
}

/// Top-level items that never name async-std.
const PLAIN_ITEMS: &[&str] = &[
    "fn add(a: i32, b: i32) -> i32 {\n    a + b // sum\n}\n",
    "/// A point.\n#[derive(Debug, Clone, Copy, PartialEq)]\npub struct Point { x: f64, y: f64 }\n",
    "enum Shape<'a> {\n\tCircle { r: f64 },\n\tNamed(&'a str),\n}\n",
    "impl<T: Clone> Wrapper<T> {\n    pub fn get(&self) -> T { self.0.clone() }\n}\n",
    "struct Wrapper<T>(T);\n",
    "/* block /* nested */ comment */\nconst LIMIT: usize = 1 << 10;\n",
    "static GREETING: &str = r#\"say \"hi\" // not a comment\"#;\n",
    "fn bytes() -> &'static [u8] { b\"\\x00\\xffasync\" }\n",
    "mod inner {\n    //! Inner docs.\n    pub(crate) fn f() {}\n}\n",
    "async fn fetch(url: &str) -> Option<usize> {\n    let n = url.len();\n    if n > 3 { Some(n) } else { None }\n}\n",
    "fn closures() {\n    let v: Vec<_> = (0..10).map(|x| x * 2).filter(|x| x % 3 == 0).collect();\n    println!(\"{v:?}\");\n}\n",
    "trait Speak {\n    fn speak(&self) -> String { String::from(\"…ünïcödé…\") }\n}\n",
    "macro_rules! square {\n    ($x:expr) => { $x * $x };\n}\n",
    "#[cfg(test)]\nmod tests {\n    #[test]\n    fn works() { assert_eq!(2 + 2, 4); }\n}\n",
    "fn smol_code() {\n    smol::block_on(async { smol::spawn(async {}).detach() });\n}\n",
    "fn tokio_like() { let _ = tokio::spawn; let _x = async_stdx::task::spawn; }\n",
    "type Callback = Box<dyn Fn(i32) -> i32 + Send + Sync + 'static>;\n",
    "fn matcher(x: Option<u8>) -> u8 {\n    match x {\n        Some(0..=9) => 1,\n        Some(_) | None => 0,\n    }\n}\n",
    "   \n\n// trailing spaces here   \n",
    "extern crate alloc;\nuse std::collections::{HashMap, BTreeSet as Set};\n",
    "const S: &str = \"use async-std? no: this string has no crate name\";\n",
];

/// Items that use async-std in the ways the migration handles (and a few it reports).
const ASYNC_STD_ITEMS: &[&str] = &[
    "use async_std::task;\n",
    "use async_std::{task, net::{TcpListener, TcpStream}, prelude::*};\n",
    "use async_std::io::{self, ReadExt as _, WriteExt};\n",
    "use async_std::prelude::*;\n",
    "pub use async_std::task::spawn;\n",
    "use ::async_std::sync::Mutex;\n",
    "use async_std::channel::{unbounded, Receiver};\n",
    "fn fire() {\n    async_std::task::spawn(async { println!(\"bg\") });\n}\n",
    "async fn joined() -> u8 {\n    let handle = async_std::task::spawn(async { 1 });\n    handle.await\n}\n",
    "async fn nap() {\n    async_std::task::sleep(std::time::Duration::from_millis(1)).await;\n}\n",
    "fn blocking() -> u32 {\n    async_std::task::block_on(async { 7 })\n}\n",
    "#[async_std::main]\nasync fn main() {\n    // comment kept\n    println!(\"main\");\n}\n",
    "#[async_std::test]\nasync fn a_test() {\n    assert!(true);\n}\n",
    "async fn off_thread() -> u8 {\n    async_std::task::spawn_blocking(|| 3).await\n}\n",
    "fn who() {\n    println!(\"{:?}\", async_std::task::current().id());\n}\n",
    "async fn later() -> Result<(), async_std::future::TimeoutError> {\n    async_std::future::timeout(std::time::Duration::from_secs(1), async {}).await\n}\n",
    "async fn chan() {\n    let (tx, rx) = async_std::channel::unbounded::<u8>();\n    tx.send(1).await.unwrap();\n    let _ = rx.recv().await;\n}\n",
    "macro_rules! go {\n    () => { async_std::task::yield_now() };\n}\n",
    "async fn listen() -> std::io::Result<()> {\n    let l = async_std::net::TcpListener::bind(\"127.0.0.1:0\").await?;\n    drop(l);\n    Ok(())\n}\n",
    "const DOC: &str = \"async_std::task::spawn in a string stays\";\n",
    "// async_std::task::spawn in a comment stays\nfn nothing() {}\n",
    "/// ```\n/// async_std::task::block_on(async {});\n/// ```\npub fn documented() {}\n",
    "#[cfg(feature = \"rt\")]\nfn gated() { let _ = async_std::task::spawn(async {}); }\n",
    "fn local() { let _ = self::async_std::thing; }\nmod async_std { pub const thing: u8 = 0; }\n",
];

/// Wraps `items` into a file, with random blank lines, comments, indentation of
/// comments, and sometimes a BOM, a shebang or CRLF line ends.
fn generate(rng: &mut Rng, pools: &[&[&str]]) -> String {
    let mut out = String::new();
    if rng.chance(5) {
        out.push('\u{feff}');
    }
    if rng.chance(5) {
        out.push_str("#!/usr/bin/env run-cargo-script\n");
    }
    if rng.chance(30) {
        out.push_str("//! Crate docs.\n#![allow(dead_code)]\n");
    }
    let count = 1 + rng.below(8);
    for _ in 0..count {
        let pool = pools[rng.below(pools.len())];
        out.push_str(rng.pick(pool));
        match rng.below(6) {
            0 => out.push_str("\n\n"),
            1 => out.push_str("    // between items\n"),
            2 => out.push_str("\n/* between */\n"),
            _ => out.push('\n'),
        }
    }
    if rng.chance(15) {
        out = out.replace('\n', "\r\n");
    }
    if rng.chance(10) {
        // No newline at the end of the file.
        while out.ends_with('\n') || out.ends_with('\r') {
            out.pop();
        }
    }
    out
}

/// `text` mangled: cut, with bytes dropped, or with stray delimiters.
fn mangle(rng: &mut Rng, text: &str) -> String {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at = boundaries[rng.below(boundaries.len())];
    match rng.below(4) {
        0 => text[..at].to_string(),
        1 => {
            let next = boundaries
                .iter()
                .copied()
                .find(|&b| b > at)
                .unwrap_or(text.len());
            format!("{}{}", &text[..at], &text[next..])
        }
        2 => format!(
            "{}{}{}",
            &text[..at],
            rng.pick(&[
                "{",
                "}",
                "\"",
                "'",
                "#[",
                "/*",
                "r#\"",
                "::",
                "async_std::",
                "\u{0}"
            ]),
            &text[at..]
        ),
        _ => format!("{}{}", &text[at..], &text[..at]),
    }
}

/// Whether `text` names async-std at all, as a word (then edits may happen):
/// `async_stdx` does not count.
fn names_async_std(text: &str) -> bool {
    text.match_indices("async_std").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + "async_std".len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

/// Checks every property on one file; the error says which failed.
fn check(label: &str, text: &str) -> Result<(), String> {
    let crate_names = ["async_std".to_string()];
    let result = catch_unwind(AssertUnwindSafe(|| source::migrate(text, &crate_names)))
        .map_err(|_| format!("{label}: the migration panicked"))?;
    let Ok(migration) = result else {
        // Not valid Rust: no edits, which `source::migrate` shows by its type.
        return Ok(());
    };
    if migration.edits.iter().any(|edit| {
        edit.range.start > edit.range.end
            || edit.range.end > text.len()
            || !text.is_char_boundary(edit.range.start)
            || !text.is_char_boundary(edit.range.end)
    }) {
        return Err(format!(
            "{label}: an edit is out of bounds or splits a character"
        ));
    }
    let migrated =
        edit::apply(text, &migration.edits).map_err(|conflict| format!("{label}: {conflict}"))?;
    outside_edits_unchanged(text, &migrated, &migration.edits)
        .map_err(|error| format!("{label}: {error}"))?;
    if !names_async_std(text) && migrated != text {
        return Err(format!(
            "{label}: a file without async-std changed:\n--- before ---\n{text}\n--- after ---\n{migrated}"
        ));
    }
    if migrated != text {
        let second = catch_unwind(AssertUnwindSafe(|| {
            source::migrate(&migrated, &crate_names)
        }))
        .map_err(|_| format!("{label}: the second run panicked"))?
        .map_err(|error| {
            format!(
                "{label}: the output does not parse ({}):\n{migrated}",
                error.message
            )
        })?;
        let again = edit::apply(&migrated, &second.edits)
            .map_err(|conflict| format!("{label}: second run: {conflict}"))?;
        if again != migrated {
            return Err(format!(
                "{label}: a second run changes the output\n--- first run ---\n{migrated}\n--- second run ---\n{again}"
            ));
        }
    }
    Ok(())
}

/// Every byte of `original` outside the edits appears, in order, in `migrated`, and
/// the edits' replacements fill exactly the gaps (checked independently of
/// `edit::apply`).
fn outside_edits_unchanged(
    original: &str,
    migrated: &str,
    edits: &[edit::Edit],
) -> Result<(), String> {
    let mut sorted: Vec<&edit::Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, !edit.range.is_empty(), edit.range.end));
    sorted.dedup_by(|a, b| a == b);
    let (original, migrated) = (original.as_bytes(), migrated.as_bytes());
    let mut cursor = 0;
    let mut out = 0;
    for edit in sorted {
        let kept = &original[cursor..edit.range.start];
        if migrated.get(out..out + kept.len()) != Some(kept) {
            return Err(format!(
                "bytes {cursor}..{} outside any edit changed",
                edit.range.start
            ));
        }
        out += kept.len();
        let replacement = edit.replacement.as_bytes();
        if migrated.get(out..out + replacement.len()) != Some(replacement) {
            return Err(format!(
                "the edit at {:?} is not what was written",
                edit.range
            ));
        }
        out += replacement.len();
        cursor = edit.range.end;
    }
    if migrated.get(out..) != Some(&original[cursor..]) {
        return Err(format!("bytes after {cursor} changed"));
    }
    Ok(())
}

fn run_all(cases: impl IntoIterator<Item = (String, String)>) -> usize {
    let mut failures = Vec::new();
    let mut count = 0;
    for (label, text) in cases {
        count += 1;
        if let Err(error) = check(&label, &text) {
            failures.push(error);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} files failed:\n\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    count
}

#[test]
fn generated_files_without_async_std_come_out_byte_identical() {
    let mut rng = Rng::new(seed());
    let cases = (0..300).map(|case| {
        let text = generate(&mut rng, &[PLAIN_ITEMS]);
        assert!(!names_async_std(&text));
        (format!("plain case {case}"), text)
    });
    assert_eq!(run_all(cases), 300);
}

#[test]
fn generated_files_with_async_std_change_only_inside_edits_and_only_once() {
    let mut rng = Rng::new(seed() ^ 1);
    let cases: Vec<(String, String)> = (0..400)
        .map(|case| {
            let text = generate(&mut rng, &[PLAIN_ITEMS, ASYNC_STD_ITEMS, ASYNC_STD_ITEMS]);
            (format!("async-std case {case}"), text)
        })
        .collect();
    // The generator does reach the rewriter: most of these files change.
    let changed = cases
        .iter()
        .filter(|(_, text)| {
            source::migrate(text, &["async_std".to_string()])
                .is_ok_and(|migration| !migration.edits.is_empty())
        })
        .count();
    assert!(
        changed > 200,
        "only {changed} of 400 generated files changed"
    );
    run_all(cases);
}

#[test]
fn mangled_files_never_panic_and_get_no_stray_edits() {
    let mut rng = Rng::new(seed() ^ 2);
    let cases: Vec<(String, String)> = (0..400)
        .map(|case| {
            let text = generate(&mut rng, &[PLAIN_ITEMS, ASYNC_STD_ITEMS]);
            let text = mangle(&mut rng, &text);
            (format!("mangled case {case}"), text)
        })
        .collect();
    run_all(cases);
}

/// `.rs` files under `root`, sorted, skipping target/ and hidden folders.
fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && name != "target" && !name.starts_with('.') {
                folders.push(path);
            } else if kind.is_file() && name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The files as labelled cases: at most `limit`, spread evenly over the list, each
/// under 256 KiB and UTF-8.
fn sample(files: &[PathBuf], limit: usize) -> Vec<(String, String)> {
    let step = files.len().div_ceil(limit.max(1)).max(1);
    files
        .iter()
        .step_by(step)
        .filter(|path| std::fs::metadata(path).is_ok_and(|m| m.len() < 256 * 1024))
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            Some((path.display().to_string(), text))
        })
        .collect()
}

#[test]
fn this_repositorys_files_keep_every_byte_outside_edits() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is in a workspace");
    let files = rust_files(workspace);
    assert!(files.len() > 20, "found only {} files", files.len());
    run_all(sample(&files, 2_000));
}

#[test]
fn a_sample_of_the_cargo_registry_keeps_every_byte_outside_edits() {
    let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
    else {
        eprintln!("no CARGO_HOME or HOME: skipped");
        return;
    };
    let mut files = Vec::new();
    let Ok(registries) = std::fs::read_dir(home.join("registry/src")) else {
        eprintln!("no cargo registry sources: skipped");
        return;
    };
    for registry in registries.flatten() {
        let Ok(crates) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for krate in crates.flatten() {
            files.extend(rust_files(&krate.path().join("src")));
        }
    }
    files.sort();
    if files.is_empty() {
        eprintln!("no crate sources in the registry: skipped");
        return;
    }
    run_all(sample(&files, 600));
}

#[test]
fn a_whole_run_changes_nothing_outside_its_edits_crlf_and_bom_included() {
    let mut rng = Rng::new(seed() ^ 3);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut files = Files::default();
    let mut texts = Vec::new();
    for case in 0..60 {
        let pools: &[&[&str]] = if case % 3 == 0 {
            &[PLAIN_ITEMS]
        } else {
            &[PLAIN_ITEMS, ASYNC_STD_ITEMS]
        };
        let text = generate(&mut rng, pools);
        let path = folder.path().join(format!("case{case}.rs"));
        std::fs::write(&path, &text).expect("a writable folder");
        files.sources.push(path.clone());
        texts.push((path, text));
    }
    let plan = plan_files(&files, &Options::default(), &|| {});
    for (path, text) in &texts {
        let change = plan.changes.iter().find(|change| &change.path == path);
        let Some(change) = change else { continue };
        assert!(names_async_std(text), "{} changed", path.display());
        assert_eq!(&change.original, text);
        assert_eq!(
            edit::apply(text, &change.edits).expect("the plan's edits apply"),
            change.migrated
        );
        outside_edits_unchanged(text, &change.migrated, &change.edits)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        if cargo_smolify::edit::uses_crlf(text) {
            let lone_lf = change
                .migrated
                .match_indices('\n')
                .any(|(i, _)| i == 0 || change.migrated.as_bytes()[i - 1] != b'\r');
            assert!(!lone_lf, "{}: a CRLF file got LF lines", path.display());
        }
        if text.starts_with('\u{feff}') {
            assert!(
                change.migrated.starts_with('\u{feff}'),
                "{}: BOM lost",
                path.display()
            );
        }
    }
}
