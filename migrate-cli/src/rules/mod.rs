//! The table of migration rules: what becomes of each async-std item.
//!
//! This table is the CLI's whole knowledge of async-std. The rewriter looks items up
//! here by their canonical path (as `../shared/async-std-api.tsv` spells it), and the
//! migration guide and the coverage counts are generated from it. One file per
//! async-std module, in the order of async-std's module tree.

use std::collections::HashMap;
use std::sync::OnceLock;

mod io;
mod net;
mod prelude;
mod root;
mod task;

/// What the migration does with one async-std item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The same item exists in smol under this path (identical, or equivalent in
    /// behaviour): the path is rewritten.
    Rename(&'static str),
    /// A module whose items smol keeps under this module with the same names, except
    /// where an item has a rule of its own. Imports of the module are rewritten to it.
    Module(&'static str),
    /// A module with no smol counterpart: each item used through it is rewritten by its
    /// own rule, and the import goes away (or moves to async-std-compat when an item
    /// falls back there).
    ModuleWithoutCounterpart,
    /// A function that spawns a task and returns its handle: renamed to this path, and
    /// given `.detach()` where the handle is dropped (a dropped smol `Task` cancels its
    /// task, a dropped async-std `JoinHandle` lets it run).
    Spawn(&'static str),
    /// `#[async_std::main]`: the attribute goes, and the body runs in `smol::block_on`.
    MainAttribute,
    /// `#[async_std::test]`: becomes `#[test]`, and the body runs in `smol::block_on`.
    TestAttribute,
    /// No smol equivalent that behaves the same: the item is taken from
    /// async-std-compat, under the same path, and the report says why.
    Fallback,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Canonical async-std path, e.g. `async_std::task::spawn`.
    pub item: &'static str,
    /// What becomes of it.
    pub action: Action,
    /// Why, and what the user should know; shown in the report and the guide.
    pub note: &'static str,
}

impl Rule {
    /// A stable identifier for reports: the item's path without the crate name.
    pub fn id(&self) -> &'static str {
        self.item.strip_prefix("async_std::").unwrap_or(self.item)
    }
}

/// Every rule, one slice per async-std module.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        root::RULES,
        io::RULES,
        net::RULES,
        prelude::RULES,
        task::RULES,
    ]
    .into_iter()
    .flatten()
}

/// The rule for an item, by canonical path (`["async_std", "task", "spawn"]`).
pub fn lookup(path: &[String]) -> Option<&'static Rule> {
    // Called for every path of every file: index the table once.
    static INDEX: OnceLock<HashMap<&'static str, &'static Rule>> = OnceLock::new();
    let index = INDEX.get_or_init(|| all().map(|rule| (rule.item, rule)).collect());
    index.get(path.join("::").as_str()).copied()
}

/// The migration guide, generated from the table: one row per async-std item, with
/// its smol replacement and the note. `docs/migration-guide.md` is this text.
pub fn guide_markdown() -> String {
    let mut out = String::from(
        "# Migration guide: async-std 1.13 -> smol 2\n\n\
         Generated from the rule table of `cargo smolify` (`migrate-cli/src/rules/`); do \
         not edit by hand. Items without a rule fall back to `async-std-compat`.\n\n\
         | async-std item | smol replacement | notes |\n|---|---|---|\n",
    );
    for rule in all() {
        let replacement = match rule.action {
            Action::Rename(to) | Action::Module(to) => format!("`{to}`"),
            Action::Spawn(to) => format!("`{to}(..)`, `.detach()` where the handle was dropped"),
            Action::ModuleWithoutCounterpart => "(no module; item by item)".to_string(),
            Action::MainAttribute => "`fn main() { smol::block_on(async { .. }) }`".to_string(),
            Action::TestAttribute => "`#[test]` + `smol::block_on(async { .. })`".to_string(),
            Action::Fallback => format!(
                "`{}` (async-std-compat)",
                rule.item.replacen("async_std", "async_std_compat", 1)
            ),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.item,
            replacement,
            rule.note.replace('|', "\\|")
        ));
    }
    out
}

/// The path an item falls back to in async-std-compat: async-std's own path.
pub fn fallback_path(path: &[String]) -> String {
    let mut out = String::from("async_std_compat");
    for segment in &path[1..] {
        out.push_str("::");
        out.push_str(segment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_item_has_one_rule() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(rule.item.starts_with("async_std"), "{}", rule.item);
            assert!(seen.insert(rule.item), "two rules for {}", rule.item);
        }
    }

    #[test]
    fn the_migration_guide_in_the_docs_is_generated_from_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/migration-guide.md");
        let generated = guide_markdown();
        if std::env::var_os("SMOLIFY_BLESS").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/migration-guide.md is stale: run `SMOLIFY_BLESS=1 cargo test -p cargo-smolify`"
        );
    }

    #[test]
    fn renames_point_into_smol() {
        for rule in all() {
            match rule.action {
                Action::Rename(to) | Action::Module(to) | Action::Spawn(to) => {
                    assert!(to.starts_with("smol::"), "{} -> {to}", rule.item)
                }
                _ => {}
            }
        }
    }
}
