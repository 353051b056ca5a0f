//! A seeded fuzzer for the rewriter, on stable Rust: its own mutation engine over a
//! corpus of real files, and arbitrary bytes.
//!
//! Inputs: arbitrary bytes (as `&str` where they are UTF-8, and through the file-level
//! plan in any case), and mutations of real Rust files (byte flips, line and token
//! splices, deletions, duplications, insertions of async-std items, statements and
//! paths where they parse, deep nesting) taken from this repository's
//! `examples/legacy`, the rule fixtures' `before.rs`, and a bounded sample of the cargo
//! registry when there is one. The fuzzing threads have the stack the plan's parser
//! threads have.
//!
//! Properties, for every input:
//! - neither `source::migrate` nor the plan over a temporary file panics (the plan
//!   reports no `internal` error);
//! - every edit is inside the text, on character boundaries, and no two overlap;
//! - no byte outside the edits' ranges changes;
//! - if the input parses with syn, the output does too;
//! - a second migration of the output changes nothing (when the first one succeeded).
//!
//! The plan's test also fuzzes the manifest rewriter, over mutated Cargo.toml files
//! (this repository's and a sample of the registry's, with async-std entries of every
//! shape inserted): no panic, no byte outside the edits changed, the output is TOML,
//! and a second migration changes nothing.
//!
//! Running it:
//! - `cargo test -p cargo-smolify --test fuzz` runs about 45 seconds (in two tests
//!   that run side by side; `SMOLIFY_FUZZ_SECONDS` sets it);
//! - `SMOLIFY_FUZZ_SECONDS=1800 cargo test -p cargo-smolify --release --test fuzz --
//!   --nocapture` is a long run;
//! - every run prints its seed; a failure writes its input to
//!   `target/fuzz-failures/<seed>.rs` and names the seed of the failing case, which
//!   `SMOLIFY_FUZZ_SEED=<seed>` replays first (then goes on with new cases);
//! - `SMOLIFY_FUZZ_REPLAY=<file>` checks one saved input and nothing else.
//!
//! The inputs in `tests/fuzz-regressions/` (the cases the fuzzer found) are checked
//! on every run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cargo_smolify::discover::Files;
use cargo_smolify::plan::{plan_files, Options};
use cargo_smolify::{edit, source, Severity};

/// splitmix64: every seed, zero included, gives a good sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of the `index`th case of a run seeded with `master`: case 0 is the master
/// seed itself, so that `SMOLIFY_FUZZ_SEED=<a failing case's seed>` replays it first.
fn case_seed(master: u64, index: u64) -> u64 {
    if index == 0 {
        return master;
    }
    Rng(master ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93)).next()
}

/// The run's seed: `SMOLIFY_FUZZ_SEED=<n>` (or `0x<hex>`), `SMOLIFY_FUZZ_SEED=random`
/// for a fresh one (long exploratory runs), and by default a fixed one per stream, so
/// that the test suite sees the same inputs on every run and machine (only how many
/// of them fit in the time budget varies).
fn master_seed(stream: u64) -> u64 {
    match std::env::var("SMOLIFY_FUZZ_SEED").as_deref() {
        Err(_) => Rng(0x5EED_5A01_1F1E_D000 ^ stream).next(),
        Ok(seed) if seed.trim() != "random" => {
            let seed = seed.trim();
            let parsed = match seed.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => seed.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("SMOLIFY_FUZZ_SEED={seed} is not a number"))
        }
        Ok(_) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            Rng(now.as_nanos() as u64 ^ u64::from(std::process::id()) ^ stream).next()
        }
    }
}

/// How long each fuzz test runs (the two run side by side).
fn budget() -> Duration {
    let seconds = std::env::var("SMOLIFY_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(45.0);
    Duration::from_secs_f64(seconds.max(0.0))
}

/// The workspace root.
fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is in a workspace")
}

/// `.rs` files under `root`, sorted, skipping target/ and hidden folders.
fn rust_files(root: &Path, name_filter: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && name != "target" && !name.starts_with('.') {
                folders.push(entry.path());
            } else if kind.is_file() && name.ends_with(".rs") && name_filter(&name) {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// The seed files the mutations start from, read once: this repository's legacy
/// examples and rule fixtures, and up to 300 files of the cargo registry (each under
/// 48 KiB, spread evenly over it).
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = rust_files(&workspace().join("examples/legacy"), &|_| true);
        files.extend(rust_files(
            &workspace().join("migrate-cli/tests/fixtures"),
            &|name| name == "before.rs",
        ));
        let mut registry = Vec::new();
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
        if let Some(Ok(registries)) = home.map(|home| std::fs::read_dir(home.join("registry/src")))
        {
            let mut crates: Vec<PathBuf> = registries
                .flatten()
                .flat_map(|registry| std::fs::read_dir(registry.path()).into_iter().flatten())
                .flatten()
                .map(|krate| krate.path())
                .collect();
            crates.sort();
            // At most two files per crate, from a spread of crates.
            let step = crates.len().div_ceil(150).max(1);
            for krate in crates.iter().step_by(step) {
                let sources = rust_files(&krate.join("src"), &|_| true);
                let step = sources.len().div_ceil(2).max(1);
                registry.extend(sources.into_iter().step_by(step));
            }
        }
        files.extend(registry);
        let texts: Vec<String> = files
            .iter()
            .filter(|path| std::fs::metadata(path).is_ok_and(|m| m.len() < 48 * 1024))
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect();
        assert!(
            texts.len() >= 20,
            "the fuzz corpus has only {} files",
            texts.len()
        );
        texts
    })
}

/// Items (and statements) that name async-std: valid where an item is.
const ITEMS: &[&str] = &[
    "use async_std::task;\n",
    "use async_std::prelude::*;\n",
    "use async_std::{task, net::{TcpListener, TcpStream}, io::{self, ReadExt}};\n",
    "use async_std::sync::{Arc, Mutex};\n",
    "use async_std::channel::{bounded, Sender};\n",
    "use async_std::task::{spawn, block_on as run};\n",
    "use async_std as rt;\n",
    "use async_std::{self as a, task::{self as t}};\n",
    "extern crate async_std;\n",
    "extern crate async_std as astd;\n",
    "pub use async_std::task::spawn;\n",
    "pub(crate) use async_std::io;\n",
    "use async_std::fs::File;\n",
    "use async_std::io::prelude::*;\n",
    "use async_std::stream::{self, StreamExt};\n",
    "use async_std::net::*;\n",
    "#[async_std::main]\nasync fn main() {}\n",
    "#[async_std::main]\nasync fn main() -> std::io::Result<()> { Ok(()) }\n",
    "#[async_std::test]\nasync fn t() { task::sleep(std::time::Duration::from_millis(1)).await; }\n",
    "fn f() { async_std::task::spawn(async {}); }\n",
    "fn g() { let h = task::spawn(async { 1 }); let _ = h; }\n",
    "macro_rules! m { () => { async_std::task::spawn(async {}) }; }\n",
    "mod async_std { pub mod task {} }\n",
    "/// ```\n/// async_std::task::block_on(async {});\n/// ```\nfn documented() {}\n",
    "#[cfg(feature = \"x\")]\nuse async_std::task::spawn_local;\n",
    "impl S { async fn go(&self) { async_std::task::yield_now().await } }\n",
    "struct S { m: async_std::sync::Mutex<u8>, f: async_std::fs::File }\n",
    "type H = async_std::task::JoinHandle<()>;\n",
    "fn s() -> impl async_std::stream::Stream<Item = u8> { async_std::stream::empty() }\n",
];

/// Expressions that name async-std, inserted as `let _ = EXPR;` statements.
const EXPRESSIONS: &[&str] = &[
    "async_std::task::block_on(async {})",
    "task::spawn(async move { x.await })",
    "async_std::task::spawn(async {})",
    "async_std::task::sleep(d).await",
    "task::spawn_blocking(|| ())",
    "async_std::io::stdout()",
    "async_std::io::stdin()",
    "async_std::fs::read_to_string(\"x\").await?",
    "async_std::future::timeout(d, f).await",
    "async_std::channel::unbounded::<u8>()",
    "async_std::sync::Mutex::new(0)",
    "async_std::net::TcpStream::connect(a).await?",
    "async_std::task::current().id()",
    "async_std::stream::interval(d)",
    "async_std::println!(\"{}\", 1)",
    "writeln!(async_std::io::stdout(), \"x\")",
    "s.next().await",
    "f.flush().await?",
    "w.into_inner()",
    "async_std::path::Path::new(\"x\").exists().await",
    "async_std::task::spawn_local(async {})",
    "::async_std::task::yield_now().await",
    "m!(async_std::task::spawn(async {}))",
    "async_std::task::Builder::new().name(\"n\".into()).spawn(async {})",
    "async_std::io::BufWriter::new(w).into_inner()",
    "|| async_std::task::spawn(async {})",
    "async { async_std::task::sleep(d).await }",
];

/// Fragments for the rough mutations.
const FRAGMENTS: &[&str] = &[
    "async_std::",
    "async_std",
    "task::",
    "r#async_std",
    "#[cfg(feature = \"x\")]\n",
    "#![cfg_attr(feature = \"x\", allow(unused))]\n",
    "//! ```\n//! use async_std::task;\n//! ```\n",
    "/// ```\n/// async_std::task::block_on(async {});\n",
    "#[async_std::main]",
    "#[async_std::test]",
    "\u{feff}",
    "#!/usr/bin/env run-cargo-script\n",
    "\r\n",
    "\r",
];

fn snippet(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => rng.pick(ITEMS).to_string(),
        1 => format!("let _ = {};\n", rng.pick(EXPRESSIONS)),
        _ => rng.pick(FRAGMENTS).to_string(),
    }
}

/// Tokens spliced in by the mutator.
const TOKENS: &[&str] = &[
    "{", "}", "(", ")", "[", "]", "<", ">", ";", ",", "::", ":", ".", "..", "=", "=>", "->", "&",
    "'a", "'", "\"", "r#\"", "\"#", "#", "#[", "#![", "/*", "*/", "//", "///", "//!", "\\",
    "async", "await", ".await", "move", "fn", "mod", "use", "pub", "self", "super", "crate",
    "impl", "dyn", "let", "match", "_", "?", "!", "$", "\u{0}", "\t", " ", "\n", "é", "\u{200b}",
    "🦀",
];

/// Valid char boundaries of `text`, end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// A random range of `text` on char boundaries, of at most about `max` bytes.
fn some_range(rng: &mut Rng, text: &str, max: usize) -> (usize, usize) {
    let cuts = boundaries(text);
    let start = *rng.pick(&cuts);
    let length = rng.below(max + 1);
    let end = cuts
        .iter()
        .copied()
        .find(|&b| b >= start + length)
        .unwrap_or(text.len());
    (start, end)
}

/// Line start offsets of `text`.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Openers and closers the mutator nests deeply.
const NESTS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("Vec<", ">"),
    ("Box<dyn Fn() -> ", ">"),
    ("!", ""),
    ("&mut ", ""),
    ("|| ", ""),
    ("async move { ", " }"),
    ("if a { ", " } else { b }"),
];

/// `text` with something nested deeply: as a valid statement, or anywhere.
fn deepen(rng: &mut Rng, text: &str) -> String {
    let (open, close) = *rng.pick(NESTS);
    let n = *rng.pick(&[8, 60, 150, 250, 400, 600, 2_000, 20_000]);
    let (start, end) = some_range(rng, text, 200);
    if rng.chance(50) {
        let (at, indent) = *rng.pick(&statement_starts(text));
        let expression = rng.pick(EXPRESSIONS);
        format!(
            "{}let _ = {}{expression}{};\n{indent}{}",
            &text[..at],
            open.repeat(n),
            close.repeat(n),
            &text[at..]
        )
    } else {
        format!(
            "{}{}{}{}{}",
            &text[..start],
            open.repeat(n),
            &text[start..end],
            close.repeat(n),
            &text[end..]
        )
    }
}

/// Line starts where a statement or an item likely begins: after a line that ends
/// in `;`, `{` or `}`, or a blank one; with the indentation of the line.
fn statement_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = vec![(0, "")];
    let mut offset = 0;
    let mut previous_ends_statement = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if previous_ends_statement && offset > 0 {
            out.push((offset, &line[..line.len() - trimmed.len()]));
        }
        let end = line.trim_end();
        previous_ends_statement = end.is_empty() || end.ends_with([';', '{', '}']);
        offset += line.len();
    }
    out
}

/// One mutation of `text` that keeps valid Rust valid, most of the time: async-std
/// items and statements where statements begin, and paths moved onto async-std.
fn mutate_gently(rng: &mut Rng, text: &str) -> String {
    let starts = statement_starts(text);
    match rng.below(5) {
        0 | 1 => {
            let (at, indent) = *rng.pick(&starts);
            format!("{}{}{indent}{}", &text[..at], rng.pick(ITEMS), &text[at..])
        }
        2 => {
            let inner: Vec<(usize, &str)> = starts
                .iter()
                .copied()
                .filter(|(_, indent)| indent.len() >= 8 || indent.starts_with("\t\t"))
                .collect();
            let Some(&(at, indent)) = (!inner.is_empty()).then(|| rng.pick(&inner)) else {
                return format!("{}{text}", rng.pick(ITEMS));
            };
            let expression = rng.pick(EXPRESSIONS);
            format!(
                "{}let _ = {expression};\n{indent}{}",
                &text[..at],
                &text[at..]
            )
        }
        3 => {
            // The `use` lines of another file.
            let other = rng.pick(corpus());
            let uses: String = other
                .lines()
                .filter(|line| line.starts_with("use ") && line.ends_with(';'))
                .map(|line| format!("{line}\n"))
                .collect();
            format!("{uses}{text}")
        }
        _ => move_onto_async_std(rng, text),
    }
}

/// A path prefix turned into async-std's (`std::io` -> `async_std::io`).
fn move_onto_async_std(rng: &mut Rng, text: &str) -> String {
    let spots: Vec<usize> = text.match_indices("::").map(|(i, _)| i).collect();
    if spots.is_empty() {
        return format!("{}{text}", rng.pick(ITEMS));
    }
    let at = *rng.pick(&spots);
    let word_start = text[..at]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let word_start = if text.is_char_boundary(word_start) {
        word_start
    } else {
        at
    };
    format!("{}async_std{}", &text[..word_start], &text[at..])
}

/// One mutation of `text`, staying UTF-8.
fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let corpus = corpus();
    match rng.below(10) {
        // A character replaced by a random one.
        0 => {
            let (start, end) = some_range(rng, text, 1);
            let c = match rng.below(4) {
                0 => char::from(rng.below(128) as u8),
                1 => *rng.pick(&['{', '}', '"', '\'', '#', '/', '*', '\n', '\r', '\u{feff}']),
                2 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('?'),
                _ => char::from(b'a' + rng.below(26) as u8),
            };
            format!("{}{c}{}", &text[..start], &text[end..])
        }
        // A range deleted.
        1 => {
            let (start, end) = some_range(rng, text, 64);
            format!("{}{}", &text[..start], &text[end..])
        }
        // A range duplicated.
        2 => {
            let (start, end) = some_range(rng, text, 128);
            format!("{}{}", &text[..end], &text[start..])
        }
        // Whole lines deleted or duplicated.
        3 => {
            let starts = line_starts(text);
            let first = *rng.pick(&starts);
            let last = starts
                .iter()
                .copied()
                .filter(|&s| s > first)
                .nth(rng.below(6))
                .unwrap_or(text.len());
            if rng.chance(50) {
                format!("{}{}", &text[..first], &text[last..])
            } else {
                format!("{}{}", &text[..last], &text[first..])
            }
        }
        // Lines from another file spliced in.
        4 => {
            let other = rng.pick(corpus);
            let other_starts = line_starts(other);
            let from = *rng.pick(&other_starts);
            let to = other_starts
                .iter()
                .copied()
                .filter(|&s| s > from)
                .nth(rng.below(20))
                .unwrap_or(other.len());
            let at = *rng.pick(&line_starts(text));
            format!("{}{}{}", &text[..at], &other[from..to], &text[at..])
        }
        // An async-std snippet at a line start.
        5 | 6 => {
            let at = *rng.pick(&line_starts(text));
            format!("{}{}{}", &text[..at], snippet(rng), &text[at..])
        }
        // An async-std snippet anywhere.
        7 => {
            let at = *rng.pick(&boundaries(text));
            format!("{}{}{}", &text[..at], snippet(rng), &text[at..])
        }
        // A token anywhere.
        8 => {
            let at = *rng.pick(&boundaries(text));
            format!("{}{}{}", &text[..at], rng.pick(TOKENS), &text[at..])
        }
        _ => move_onto_async_std(rng, text),
    }
}

/// Arbitrary bytes: fully random, or random over a Rust-ish alphabet.
fn arbitrary_bytes(rng: &mut Rng) -> Vec<u8> {
    let max = if rng.chance(10) { 4096 } else { 256 };
    let length = rng.below(max);
    match rng.below(3) {
        0 => (0..length).map(|_| rng.next() as u8).collect(),
        1 => (0..length)
            .map(|_| {
                *rng.pick(b"abcdefghijklmnopqrstuvwxyz_:;{}()[]<>#!&'\"/*\\ \n\r\t.,=-0123456789")
            })
            .collect(),
        _ => {
            let mut out = String::new();
            while out.len() < length {
                if rng.chance(30) {
                    out.push_str(&snippet(rng));
                } else {
                    let token = rng.pick::<&str>(TOKENS);
                    out.push_str(token);
                    out.push(' ');
                }
            }
            out.into_bytes()
        }
    }
}

/// Byte flips that may break UTF-8 (for the file-level plan).
fn flip_bytes(rng: &mut Rng, bytes: &mut [u8]) {
    for _ in 0..=rng.below(4) {
        if bytes.is_empty() {
            return;
        }
        let at = rng.below(bytes.len());
        bytes[at] ^= 1 << rng.below(8);
    }
}

/// One input: bytes, mostly UTF-8.
fn generate(seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    if rng.chance(8) {
        return arbitrary_bytes(&mut rng);
    }
    let corpus = corpus();
    let mut text = rng.pick(corpus).clone();
    if rng.chance(20) {
        // Mutations are cheaper on a piece of the file.
        let starts = line_starts(&text);
        let from = *rng.pick(&starts);
        let to = starts
            .iter()
            .copied()
            .filter(|&s| s > from)
            .nth(40 + rng.below(80))
            .unwrap_or(text.len());
        text = text[from..to].to_string();
    }
    if rng.chance(60) {
        for _ in 0..=rng.below(4) {
            text = mutate_gently(&mut rng, &text);
        }
    } else {
        for _ in 0..=rng.below(3) {
            text = if rng.chance(30) {
                mutate_gently(&mut rng, &text)
            } else {
                mutate_text(&mut rng, &text)
            };
        }
    }
    if rng.chance(5) {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if rng.chance(2) {
        text = deepen(&mut rng, &text);
    }
    let mut bytes = text.into_bytes();
    if rng.chance(3) {
        flip_bytes(&mut rng, &mut bytes);
    }
    bytes
}

/// Whether syn parses `text`; code nested deeper than the rewriter parses counts as
/// not parsing (syn itself could overflow the stack on it).
fn parses(text: &str) -> bool {
    source::nesting(text) <= source::MAX_NESTING && syn::parse_file(text).is_ok()
}

/// Every byte of `original` outside the edits appears, in order, in `migrated`, and
/// the replacements fill exactly the gaps (checked independently of `edit::apply`).
fn outside_edits_unchanged(
    original: &str,
    migrated: &str,
    edits: &[edit::Edit],
) -> Result<(), String> {
    let mut sorted: Vec<&edit::Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, !edit.range.is_empty(), edit.range.end));
    sorted.dedup_by(|a, b| a == b);
    let (original, migrated) = (original.as_bytes(), migrated.as_bytes());
    let (mut cursor, mut out) = (0, 0);
    for edit in sorted {
        if edit.range.start < cursor {
            return Err(format!("the edit at {:?} overlaps another", edit.range));
        }
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

fn names() -> Vec<String> {
    vec!["async_std".to_string()]
}

/// What one input was, for the run's statistics.
#[derive(Default)]
struct Outcome {
    parsed: bool,
    changed: bool,
}

/// The properties of `source::migrate` on `text`.
fn check_source(text: &str) -> Result<Outcome, String> {
    let names = names();
    let result = catch_unwind(AssertUnwindSafe(|| source::migrate(text, &names)))
        .map_err(|payload| format!("source::migrate panicked: {}", panic_message(&*payload)))?;
    let parsed = parses(text);
    let migration = match result {
        Ok(migration) => migration,
        Err(error) => {
            if parsed {
                return Err(format!(
                    "syn parses the input, but source::migrate says it does not: {}",
                    error.message
                ));
            }
            if error.offset > text.len() {
                return Err(format!(
                    "the parse error's offset {} is past the end",
                    error.offset
                ));
            }
            return Ok(Outcome::default());
        }
    };
    for edit in &migration.edits {
        if edit.range.start > edit.range.end
            || edit.range.end > text.len()
            || !text.is_char_boundary(edit.range.start)
            || !text.is_char_boundary(edit.range.end)
        {
            return Err(format!(
                "rule `{}`: the edit at {:?} is out of bounds or splits a character",
                edit.rule, edit.range
            ));
        }
    }
    for finding in &migration.findings {
        if finding.offset > text.len() {
            return Err(format!(
                "rule `{}`: a finding at {} is past the end",
                finding.rule, finding.offset
            ));
        }
    }
    let migrated = edit::apply(text, &migration.edits).map_err(|c| c.to_string())?;
    outside_edits_unchanged(text, &migrated, &migration.edits)?;
    if parsed && !parses(&migrated) {
        let error = syn::parse_file(&migrated).err().map(|e| e.to_string());
        return Err(format!(
            "the input parses but the output does not ({error:?}):\n{migrated}"
        ));
    }
    if migrated != text {
        let second = catch_unwind(AssertUnwindSafe(|| source::migrate(&migrated, &names)))
            .map_err(|payload| format!("the second run panicked: {}", panic_message(&*payload)))?
            .map_err(|error| {
                format!(
                    "the output of a successful migration does not parse ({}):\n{migrated}",
                    error.message
                )
            })?;
        let again = edit::apply(&migrated, &second.edits)
            .map_err(|conflict| format!("second run: {conflict}"))?;
        if again != migrated {
            return Err(format!(
                "a second run changes the output\n--- first run ---\n{migrated}\n--- second \
                 run ---\n{again}"
            ));
        }
    }
    Ok(Outcome {
        parsed,
        changed: migrated != text,
    })
}

/// The properties of the plan over `bytes` written to a file in `folder`.
fn check_plan(folder: &Path, bytes: &[u8]) -> Result<(), String> {
    let path = folder.join("input.rs");
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write the input: {e}"))?;
    let files = Files {
        sources: vec![path.clone()],
        ..Files::default()
    };
    let plan = catch_unwind(AssertUnwindSafe(|| {
        plan_files(&files, &Options::default(), &|| {})
    }))
    .map_err(|payload| format!("plan_files panicked: {}", panic_message(&*payload)))?;
    if let Some(bad) = plan.diagnostics.iter().find(|d| d.rule == "internal") {
        return Err(format!("the plan reports a bug: {bad}"));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        if !plan.changes.is_empty() {
            return Err("a file that is not UTF-8 changed".to_string());
        }
        if !plan
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.rule == "read")
        {
            return Err("a file that is not UTF-8 is not reported".to_string());
        }
        return Ok(());
    };
    let Some(change) = plan.changes.first() else {
        return Ok(());
    };
    if change.original != text {
        return Err("the plan's original text is not the file's".to_string());
    }
    let applied = edit::apply(text, &change.edits).map_err(|c| c.to_string())?;
    if applied != change.migrated {
        return Err("the plan's edits do not make its migrated text".to_string());
    }
    outside_edits_unchanged(text, &change.migrated, &change.edits)?;
    let lone_lf = |t: &str| {
        t.match_indices('\n')
            .any(|(i, _)| i == 0 || t.as_bytes()[i - 1] != b'\r')
    };
    if edit::uses_crlf(text) && lone_lf(&change.migrated) {
        return Err("a CRLF file got LF line ends".to_string());
    }
    if text.starts_with('\u{feff}') && !change.migrated.starts_with('\u{feff}') {
        return Err("the byte-order mark was lost".to_string());
    }
    if parses(text) && !parses(&change.migrated) {
        return Err(format!(
            "the input parses but the plan's output does not:\n{}",
            change.migrated
        ));
    }
    std::fs::write(&path, &change.migrated).map_err(|e| format!("cannot write: {e}"))?;
    let again = plan_files(&files, &Options::default(), &|| {});
    if let Some(change) = again.changes.first() {
        return Err(format!(
            "a second plan changes the output\n--- first run ---\n{}\n--- second run ---\n{}",
            change.original, change.migrated
        ));
    }
    Ok(())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Saves a failing input and returns the message the test fails with.
fn report_failure(seed: u64, extension: &str, bytes: &[u8], error: &str) -> String {
    // A relative CARGO_TARGET_DIR is taken from the workspace root, where cargo was
    // likely run (the test runs in the package's folder).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), |dir| workspace().join(dir));
    let folder = target.join("fuzz-failures");
    let saved = std::fs::create_dir_all(&folder)
        .and_then(|()| {
            let path = folder.join(format!("{seed}.{extension}"));
            std::fs::write(&path, bytes).map(|()| path)
        })
        .map_or_else(|e| format!("(not saved: {e})"), |p| p.display().to_string());
    let mut error = error.to_string();
    if error.len() > 4000 {
        let mut cut = 4000;
        while !error.is_char_boundary(cut) {
            cut -= 1;
        }
        error.truncate(cut);
        error.push_str("\n[...]");
    }
    format!(
        "fuzz case {seed} failed: {error}\n\ninput saved to {saved}\nreplay: \
         SMOLIFY_FUZZ_SEED={seed} cargo test -p cargo-smolify --test fuzz, or \
         SMOLIFY_FUZZ_REPLAY={saved} cargo test -p cargo-smolify --test fuzz"
    )
}

/// The properties for one input, at both levels.
fn check(folder: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_source(text)?;
    }
    check_plan(folder, bytes)
}

/// The file `SMOLIFY_FUZZ_REPLAY` names, relative to the workspace root where the
/// command was likely typed (cargo runs the test in the package's folder).
fn replay_file() -> Option<PathBuf> {
    let file = PathBuf::from(std::env::var_os("SMOLIFY_FUZZ_REPLAY")?);
    Some(if file.exists() {
        file
    } else {
        workspace().join(file)
    })
}

/// Runs cases until the budget is spent; `plan_every` is how often (1 in n) a case
/// also goes through the file-level plan.
fn fuzz(stream: u64, plan_every: u64, budget: Duration) {
    let master = master_seed(stream);
    let folder = tempfile::tempdir().expect("a temporary folder");
    if let Some(file) = replay_file() {
        if file.extension().is_some_and(|ext| ext == "toml") {
            return;
        }
        let bytes = std::fs::read(&file).expect("SMOLIFY_FUZZ_REPLAY names a readable file");
        if let Err(error) = check(folder.path(), &bytes) {
            panic!("{}: {error}", Path::new(&file).display());
        }
        eprintln!("{}: every property holds", Path::new(&file).display());
        return;
    }
    eprintln!("fuzz stream {stream}: seed {master} (replay with SMOLIFY_FUZZ_SEED={master})");
    let started = Instant::now();
    let (mut cases, mut utf8, mut parsed, mut changed) = (0u64, 0u64, 0u64, 0u64);
    while cases == 0 || started.elapsed() < budget {
        let seed = case_seed(master, cases);
        let bytes = generate(seed);
        let result = if let Ok(text) = std::str::from_utf8(&bytes) {
            utf8 += 1;
            check_source(text).and_then(|outcome| {
                parsed += u64::from(outcome.parsed);
                changed += u64::from(outcome.changed);
                if cases % plan_every == 0 {
                    check_plan(folder.path(), &bytes)
                } else {
                    Ok(())
                }
            })
        } else {
            check_plan(folder.path(), &bytes)
        };
        if let Err(error) = result {
            panic!("{}", report_failure(seed, "rs", &bytes, &error));
        }
        cases += 1;
    }
    eprintln!(
        "fuzz stream {stream}: {cases} cases in {:.1?} ({utf8} UTF-8, {parsed} valid Rust, \
         {changed} migrated), seed {master}",
        started.elapsed()
    );
}

/// Dependency entries (and tables) that name async-std, inserted by the manifest
/// mutator.
const MANIFEST_SNIPPETS: &[&str] = &[
    "async-std = \"1\"\n",
    "async-std = { version = \"1.13\", features = [\"attributes\", \"unstable\"] } # rt\n",
    "async-std = { version = \"1\", default-features = false, optional = true }\n",
    "rt = { package = \"async-std\", version = \"1\" }\n",
    "async-std = { workspace = true }\n",
    "async-std.workspace = true\n",
    "async-std = { path = \"../async-std\" }\n",
    "smol = \"2\"\n",
    "async-std-compat = \"1.13\"\n",
    "[dependencies]\n",
    "[dev-dependencies]\nasync-std = { version = \"1\", features = [\"attributes\"] }\n",
    "[dependencies.async-std]\nversion = \"1.13\"\nfeatures = [\"attributes\"]\n",
    "[target.'cfg(unix)'.dependencies]\nasync-std = \"1\"\n",
    "[workspace.dependencies]\nasync-std = { version = \"1.13\" }\n",
    "[workspace]\nmembers = [\"a\"]\n",
    "[package]\nname = \"p\"\nversion = \"0.1.0\"\n",
    "[features]\nrt = [\"async-std/attributes\", \"dep:async-std\"]\n",
    "[patch.crates-io]\nasync-std = { path = \"x\" }\n",
];

/// The manifests the manifest mutator starts from: this repository's, and up to 150
/// of the cargo registry's.
fn manifest_corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut paths = Vec::new();
        let mut folders = vec![
            workspace().join("examples"),
            workspace().join("migrate-cli"),
        ];
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
        let mut registry: Vec<PathBuf> = home
            .and_then(|home| std::fs::read_dir(home.join("registry/src")).ok())
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|registry| std::fs::read_dir(registry.path()).into_iter().flatten())
            .flatten()
            .map(|krate| krate.path().join("Cargo.toml"))
            .collect();
        registry.sort();
        let step = registry.len().div_ceil(150).max(1);
        paths.extend(registry.into_iter().step_by(step));
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let name = entry.file_name();
                if entry.file_type().is_ok_and(|kind| kind.is_dir()) && name != "target" {
                    folders.push(entry.path());
                } else if name == "Cargo.toml" {
                    paths.push(entry.path());
                }
            }
        }
        paths
            .iter()
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect()
    })
}

/// One mutated manifest.
fn generate_manifest(seed: u64) -> String {
    let mut rng = Rng(seed);
    let corpus = manifest_corpus();
    let mut text = if corpus.is_empty() {
        String::new()
    } else {
        rng.pick(corpus).clone()
    };
    for _ in 0..=rng.below(4) {
        text = match rng.below(8) {
            0..=3 => {
                let at = *rng.pick(&line_starts(&text));
                format!(
                    "{}{}{}",
                    &text[..at],
                    rng.pick(MANIFEST_SNIPPETS),
                    &text[at..]
                )
            }
            4 => {
                let (start, end) = some_range(&mut rng, &text, 40);
                format!("{}{}", &text[..start], &text[end..])
            }
            5 => {
                let (start, end) = some_range(&mut rng, &text, 80);
                format!("{}{}", &text[..end], &text[start..])
            }
            6 => {
                let at = *rng.pick(&boundaries(&text));
                let token = rng.pick(&[
                    "[", "]", "{", "}", "\"", "'", "=", ",", "#", "\n", ".", "\r\n", "\u{feff}",
                ]);
                format!("{}{token}{}", &text[..at], &text[at..])
            }
            _ => text.replace("\r\n", "\n").replace('\n', "\r\n"),
        };
    }
    text
}

/// The properties of the manifest migration on `text`, with options from `seed`.
fn check_manifest(text: &str, seed: u64) -> Result<(), String> {
    use cargo_smolify::manifest;
    let mut rng = Rng(seed ^ 0x5EED);
    let options = manifest::Options {
        needs_shim: rng.chance(40),
        keep_async_std: rng.chance(20),
        keep_workspace_async_std: rng.chance(20),
        ..manifest::Options::default()
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        manifest::inspect(text, &[]).map(|_| ())?;
        manifest::migrate(text, &options)
    }))
    .map_err(|payload| {
        format!(
            "the manifest migration panicked: {}",
            panic_message(&*payload)
        )
    })?;
    let Ok(migration) = result else {
        return Ok(());
    };
    for edit in &migration.edits {
        if edit.range.start > edit.range.end
            || edit.range.end > text.len()
            || !text.is_char_boundary(edit.range.start)
            || !text.is_char_boundary(edit.range.end)
        {
            return Err(format!(
                "a manifest edit at {:?} is out of bounds",
                edit.range
            ));
        }
    }
    let migrated = edit::apply(text, &migration.edits).map_err(|c| c.to_string())?;
    outside_edits_unchanged(text, &migrated, &migration.edits)?;
    if let Err(error) = migrated.parse::<toml_edit::DocumentMut>() {
        return Err(format!(
            "the manifest parses but its migration does not ({error}):\n{migrated}"
        ));
    }
    let again = catch_unwind(AssertUnwindSafe(|| manifest::migrate(&migrated, &options)))
        .map_err(|_| "the second manifest migration panicked".to_string())?
        .map_err(|error| format!("the migrated manifest is refused: {error}"))?;
    let twice = edit::apply(&migrated, &again.edits).map_err(|c| c.to_string())?;
    if twice != migrated {
        return Err(format!(
            "a second manifest migration changes it\n--- first run ---\n{migrated}\n--- second \
             run ---\n{twice}"
        ));
    }
    Ok(())
}

/// Runs `f` on a thread with a stack as large as the plan's parser threads have:
/// `source::migrate` may need that much for deeply nested input.
fn on_a_deep_stack(f: impl FnOnce() + Send + 'static) {
    let thread = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("a thread");
    if let Err(payload) = thread.join() {
        std::panic::resume_unwind(payload);
    }
}

/// Inputs through `source::migrate`, and one in eight through the plan too.
#[test]
fn fuzz_the_source_rewriter() {
    on_a_deep_stack(|| fuzz(1, 8, budget()));
}

/// Every input through both `source::migrate` and the plan over a file, for two
/// thirds of the budget; then manifests through the manifest migration (in this test,
/// so that the suite takes the budget however many tests run at once).
#[test]
fn fuzz_the_plan_over_a_file_and_the_manifests() {
    let budget = budget();
    if std::env::var_os("SMOLIFY_FUZZ_REPLAY").is_none() {
        on_a_deep_stack(move || fuzz(2, 1, budget * 2 / 3));
    }
    fuzz_manifests(budget / 3);
}

/// Mutated manifests through the manifest migration, for `budget`.
fn fuzz_manifests(budget: Duration) {
    if let Some(file) = replay_file() {
        // A saved manifest is named after its seed, which also chose the options.
        if file.extension().is_some_and(|ext| ext == "toml") {
            let text = std::fs::read_to_string(&file).expect("a readable manifest");
            let seed = file
                .file_stem()
                .and_then(|stem| stem.to_str()?.parse().ok())
                .unwrap_or(0);
            if let Err(error) = check_manifest(&text, seed) {
                panic!("{}: {error}", file.display());
            }
            eprintln!("{}: every property holds", file.display());
        }
        return;
    }
    let master = master_seed(3);
    eprintln!("fuzz stream 3 (manifests): seed {master} (replay with SMOLIFY_FUZZ_SEED={master})");
    let started = Instant::now();
    let mut cases = 0u64;
    while cases == 0 || started.elapsed() < budget {
        let seed = case_seed(master, cases);
        let text = generate_manifest(seed);
        if let Err(error) = check_manifest(&text, seed) {
            panic!("{}", report_failure(seed, "toml", text.as_bytes(), &error));
        }
        cases += 1;
    }
    eprintln!(
        "fuzz stream 3 (manifests): {cases} cases in {:.1?}, seed {master}",
        started.elapsed()
    );
}

/// The inputs the fuzzer once failed on.
#[test]
fn fuzz_regressions_hold() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let Ok(entries) =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions"))
    else {
        return;
    };
    let paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    on_a_deep_stack(move || {
        let mut failures = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).expect("a readable regression input");
            let result = if path.extension().is_some_and(|ext| ext == "toml") {
                check_manifest(&String::from_utf8_lossy(&bytes), 0)
            } else {
                check(folder.path(), &bytes)
            };
            if let Err(error) = result {
                failures.push(format!("{}: {error}", path.display()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    });
}
