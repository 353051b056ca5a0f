//! What the runner reads off a crate's files: test results, async-std references in
//! its code, its dependencies and features, and what moved in its Cargo.lock.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};

use crate::spec::Counts;

/// What a `cargo test` run printed, read off the harness's lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestLog {
    /// The sums of every `test result:` line.
    pub counts: Counts,
    /// The names of the tests that failed (`test NAME ... FAILED`).
    pub failing: BTreeSet<String>,
}

/// Reads the libtest lines of a `cargo test` run's stdout.
pub fn read_test_log(stdout: &str) -> TestLog {
    let mut log = TestLog::default();
    for line in stdout.lines() {
        let line = line.trim_end();
        if let Some(rest) = line.strip_prefix("test result: ") {
            // `ok. 5 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; ...`
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(what), Some(number)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(number) = number.parse::<u64>() else {
                    continue;
                };
                match what {
                    "passed" => log.counts.passed += number,
                    "failed" => log.counts.failed += number,
                    "ignored" => log.counts.ignored += number,
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("test ") {
            if let Some(name) = rest.strip_suffix(" ... FAILED") {
                log.failing.insert(name.to_string());
            }
        }
    }
    log
}

/// How often a crate's Rust code names async-std, before and after a migration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct References {
    /// `async_std` identifiers.
    pub async_std: u64,
    /// `async_std_compat` identifiers (the shim, where the migration fell back to it).
    pub compat: u64,
}

/// Counts the `async_std` and `async_std_compat` identifiers in the `.rs` files under
/// `root` (comments and strings excluded: the files are lexed, not searched; a file
/// that does not lex is counted by words instead).
pub fn count_references(root: &Path) -> References {
    let mut total = References::default();
    for file in rust_files(root) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        match TokenStream::from_str(&text) {
            Ok(tokens) => count_in_tokens(tokens, &mut total),
            Err(_) => {
                for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                    match word {
                        "async_std" => total.async_std += 1,
                        "async_std_compat" => total.compat += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    total
}

/// Counts the identifiers that can name the crates: a segment after `::`
/// (`crate::aio::async_std`, or `async_tungstenite::{async_std::connect}` in a nested
/// use tree) or a `mod async_std` is a crate's own module.
fn count_in_tokens(tokens: TokenStream, total: &mut References) {
    count_in(tokens, false, total);
}

/// [`count_in_tokens`]; `use_group` says that `tokens` is the group of a use tree
/// after `path::`, where each item starts with a path segment.
fn count_in(tokens: TokenStream, use_group: bool, total: &mut References) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, token) in trees.iter().enumerate() {
        let before = |back: usize| index.checked_sub(back).and_then(|i| trees.get(i));
        let after_path_separator = matches!(before(1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
            && matches!(before(2), Some(TokenTree::Punct(p)) if p.as_char() == ':')
            && matches!(before(3), Some(TokenTree::Ident(_)));
        let module_name = matches!(before(1), Some(TokenTree::Ident(word)) if word == "mod");
        let starts_use_item = use_group
            && (index == 0 || matches!(before(1), Some(TokenTree::Punct(p)) if p.as_char() == ','));
        match token {
            TokenTree::Ident(_) if after_path_separator || module_name || starts_use_item => {}
            TokenTree::Group(group)
                if group.delimiter() == proc_macro2::Delimiter::Brace
                    && matches!(before(1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
                    && matches!(before(2), Some(TokenTree::Punct(p)) if p.as_char() == ':') =>
            {
                count_in(group.stream(), true, total)
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                if name == "async_std" {
                    total.async_std += 1;
                } else if name == "async_std_compat" {
                    total.compat += 1;
                }
            }
            TokenTree::Group(group) => count_in(group.stream(), false, total),
            _ => {}
        }
    }
}

/// Every `.rs` file under `root`, outside `target/` and hidden folders.
fn rust_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    stack.push(path);
                }
            } else if kind.is_file() && name.ends_with(".rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// What a package's Cargo.toml says about async-std and its features.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestFacts {
    /// Where async-std (the registry crate, under any key) is a direct dependency:
    /// `dependencies`, `dev-dependencies`, `target.'cfg(..)'.dependencies`, ...
    pub async_std_tables: Vec<String>,
    /// The feature names a user can enable: the `[features]` keys, and the optional
    /// dependencies that no `dep:` entry hides.
    pub features: BTreeSet<String>,
}

/// Reads `manifest` (a package's Cargo.toml).
pub fn manifest_facts(manifest: &Path) -> anyhow::Result<ManifestFacts> {
    let text = std::fs::read_to_string(manifest)?;
    let value: toml::Table = toml::from_str(&text)?;
    let mut facts = ManifestFacts::default();
    let mut optional = BTreeSet::new();
    let mut tables: Vec<(String, &toml::Table)> = Vec::new();
    for kind in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(table) = value.get(kind).and_then(|t| t.as_table()) {
            tables.push((kind.to_string(), table));
        }
    }
    if let Some(targets) = value.get("target").and_then(|t| t.as_table()) {
        for (cfg, target) in targets {
            for kind in ["dependencies", "dev-dependencies", "build-dependencies"] {
                if let Some(table) = target.get(kind).and_then(|t| t.as_table()) {
                    tables.push((format!("target.{cfg}.{kind}"), table));
                }
            }
        }
    }
    for (where_, table) in &tables {
        for (key, spec) in table.iter() {
            let package = spec.get("package").and_then(|p| p.as_str()).unwrap_or(key);
            let is_path = spec.get("path").is_some();
            if package == "async-std" && !is_path {
                facts.async_std_tables.push(where_.clone());
            }
            if spec.get("optional").and_then(|o| o.as_bool()) == Some(true) {
                optional.insert(key.clone());
            }
        }
    }
    let mut hidden = BTreeSet::new();
    if let Some(features) = value.get("features").and_then(|f| f.as_table()) {
        for (name, members) in features {
            facts.features.insert(name.clone());
            for member in members.as_array().into_iter().flatten() {
                if let Some(dep) = member.as_str().and_then(|m| m.strip_prefix("dep:")) {
                    hidden.insert(dep.to_string());
                }
            }
        }
    }
    facts
        .features
        .extend(optional.into_iter().filter(|name| !hidden.contains(name)));
    Ok(facts)
}

/// The packages of a Cargo.lock: name to the set of versions locked.
pub fn locked_packages(lock: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut packages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(lock) else {
        return packages;
    };
    let Ok(value) = toml::from_str::<toml::Table>(&text) else {
        return packages;
    };
    for package in value
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        let name = package.get("name").and_then(|n| n.as_str());
        let version = package.get("version").and_then(|v| v.as_str());
        if let (Some(name), Some(version)) = (name, version) {
            packages
                .entry(name.to_string())
                .or_default()
                .insert(version.to_string());
        }
    }
    packages
}

/// The packages locked before whose versions changed after (`name a -> b`); packages
/// only added or only removed are not moves.
pub fn moved_packages(
    before: &BTreeMap<String, BTreeSet<String>>,
    after: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut moved = Vec::new();
    for (name, old) in before {
        let Some(new) = after.get(name) else {
            continue;
        };
        let gone: Vec<_> = old.difference(new).cloned().collect();
        let came: Vec<_> = new.difference(old).cloned().collect();
        if !gone.is_empty() && !came.is_empty() {
            moved.push(format!("{name} {} -> {}", gone.join("/"), came.join("/")));
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_lines_are_summed_and_failures_named() {
        let stdout = "\
running 3 tests
test a::one ... ok
test a::two ... FAILED
test a::three ... ignored
test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 2 tests
test src/lib.rs - Foo (line 3) ... ok
test src/lib.rs - bar (line 9) ... FAILED
test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.20s
";
        let log = read_test_log(stdout);
        assert_eq!(
            log.counts,
            Counts {
                passed: 2,
                failed: 2,
                ignored: 1
            }
        );
        assert_eq!(
            log.failing.into_iter().collect::<Vec<_>>(),
            ["a::two", "src/lib.rs - bar (line 9)"]
        );
    }

    #[test]
    fn references_skip_comments_strings_and_own_modules() {
        let folder =
            std::env::temp_dir().join(format!("smolify-corpus-refs-{}", std::process::id()));
        std::fs::create_dir_all(folder.join("src")).unwrap();
        std::fs::write(
            folder.join("src/lib.rs"),
            "// async_std in a comment\nuse async_std::task;\nconst S: &str = \"async_std\";\nfn f() { async_std_compat::task::spawn(async {}); }\n\
             mod async_std;\nuse crate::aio::async_std::Runtime;\n\
             use async_tungstenite::{async_std::connect_async, Message};\n",
        )
        .unwrap();
        let refs = count_references(&folder);
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(
            refs,
            References {
                async_std: 1,
                compat: 1
            }
        );
    }

    #[test]
    fn manifest_facts_see_renames_targets_and_optional_features() {
        let folder =
            std::env::temp_dir().join(format!("smolify-corpus-facts-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let manifest = folder.join("Cargo.toml");
        std::fs::write(
            &manifest,
            r#"
[package]
name = "x"
version = "0.1.0"
[dependencies]
rt = { package = "async-std", version = "1", optional = true }
tokio = { version = "1", optional = true }
log = { version = "0.4", optional = true }
[target.'cfg(unix)'.dev-dependencies]
async-std = "1.13"
[features]
default = []
with-tokio = ["dep:tokio"]
"#,
        )
        .unwrap();
        let facts = manifest_facts(&manifest).unwrap();
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(
            facts.async_std_tables,
            ["dependencies", "target.cfg(unix).dev-dependencies"]
        );
        assert_eq!(
            facts.features.into_iter().collect::<Vec<_>>(),
            ["default", "log", "rt", "with-tokio"]
        );
    }

    #[test]
    fn moves_are_version_changes_of_locked_packages() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let before = BTreeMap::from([
            ("futures-lite".to_string(), set(&["2.0.0"])),
            ("log".to_string(), set(&["0.4.20"])),
            ("async-std".to_string(), set(&["1.13.1"])),
        ]);
        let after = BTreeMap::from([
            ("futures-lite".to_string(), set(&["2.6.1"])),
            ("log".to_string(), set(&["0.4.20"])),
            ("async-std".to_string(), set(&["1.13.2"])),
            ("async-fs".to_string(), set(&["2.1.0"])),
        ]);
        assert_eq!(
            moved_packages(&before, &after),
            ["async-std 1.13.1 -> 1.13.2", "futures-lite 2.0.0 -> 2.6.1"]
        );
    }
}
