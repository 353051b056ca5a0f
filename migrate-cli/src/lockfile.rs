//! The shim road inside an existing Cargo.lock.
//!
//! `--shim --apply` changes what the workspace depends on; cargo then has to fit
//! async-std-compat and its dependencies into the lock. [`settle`] lets cargo resolve
//! (`cargo metadata`, which keeps every locked version it can), and where the lock
//! cannot take the new graph as it is, runs `cargo update -p NAME` for each package
//! cargo names in its error, one at a time, until it resolves. It returns what moved,
//! so that the user is told which locked versions changed and why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// How many `cargo update -p` steps are tried before giving up.
const MAX_UPDATES: usize = 8;

/// What [`settle`] did to the lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    /// Locked packages whose version changed: `name a -> b` (several versions of one
    /// name are listed together).
    pub moved: Vec<String>,
    /// How many packages the lock gained.
    pub added: usize,
    /// The packages `cargo update -p` was run for.
    pub updated: Vec<String>,
    /// Why the lock still does not resolve, if it does not.
    pub error: Option<String>,
}

/// Resolves the workspace of `manifest` against its `lock` (see the module's
/// documentation). The lock must exist.
pub fn settle(manifest: &Path, lock: &Path) -> Settled {
    let before = std::fs::read_to_string(lock).unwrap_or_default();
    let mut settled = Settled::default();
    loop {
        let resolved = cargo(manifest, &["metadata", "--format-version", "1"]);
        let stderr = match resolved {
            Ok(()) => break,
            Err(stderr) => stderr,
        };
        let next = packages_named(&stderr)
            .into_iter()
            .find(|name| !settled.updated.contains(name));
        match next {
            Some(name) if settled.updated.len() < MAX_UPDATES => {
                // A failed precise update is not the end: the next resolution says
                // what is still in the way.
                let _ = cargo(manifest, &["update", "-p", &name]);
                settled.updated.push(name);
            }
            _ => {
                settled.error = Some(last_lines(&stderr, 12));
                break;
            }
        }
    }
    let after = std::fs::read_to_string(lock).unwrap_or_default();
    let (moved, added) = compare(&before, &after);
    settled.moved = moved;
    settled.added = added;
    settled
}

fn cargo(manifest: &Path, args: &[&str]) -> Result<(), String> {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(program)
        .args(args)
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// The packages a resolution error names as the ones it could not select or fit:
/// "failed to select a version for `log`", "... for the requirement `log = \"^0.4.21\"`".
fn packages_named(stderr: &str) -> Vec<String> {
    let mut names = Vec::new();
    for marker in [
        "failed to select a version for the requirement `",
        "failed to select a version for `",
    ] {
        for (at, _) in stderr.match_indices(marker) {
            let rest = &stderr[at + marker.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// The `name -> versions` of a Cargo.lock's text.
fn versions(lock: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let Ok(document) = lock.parse::<toml_edit::DocumentMut>() else {
        return out;
    };
    let Some(packages) = document
        .get("package")
        .and_then(toml_edit::Item::as_array_of_tables)
    else {
        return out;
    };
    for package in packages.iter() {
        let name = package.get("name").and_then(toml_edit::Item::as_str);
        let version = package.get("version").and_then(toml_edit::Item::as_str);
        if let (Some(name), Some(version)) = (name, version) {
            out.entry(name.to_string())
                .or_default()
                .insert(version.to_string());
        }
    }
    out
}

/// The packages whose versions changed between two locks, and how many were added.
fn compare(before: &str, after: &str) -> (Vec<String>, usize) {
    let before = versions(before);
    let after = versions(after);
    let mut moved = Vec::new();
    let mut added = 0;
    for (name, new) in &after {
        match before.get(name) {
            None => added += 1,
            Some(old) if old != new => {
                let gone: Vec<&String> = old.difference(new).collect();
                let came: Vec<&String> = new.difference(old).collect();
                if !gone.is_empty() {
                    moved.push(format!(
                        "{name} {} -> {}",
                        join(&gone),
                        if came.is_empty() {
                            join(&new.iter().collect::<Vec<_>>())
                        } else {
                            join(&came)
                        }
                    ));
                }
            }
            Some(_) => {}
        }
    }
    (moved, added)
}

fn join(versions: &[&String]) -> String {
    versions
        .iter()
        .map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_errors_name_the_packages_to_update() {
        let stderr = "error: failed to select a version for the requirement `log = \"^0.4.21\"`\n\
                      candidate versions found which didn't match: 0.4.14\n\
                      error: failed to select a version for `futures-lite`.\n";
        assert_eq!(packages_named(stderr), ["log", "futures-lite"]);
    }

    #[test]
    fn a_lock_comparison_lists_moves_and_counts_additions() {
        let before = "version = 3\n\n[[package]]\nname = \"log\"\nversion = \"0.4.14\"\n\n\
                      [[package]]\nname = \"memchr\"\nversion = \"2.3.0\"\n";
        let after = "version = 3\n\n[[package]]\nname = \"log\"\nversion = \"0.4.21\"\n\n\
                     [[package]]\nname = \"memchr\"\nversion = \"2.3.0\"\n\n\
                     [[package]]\nname = \"async-std-compat\"\nversion = \"1.13.2\"\n";
        assert_eq!(
            compare(before, after),
            (vec!["log 0.4.14 -> 0.4.21".to_string()], 1)
        );
    }
}
