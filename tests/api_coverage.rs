//! Every row of async-std 1.13.2's public API (`api/async-std-1.13.2.tsv`) resolves in
//! the shim, under the same path and behind the same Cargo feature.
//!
//! The test writes a scratch crate (`target/api-coverage/`) that depends on the shim
//! under the name `async-std`, as a user's crate does after the rename, with one
//! function per row that names the item: a `use` for modules, types, functions and
//! macros, a path expression for methods and trait methods, a trait-bound check for
//! impls (generic parameters become `_`), a field access for fields. It is checked
//! twice: with no feature (the stable rows) and with `unstable`, `attributes` and
//! `io_safety` (every row). Each compiler error is mapped back to the row whose
//! function it points into. Errors that only say the compiler cannot infer a type
//! (E0282, E0283, E0284, E0790) mean the item was found and are not failures: the
//! check names generic items without instantiating them.
//!
//! `SMOLIFY_SHIM_DIR=<folder>` checks another copy of the shim (a released version,
//! say) instead of this repository's.
//!
//! Rows gated on `docs-only` (items async-std shows only in its docs builds) and on
//! another platform than this one are skipped.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use smolify_tests::{nested_cargo, workspace_root};

/// Error codes that mean "found, but its type parameters are unknown".
const INFERENCE_ONLY: &[&str] = &["E0282", "E0283", "E0284", "E0790"];

/// One row of the API list.
#[derive(Debug, Clone)]
struct Row {
    path: String,
    kind: String,
    gate: String,
    signature: String,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(workspace_root().join("api/async-std-1.13.2.tsv"))
        .expect("api/async-std-1.13.2.tsv is readable");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(fields.len() >= 4, "malformed row: {line:?}");
            Row {
                path: fields[0].to_string(),
                kind: fields[1].to_string(),
                gate: fields[2].to_string(),
                signature: fields[3].to_string(),
            }
        })
        .collect()
}

/// The `cfg` predicate a row's check is compiled under, or `None` when the row does not
/// apply to this build at all.
fn cfg_of(gate: &str) -> Option<String> {
    let mut predicates = Vec::new();
    for part in gate.split('+') {
        match part {
            "stable" => {}
            "unstable" | "attributes" | "io_safety" => {
                predicates.push(format!("feature = \"{part}\""))
            }
            "unix" if cfg!(unix) => {}
            "windows" if cfg!(windows) => {}
            "unix" | "windows" | "docs-only" => return None,
            other => panic!("unknown gate {other:?}"),
        }
    }
    Some(format!("all({})", predicates.join(", ")))
}

/// The module a row belongs to, for the per-module summary: `io` for
/// `async_std::io::BufReader::new` and for `impl Debug for async_std::io::Empty`.
fn module_of(row: &Row) -> String {
    let subject = match row.path.strip_prefix("impl ") {
        Some(rest) => match rest.rsplit_once(" for ") {
            Some((_, ty)) if ty.contains("async_std::") => ty,
            _ => rest,
        },
        None => &row.path,
    };
    let Some(start) = subject.find("async_std::") else {
        return "(other)".to_string();
    };
    let rest = &subject[start + "async_std::".len()..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// `async_std::x` becomes `async_std::x` of the scratch crate, where the shim is named
/// `async_std` — nothing to do — but the TSV's lifetimes and generic parameters need a
/// form that is valid in an expression: lifetimes become `'static`, and single-segment
/// type names that are not primitives (the impl's parameters `T`, `S`, `St`, ...)
/// become `_`.
fn placeholders(text: &str) -> String {
    const PRIMITIVES: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char", "str", "dyn", "mut", "const", "Self",
    ];
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
                end += 1;
            }
            out.push_str("'static");
            i = end;
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let preceded_by_path = start >= 2 && chars[start - 1] == ':';
            let followed_by_path = chars.get(i) == Some(&':');
            let generic = !preceded_by_path
                && !followed_by_path
                && !PRIMITIVES.contains(&word.as_str())
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.len() <= 2;
            out.push_str(if generic { "_" } else { &word });
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Splits `Trait<A, B>` into `Trait` and `[A, B]` (commas inside brackets stay).
fn split_generics(path: &str) -> (String, Vec<String>) {
    let Some(open) = path.find('<') else {
        return (path.to_string(), Vec::new());
    };
    let inner = &path[open + 1..path.len() - 1];
    let mut args = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in inner.chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                args.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        args.push(current.trim().to_string());
    }
    (path[..open].to_string(), args)
}

/// The number of type parameters of a struct or enum, from its row's signature
/// (`struct SendError<T>` has one; lifetimes are not counted).
fn type_params(signature: &str, name: &str) -> (usize, usize) {
    let Some(start) = signature.find(&format!("{name}<")) else {
        return (0, 0);
    };
    let (_, args) =
        split_generics(&signature[start..=start + signature[start..].find('>').unwrap_or(0)]);
    let lifetimes = args.iter().filter(|a| a.starts_with('\'')).count();
    (lifetimes, args.len() - lifetimes)
}

/// The Rust code that names one row's item, and the extra error codes it may produce
/// when the item exists.
fn check_of(
    row: &Row,
    types: &HashMap<String, (usize, usize)>,
) -> Option<(String, Vec<&'static str>)> {
    let path = &row.path;
    match row.kind.as_str() {
        "module" | "fn" | "struct" | "enum" | "trait" | "macro" | "attr_macro" | "type_alias"
        | "const" | "variant" => {
            Some((format!("#[allow(unused_imports)] use {path} as _;"), vec![]))
        }
        "method" | "trait_method" => Some((format!("let _ = {path};"), vec![])),
        "assoc_type" => {
            let (owner, name) = path.rsplit_once("::")?;
            Some((
                format!("fn named<X: {owner}>(_: Option<<X as {owner}>::{name}>) {{}}"),
                vec![],
            ))
        }
        "field" => {
            let (owner, name) = path.rsplit_once("::")?;
            let (lifetimes, params) = types.get(owner).copied().unwrap_or((0, 0));
            let mut args: Vec<&str> = vec!["'_"; lifetimes];
            args.extend(std::iter::repeat_n("_", params));
            let generics = if args.is_empty() {
                String::new()
            } else {
                format!("<{}>", args.join(", "))
            };
            Some((
                format!("let _ = |value: &{owner}{generics}| {{ let _ = &value.{name}; }};"),
                vec![],
            ))
        }
        "impl" | "auto_impl" => {
            // The list spells one impl with unqualified names.
            let path = match path.as_str() {
                "impl FusedStream for Receiver<T>" => {
                    "impl futures_core::stream::FusedStream for async_std::channel::Receiver<T>"
                }
                other => other,
            };
            let rest = path.strip_prefix("impl ")?;
            let (tr, ty) = rest.rsplit_once(" for ")?;
            let (base, args) = split_generics(tr);
            if args.is_empty() {
                // A trait without parameters: a bound on a function's type parameter.
                return Some((
                    format!(
                        "fn implemented<T: ?Sized + {base}>() {{}} implemented::<{}>();",
                        placeholders(ty)
                    ),
                    vec![],
                ));
            }
            // A trait with parameters, which may be the impl's own generics: name one of
            // its methods through a qualified path, where `_` may stand for them (a
            // function bound may not hold `_`).
            let method = method_of_trait(&base)
                .unwrap_or_else(|| panic!("no method known for trait {base} (row {path})"));
            let args: Vec<String> = args.iter().map(|a| placeholders(a)).collect();
            Some((
                format!(
                    "let _ = <{} as {base}<{}>>::{method};",
                    placeholders(ty),
                    args.join(", ")
                ),
                vec![],
            ))
        }
        "scope_import" => {
            // `async_std::prelude::{async_std::io::Read as _}`: the glob import of the
            // prelude brings the trait's methods into scope on a concrete type. Taking a
            // method as a value gives E0615 when the method is in scope and E0599/E0609
            // when it is not.
            let inner = path.split_once('{')?.1.trim_end_matches('}');
            let trait_path = inner.trim_end_matches(" as _");
            let trait_name = trait_path.rsplit("::").next()?;
            // The traits' own methods take `Pin<&mut Self>`: look them up on a pin.
            let (value, method) = match trait_name {
                "Read" => ("std::pin::Pin::new(&mut &b\"\"[..])", "poll_read"),
                "ReadExt" => ("&b\"\"[..]", "read_exact"),
                "BufRead" => ("std::pin::Pin::new(&mut &b\"\"[..])", "poll_fill_buf"),
                "BufReadExt" => ("&b\"\"[..]", "read_line"),
                "Write" => ("std::pin::Pin::new(&mut Vec::<u8>::new())", "poll_write"),
                "WriteExt" => ("Vec::<u8>::new()", "write_all"),
                "Seek" => (
                    "std::pin::Pin::new(&mut async_std::io::Cursor::new(Vec::<u8>::new()))",
                    "poll_seek",
                ),
                "SeekExt" => ("async_std::io::Cursor::new(Vec::<u8>::new())", "seek"),
                _ => return None,
            };
            let module = path.split_once("::{")?.0;
            Some((
                format!("use {module}::*; let value = {value}; let _ = value.{method};"),
                vec!["E0615"],
            ))
        }
        _ => None,
    }
}

fn shim_dir() -> std::path::PathBuf {
    std::env::var_os("SMOLIFY_SHIM_DIR")
        .map(Into::into)
        .unwrap_or_else(|| workspace_root().join("shim"))
}

/// One method of each trait with parameters that the API list implements.
fn method_of_trait(base: &str) -> Option<&'static str> {
    Some(match base {
        "async_std::stream::Extend" | "std::iter::Extend" => "extend",
        "async_std::stream::FromStream" => "from_stream",
        "async_std::stream::Product" => "product",
        "async_std::stream::Sum" => "sum",
        "std::borrow::Borrow" => "borrow",
        "std::cmp::PartialEq" => "eq",
        "std::cmp::PartialOrd" => "partial_cmp",
        "std::convert::AsRef" => "as_ref",
        "std::convert::From" => "from",
        "std::convert::Into" => "into",
        "std::convert::TryFrom" => "try_from",
        "std::iter::FromIterator" => "from_iter",
        _ => return None,
    })
}

struct Scratch {
    /// Row index for each line range of `src/lib.rs`.
    lines: Vec<(usize, usize, usize)>,
    allowed: HashMap<usize, Vec<&'static str>>,
}

fn write_scratch(folder: &Path, rows: &[Row]) -> Scratch {
    let mut types = HashMap::new();
    for row in rows {
        if row.kind == "struct" || row.kind == "enum" {
            let name = row.path.rsplit("::").next().unwrap();
            types.insert(row.path.clone(), type_params(&row.signature, name));
        }
    }
    let mut source = String::from(
        "//! Generated by tests/api_coverage.rs: one function per row of the API list.\n\
         #![allow(dead_code, unused_variables, unused_imports, non_snake_case, clippy::all)]\n",
    );
    let mut lines = Vec::new();
    let mut allowed = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        let Some(cfg) = cfg_of(&row.gate) else {
            continue;
        };
        let Some((check, extra)) = check_of(row, &types) else {
            panic!("no check for row {:?} of kind {}", row.path, row.kind)
        };
        let first = source.lines().count() + 1;
        let _ = writeln!(
            source,
            "// {}\n#[cfg({cfg})]\nfn row_{index}() {{\n    {check}\n}}",
            row.path.replace('\n', " ")
        );
        let last = source.lines().count();
        lines.push((first, last, index));
        allowed.insert(index, extra);
    }
    std::fs::create_dir_all(folder.join("src")).unwrap();
    std::fs::write(folder.join("src/lib.rs"), source).unwrap();
    std::fs::write(
        folder.join("Cargo.toml"),
        format!(
            r#"[package]
name = "async-std-api-coverage"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[features]
unstable = ["async-std/unstable"]
attributes = ["async-std/attributes"]
io_safety = ["async-std/io_safety"]

[dependencies]
async-std = {{ package = "async-std-compat", path = "{}", default-features = true }}
futures-core = "0.3"
"#,
            shim_dir().display()
        ),
    )
    .unwrap();
    Scratch { lines, allowed }
}

/// Checks the scratch crate with `features`; returns each failing row with its first
/// error message.
fn failing_rows(folder: &Path, scratch: &Scratch, features: &str) -> BTreeMap<usize, String> {
    let output = nested_cargo()
        .args([
            "check",
            "--quiet",
            "--message-format=json",
            "--features",
            features,
        ])
        .arg("--manifest-path")
        .arg(folder.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", folder.join("target"))
        .output()
        .expect("cannot run cargo check");
    let mut failing = BTreeMap::new();
    let mut unplaced = Vec::new();
    let mut errors_seen = 0;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        if diagnostic["level"] != "error" {
            continue;
        }
        errors_seen += 1;
        let code = diagnostic["code"]["code"].as_str().unwrap_or("");
        let text = diagnostic["message"].as_str().unwrap_or("").to_string();
        let primary = diagnostic["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true));
        let Some(span) = primary.filter(|s| s["file_name"] == "src/lib.rs") else {
            if !text.starts_with("aborting due to") {
                unplaced.push(format!("{code} {text}"));
            }
            continue;
        };
        let line = span["line_start"].as_u64().unwrap() as usize;
        let Some(&(_, _, index)) = scratch
            .lines
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&line))
        else {
            unplaced.push(format!("line {line}: {code} {text}"));
            continue;
        };
        if INFERENCE_ONLY.contains(&code) || scratch.allowed[&index].contains(&code) {
            continue;
        }
        failing.entry(index).or_insert(format!("{code} {text}"));
    }
    assert!(
        // The inference-only errors fail the build; a failure with no error at all
        // means cargo itself failed.
        output.status.success() || errors_seen > 0,
        "cargo check failed (features {features:?}):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        unplaced.is_empty(),
        "errors outside any row (features {features:?}):\n{}\n{}",
        unplaced.join("\n"),
        String::from_utf8_lossy(&output.stderr)
    );
    failing
}

#[test]
fn every_row_of_the_api_list_resolves_in_the_shim() {
    let rows = rows();
    let folder = workspace_root().join("target/api-coverage");
    let scratch = write_scratch(&folder, &rows);

    let mut failing = failing_rows(&folder, &scratch, "");
    for (index, message) in failing_rows(&folder, &scratch, "unstable,attributes,io_safety") {
        failing.entry(index).or_insert(message);
    }

    // Per-module summary, printed with `--nocapture`.
    let mut summary: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for &(_, _, index) in &scratch.lines {
        let entry = summary.entry(module_of(&rows[index])).or_default();
        entry.0 += 1;
        if failing.contains_key(&index) {
            entry.1 += 1;
        }
    }
    for (module, (checked, failed)) in &summary {
        println!(
            "{module:>10}: {:>4} of {checked:>4} rows resolve",
            checked - failed
        );
    }

    let report: Vec<String> = failing
        .iter()
        .map(|(index, message)| {
            let row = &rows[*index];
            format!("{} [{} {}]: {message}", row.path, row.kind, row.gate)
        })
        .collect();
    assert!(
        report.is_empty(),
        "{} of {} rows do not resolve in the shim:\n{}",
        report.len(),
        scratch.lines.len(),
        report.join("\n")
    );
}
