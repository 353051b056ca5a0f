//! The table of migration rules: what becomes of each async-std item.
//!
//! This table is the CLI's whole knowledge of async-std. The rewriter looks items up
//! here by their canonical path (as `../shared/async-std-api.tsv` spells it), and the
//! migration guide and the coverage counts are generated from it. One file per
//! async-std module, in the order of async-std's module tree.

use std::collections::HashMap;
use std::sync::OnceLock;

mod channel;
mod fs;
mod future;
mod io;
pub(crate) mod net;
mod os;
mod path;
mod pin;
mod prelude;
mod process;
mod root;
mod stream;
mod sync;
mod task;

/// What the migration does with one async-std item.
///
/// A rule on a type or trait that renames it (or sends it to the shim) covers the
/// type's associated items too (methods, fields, variants, associated types): they move
/// with it. An associated item that behaves differently has a rule of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The same item exists under this path (in smol, or in std when async-std only
    /// re-exported std's item), identical or equivalent in behaviour: the path is
    /// rewritten.
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
    /// async-std-compat, under the same path, and the report says why. A method is
    /// called through its trait's path in the shim (`Trait::method(receiver, ..)`), so
    /// that it cannot clash with smol's extension traits.
    Fallback,
    /// `task::sleep(d)`: becomes `smol::Timer::after(d)`, whose value is an `Instant`;
    /// where the `()` value is used, the call is wrapped so that it stays `()`.
    Sleep,
    /// `timeout(d, f).await`: becomes smol's idiom, `smol::future::or` of the future
    /// and a `smol::Timer` whose branch gives a `TimedOut` `io::Error` with this
    /// message. With `wraps_output`, `f`'s output is wrapped in `Ok` (async-std's
    /// `future::timeout`, whose error type becomes `io::Error`); without, `f` is
    /// already an `io::Result` (`io::timeout`). Where the call is not awaited on the
    /// spot, or the smol form does not build, it is taken from async-std-compat.
    Timeout {
        /// The future's output is wrapped in `Ok` (it is not an `io::Result`).
        wraps_output: bool,
        /// The message of the `TimedOut` error.
        message: &'static str,
    },
    /// A method renamed to this name (`FutureExt::race` -> `or`), found by its name
    /// while the trait is in scope.
    MethodRename(&'static str),
    /// An awaited method call that becomes a call of this function with the receiver
    /// as first argument (`a.join(b).await` -> `smol::future::zip(a, b).await`).
    MethodToFunction(&'static str),
    /// `x.by_ref()` becomes `(&mut x)`: `&mut` of a reader or stream is one too.
    ByRef,
    /// `write!(w, ..).await` on an async writer becomes
    /// `w.write_all(format!(..).as_bytes()).await`.
    WriteFmt,
    /// async-std's `BufWriter::into_inner` flushed and was async; futures-lite's
    /// neither: `w.into_inner().await` becomes a flush followed by `into_inner()`.
    FlushThenIntoInner,
    /// An async `Path` method: `p.m().await` becomes `FUNCTION(p).await` followed by
    /// the second string (`smol::fs::metadata(&p).await.is_ok()` for `exists`).
    PathMethod(&'static str, &'static str),
    /// A writer that async-std flushed when dropped and smol does not: renamed to this
    /// smol path (or call) where the code visibly flushes, else taken from the shim.
    FlushOnDrop(&'static str),
    /// async-std's `print!`-like macros return a future; std's print at once: the
    /// macro becomes this std macro and its `.await` goes.
    PrintMacro(&'static str),
    /// An associated function that is async in async-std and synchronous in smol
    /// (`UnixListener::bind`): renamed to this path, its `.await` goes.
    SyncCall(&'static str),
    /// A channel constructor: renamed to this path; `rx.next().await` on its receiver
    /// becomes `rx.recv().await.ok()` (smol's receiver is not `Unpin`).
    Channel(&'static str),
    /// No rewrite can be shown to be right: every use is reported for the user to
    /// migrate by hand.
    Report,
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
        task::RULES,
        future::RULES,
        stream::RULES,
        io::RULES,
        net::RULES,
        fs::RULES,
        path::RULES,
        sync::RULES,
        channel::RULES,
        process::RULES,
        os::RULES,
        pin::RULES,
        prelude::RULES,
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

/// The rule that decides what becomes of `path` (`"async_std::net::TcpStream::bind"`):
/// its own rule, or for an associated item without one, the rule of its owner when
/// that rule moves associated items along (a rename, a fallback or a flush-on-drop
/// type). `None` when no rule covers it.
pub fn covering(path: &str) -> Option<&'static Rule> {
    let segments: Vec<String> = path.split("::").map(str::to_string).collect();
    if let Some(rule) = lookup(&segments) {
        return Some(rule);
    }
    let (_, owner) = segments.split_last()?;
    let rule = lookup(owner)?;
    covers_associated_items(rule).then_some(rule)
}

/// Whether a rule on a type or trait also decides for its methods, fields, variants
/// and associated types.
pub fn covers_associated_items(rule: &Rule) -> bool {
    matches!(
        rule.action,
        Action::Rename(_) | Action::Fallback | Action::FlushOnDrop(_)
    )
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
            Action::Sleep => {
                "`smol::Timer::after(d)`; `{ smol::Timer::after(d).await; }` where the `()` is used"
                    .to_string()
            }
            Action::Timeout { wraps_output, .. } => format!(
                "`smol::future::or({}, async {{ smol::Timer::after(d).await; Err(TimedOut) }}).await`",
                if wraps_output { "async { Ok(f.await) }" } else { "f" }
            ),
            Action::MethodRename(to) => format!("`.{to}(..)`"),
            Action::MethodToFunction(to) => format!("`{to}(receiver, ..)`"),
            Action::ByRef => "`(&mut x)`".to_string(),
            Action::WriteFmt => "`w.write_all(format!(..).as_bytes())`".to_string(),
            Action::FlushThenIntoInner => {
                "`{ let mut w = w; w.flush().await.map(|()| w.into_inner()) }`".to_string()
            }
            Action::PathMethod(function, then) => format!("`{function}(p).await{then}`"),
            Action::FlushOnDrop(to) => format!(
                "`{to}` where the code flushes, else `{}` (async-std-compat)",
                rule.item.replacen("async_std", "async_std_compat", 1)
            ),
            Action::PrintMacro(to) => format!("`{to}!(..)` without `.await`"),
            Action::SyncCall(to) => format!("`{to}(..)` without `.await`"),
            Action::Channel(to) => format!("`{to}`; `rx.next().await` -> `rx.recv().await.ok()`"),
            Action::Report => "(reported; by hand)".to_string(),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.item,
            replacement.replace('|', "\\|"),
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
    fn renames_point_into_smol_or_std() {
        for rule in all() {
            match rule.action {
                Action::Rename(to)
                | Action::Module(to)
                | Action::Spawn(to)
                | Action::Channel(to)
                | Action::FlushOnDrop(to)
                | Action::MethodToFunction(to)
                | Action::PathMethod(to, _)
                | Action::PrintMacro(to)
                | Action::SyncCall(to) => assert!(
                    to.starts_with("smol::") || to.starts_with("std::"),
                    "{} -> {to}",
                    rule.item
                ),
                _ => {}
            }
        }
    }

    /// The kinds of rows of the API listing that source code can name.
    const NAMEABLE: &[&str] = &[
        "module",
        "fn",
        "struct",
        "enum",
        "trait",
        "macro",
        "attr_macro",
        "type_alias",
        "const",
        "variant",
        "field",
        "assoc_type",
        "method",
        "trait_method",
    ];

    #[test]
    fn every_nameable_item_of_async_std_has_a_rule() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/async-std-1.13.2.tsv");
        let listing = std::fs::read_to_string(path).expect("the API listing is readable");
        let mut uncovered = Vec::new();
        let mut rows = 0;
        for line in listing.lines().skip(1) {
            let mut fields = line.split('\t');
            let (Some(item), Some(kind)) = (fields.next(), fields.next()) else {
                continue;
            };
            if !NAMEABLE.contains(&kind) {
                continue;
            }
            rows += 1;
            if covering(item).is_none() {
                uncovered.push(format!("{item} ({kind})"));
            }
        }
        assert!(rows > 600, "the listing has {rows} nameable rows");
        assert!(
            uncovered.is_empty(),
            "{} items without a rule:\n{}",
            uncovered.len(),
            uncovered.join("\n")
        );
    }

    #[test]
    fn every_rule_names_an_item_of_the_listing() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/async-std-1.13.2.tsv");
        let listing = std::fs::read_to_string(path).expect("the API listing is readable");
        let items: HashSet<&str> = listing
            .lines()
            .filter_map(|line| line.split('\t').next())
            .collect();
        for rule in all() {
            assert!(
                rule.item == "async_std" || items.contains(rule.item),
                "{} is not in the listing",
                rule.item
            );
        }
    }

    #[test]
    fn an_associated_item_falls_under_its_renamed_owner_unless_it_differs() {
        let bind = covering("async_std::net::TcpListener::bind").unwrap();
        assert_eq!(bind.item, "async_std::net::TcpListener");
        let by_ref = covering("async_std::io::ReadExt::by_ref").unwrap();
        assert_eq!(by_ref.action, Action::ByRef);
        assert!(covering("async_std::no_such_module::Thing").is_none());
    }
}
