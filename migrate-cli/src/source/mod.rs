//! Migrating one Rust source file: parse it, resolve what names async-std, and turn the
//! rules that apply into edits and findings.
//!
//! The file is never reprinted: every change is an [`Edit`] on the original text, and
//! a file that does not parse gets no edit at all.

mod calls;
pub mod doctests;
mod entry;
mod globs;
mod imports;
mod macros;
mod nesting;
pub mod retreat;
pub mod semver;
mod shared_io;
mod spawn;
mod survey;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::diagnostic::{LineIndex, Severity};
use crate::edit::Edit;
use crate::rules::{self, Action};
use imports::{range, Imports, LeafKind, UseItem, UseLeaf};
pub use nesting::{nesting, MAX_NESTING};

/// Something to tell the user about a place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the file.
    pub offset: usize,
    /// How much it matters.
    pub severity: Severity,
    /// The rule that produced it.
    pub rule: &'static str,
    /// What happened and why.
    pub message: String,
}

/// What migrating one file produced.
#[derive(Debug, Default, Clone)]
pub struct SourceMigration {
    /// The edits, in no particular order.
    pub edits: Vec<Edit>,
    /// Notes, fallbacks and hazards.
    pub findings: Vec<Finding>,
    /// Whether some item now comes from async-std-compat.
    pub needs_shim: bool,
    /// One entry per rewrite (a path, an import, an entry point, a detach...), naming
    /// its rule; a rewrite may take several edits.
    pub rewrites: Vec<&'static str>,
    /// For each semver-major finding (by its offset), the name the crate must export
    /// for its users to reach the item: the item's own, or its type's for a method.
    /// An item of a private module that the crate does not re-export is no public API.
    pub semver_exports: Vec<(usize, String)>,
}

/// A file that is not valid Rust: it is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset of the error in the file.
    pub offset: usize,
    /// syn's message.
    pub message: String,
    /// The file was not parsed at all: it nests deeper than [`MAX_NESTING`].
    pub too_deep: bool,
}

/// How one file is migrated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceOptions {
    /// Rewrites that change a type the code may rely on (a timeout's error type) are
    /// not made: those items are taken from async-std-compat. The build check asks
    /// for this for a file whose smol form did not build, before it sends the whole
    /// file back to the shim.
    pub cautious: bool,
}

/// Migrates the source `text`, in which each of `crate_names` names the async-std crate
/// (`async_std`, or the name of a Cargo rename).
///
/// Code that nests deeper than [`MAX_NESTING`] is not parsed (an error). Up to that
/// depth, parsing may take tens of MiB of stack in a debug build: the plan runs this on
/// threads with large stacks, and so should a caller that takes arbitrary input.
pub fn migrate(text: &str, crate_names: &[String]) -> Result<SourceMigration, ParseError> {
    migrate_with(text, crate_names, SourceOptions::default())
}

/// [`migrate`], with `options`.
pub fn migrate_with(
    text: &str,
    crate_names: &[String],
    options: SourceOptions,
) -> Result<SourceMigration, ParseError> {
    let dependency_names = crate_names;
    // syn strips a BOM and a shebang line before parsing; do it here so that span
    // offsets can be shifted back onto the original text.
    let mut base = 0;
    if text.starts_with('\u{feff}') {
        base = '\u{feff}'.len_utf8();
    }
    let rest = &text[base..];
    if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
        base += rest.find('\n').unwrap_or(rest.len());
    }
    // The thread's source map is freed on every way out (see below).
    let failed = |error: syn::Error| {
        let error = ParseError {
            offset: range(error.span(), base).start,
            message: error.to_string(),
            too_deep: false,
        };
        proc_macro2::extra::invalidate_current_thread_spans();
        error
    };
    let tokens: proc_macro2::TokenStream = text[base..]
        .parse()
        .map_err(|error: proc_macro2::LexError| failed(error.into()))?;
    // Deeper code could overflow the stack in syn's recursive descent, which aborts
    // the process: it is not parsed.
    let depth = nesting::tokens_nesting(tokens.clone());
    if depth > MAX_NESTING {
        drop(tokens);
        proc_macro2::extra::invalidate_current_thread_spans();
        return Err(ParseError {
            offset: base,
            message: too_deep(depth),
            too_deep: true,
        });
    }
    let file = syn::parse2::<syn::File>(tokens).map_err(failed)?;

    let crate_names = imports::crate_names_with_aliases(&file, crate_names);
    let imports = imports::collect(&file, &crate_names, base);
    let mut rewriter = Rewriter::new(text, base, &crate_names, &imports, &file, options);
    rewriter.visit_file(&file);
    rewriter.report_public_api_changes(&file);
    let mut migration = rewriter.finish();
    let doc_starts = if text.contains("```") {
        doctests::doc_attribute_starts(&file, base)
    } else {
        HashSet::new()
    };
    // Spans are only meaningful while the file is parsed; free the thread's source map
    // so that a long run over many files does not grow it without bound.
    drop(file);
    proc_macro2::extra::invalidate_current_thread_spans();
    if !doc_starts.is_empty() {
        doctests::migrate_doc_examples(text, &doc_starts, &crate_names, &mut migration);
    }
    drop_moot_edits(&mut migration.edits);
    move_untouched_roots_to_shim(text, &crate_names, dependency_names, &mut migration);
    migration.findings.sort_by_key(|finding| finding.offset);
    Ok(migration)
}

/// Every place the code still names async-std after the migration's edits, and no
/// finding explains: code inside a macro invocation or a `macro_rules!` body that the
/// tool could read only as tokens (an attribute macro's arguments, a statement of a
/// macro's own syntax...). A path rooted at the dependency's name now starts at the
/// shim's, which has async-std's whole API, so it builds as it did (even where the
/// build check cannot see, as in a trybuild case or a macro expanded downstream); a
/// path through an alias (`use async_std as rt`) is reported. Nothing is left as it
/// was in silence. Comments and strings do not count.
fn move_untouched_roots_to_shim(
    text: &str,
    crate_names: &[String],
    dependency_names: &[String],
    migration: &mut SourceMigration,
) {
    let covered = |migration: &SourceMigration, at: usize| {
        migration
            .edits
            .iter()
            .any(|edit| edit.range.start <= at && at < edit.range.end.max(edit.range.start + 1))
            || migration
                .findings
                .iter()
                .any(|finding| finding.offset == at)
    };
    // Cheap first: only when the name appears outside every edit is the file lexed.
    let uncovered_text = crate_names.iter().any(|name| {
        text.match_indices(name.as_str())
            .any(|(at, _)| text[at + name.len()..].starts_with("::") && !covered(migration, at))
    });
    if !uncovered_text {
        return;
    }
    let untouched: Vec<Range<usize>> = retreat::path_roots(text, crate_names)
        .into_iter()
        .filter(|root| !covered(migration, root.start))
        .collect();
    for root in untouched {
        let name = &text[root.clone()];
        if dependency_names.iter().any(|dependency| dependency == name) {
            migration.findings.push(Finding {
                offset: root.start,
                severity: Severity::Fallback,
                rule: "macro",
                message: format!(
                    "`{name}::` inside a macro invocation or `macro_rules!` body, which the \
                     tool reads only as tokens, now names async-std-compat: it keeps \
                     async-std's API and builds as before; move it to smol by hand"
                ),
            });
            migration
                .edits
                .push(Edit::replace(root, retreat::SHIM.to_string(), "macro"));
            migration.needs_shim = true;
        } else {
            migration.findings.push(Finding {
                offset: root.start,
                severity: Severity::Hazard,
                rule: "macro",
                message: "async-std is named here through an alias and was left as written: \
                          the code is inside a macro invocation or `macro_rules!` body that \
                          the tool reads only as tokens; rewrite it by hand (with `--apply`'s \
                          build check, a file that then fails to build stays on async-std's \
                          API from async-std-compat)"
                    .to_string(),
            });
        }
    }
}

/// Drops the edits inside text that another edit deletes: a doc example migrated in
/// the doc comment of a `use` item that goes, a line indented inside a removed item.
/// They would change nothing, yet overlap the deletion (which leaves the file
/// untouched, as a bug).
fn drop_moot_edits(edits: &mut Vec<Edit>) {
    let deletions: Vec<Range<usize>> = edits
        .iter()
        .filter(|edit| edit.replacement.is_empty() && !edit.range.is_empty())
        .map(|edit| edit.range.clone())
        .collect();
    if deletions.is_empty() {
        return;
    }
    edits.retain(|edit| {
        let inside = |deleted: &Range<usize>| {
            if edit.range.is_empty() {
                deleted.start < edit.range.start && edit.range.start < deleted.end
            } else {
                *deleted != edit.range
                    && deleted.start <= edit.range.start
                    && edit.range.end <= deleted.end
            }
        };
        !deletions.iter().any(inside)
    });
}

/// What is said of a file that nests `depth` levels deep, more than [`MAX_NESTING`].
pub fn too_deep(depth: usize) -> String {
    format!(
        "the code nests about {depth} levels deep, more than the {MAX_NESTING} this tool \
         parses (deeper, the parser could overflow its stack); left untouched"
    )
}

/// Where an async-std item goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// To this smol (or std) path.
    Smol(Vec<String>),
    /// To this async-std-compat path (smol has no equivalent that behaves the same).
    Compat(Vec<String>),
    /// A module smol has no counterpart for; its items go one by one.
    ModuleWithoutCounterpart,
    /// An attribute macro, rewritten with the function it is on.
    Attribute,
    /// A function whose replacement cannot be imported by name (`smol::Timer::after`):
    /// the import goes, and each use is written in full.
    Call(Vec<String>),
    /// A call with no arguments replaced as a whole by this expression
    /// (`io::stdout()` -> `smol::Unblock::new(std::io::stdout())`).
    Expression(&'static str),
    /// Only meaningful as a method call, rewritten there; named as a path, it is
    /// reported.
    MethodOnly,
    /// Not an item of async-std 1.13's API (no rule names it or a type it belongs
    /// to): a path that leads through an import made under another cfg
    /// (`#[cfg(feature = "tokio")] use tokio::io;` beside async-std's `io`), or a
    /// macro's. It is left as written.
    NotInApi,
}

fn split(path: &str) -> Vec<String> {
    path.split("::").map(str::to_string).collect()
}

fn join(path: &[String]) -> String {
    path.join("::")
}

const BLOCK_ON: &str = "async_std::task::block_on";
const SPAWN_LOCAL: &str = "async_std::task::spawn_local";

/// Where the item at `canonical` goes, and the rule that says so (`None` when no rule
/// covers it and it falls back to the shim by default), given what the first pass
/// learned about the file (whether it visibly flushes what it writes, whether it
/// spawns local tasks).
fn target_of(
    canonical: &[String],
    survey: &survey::Survey,
) -> (Target, Option<&'static rules::Rule>) {
    let joined = canonical.join("::");
    let flush_visible = survey.flush_is_visible_for(&joined);
    if survey.is_kept_apart(&joined) {
        return (
            Target::Compat(split(&rules::fallback_path(canonical))),
            rules::covering(&joined),
        );
    }
    if let Some(rule) = rules::lookup(canonical) {
        let target = match rule.action {
            // The shim's `spawn_local` tasks run only inside the shim's `block_on`.
            Action::Rename(_) if rule.item == BLOCK_ON && survey.names(SPAWN_LOCAL) => {
                Target::Compat(split(&rules::fallback_path(canonical)))
            }
            // A handle in the file's public API may be dropped by code the migration
            // cannot see: keep async-std's detach-on-drop handle (the shim's), and the
            // spawn that makes it.
            Action::Rename(_) | Action::Spawn(_)
                if survey.handles_escape
                    && (rule.item == survey::JOIN_HANDLE
                        || matches!(rule.action, Action::Spawn(_))) =>
            {
                Target::Compat(split(&rules::fallback_path(canonical)))
            }
            Action::Rename(to) | Action::Module(to) | Action::Spawn(to) | Action::Channel(to) => {
                Target::Smol(split(to))
            }
            Action::PrintMacro(to) | Action::SyncCall(to) => Target::Smol(split(to)),
            Action::WriteFmt if canonical.len() == 2 => {
                Target::Smol(vec!["std".to_string(), canonical[1].clone()])
            }
            Action::ModuleWithoutCounterpart => Target::ModuleWithoutCounterpart,
            Action::MainAttribute | Action::TestAttribute => Target::Attribute,
            Action::Fallback => Target::Compat(split(&rules::fallback_path(canonical))),
            Action::Sleep => Target::Call(split("smol::Timer::after")),
            // Rewritten call by call (see `rewrite_timeout`); a path that is not called
            // (a re-export, a function passed as a value) is the shim's.
            Action::Timeout { wraps_output, .. } if survey.keeps_timeouts(wraps_output) => {
                Target::Compat(split(&rules::fallback_path(canonical)))
            }
            Action::Timeout { .. } => Target::Call(split("smol::future::or")),
            Action::FlushOnDrop(to) if flush_visible => {
                if to.contains('(') {
                    Target::Expression(to)
                } else {
                    Target::Smol(split(to))
                }
            }
            Action::FlushOnDrop(_) => Target::Compat(split(&rules::fallback_path(canonical))),
            Action::MethodRename(_)
            | Action::MethodToFunction(_)
            | Action::ByRef
            | Action::WriteFmt
            | Action::FlushThenIntoInner
            | Action::PathMethod(..)
            | Action::Report => Target::MethodOnly,
        };
        return (target, Some(rule));
    }
    // An associated item of a renamed type (`TcpListener::bind`) moves with it.
    for len in (2..canonical.len()).rev() {
        if let Some(rule) = rules::lookup(&canonical[..len]) {
            let home = match rule.action {
                Action::Rename(to) | Action::Spawn(to) => split(to),
                Action::FlushOnDrop(to) if flush_visible && !to.contains('(') => split(to),
                // A file opened read-only is never written, so its drop loses nothing:
                // `File::open` takes smol's `File` even where the file keeps
                // async-std's for the ones it writes, so that it can be handed to code
                // that takes smol's.
                Action::FlushOnDrop(to) if !to.contains('(') && survey.opens_read_only(&joined) => {
                    split(to)
                }
                Action::Fallback | Action::FlushOnDrop(_) => {
                    return (
                        Target::Compat(split(&rules::fallback_path(canonical))),
                        Some(rule),
                    )
                }
                _ => break,
            };
            let mut path = home;
            path.extend(canonical[len..].iter().cloned());
            return (Target::Smol(path), Some(rule));
        }
    }
    (Target::NotInApi, None)
}

/// How one import leaf is rewritten.
#[derive(Debug, Clone)]
enum LeafPlan {
    /// Not an async-std leaf: kept as written.
    Keep,
    /// Imports this path instead (alias and kind kept).
    Replace(Vec<String>),
    /// Imports this path under the leaf's old name (`use smol::io::AsyncWrite as
    /// Write;`): another import of the file binds that name under another cfg
    /// (`#[cfg(feature = "tokio")] use tokio::io::AsyncWrite as Write;`), so the code
    /// that names it must not change.
    ReplaceKeepingName(Vec<String>, String),
    /// Goes away (what it imported is rewritten where it is used).
    Remove,
    /// A module without counterpart: goes away unless some item used through it falls
    /// back to the shim, in which case it imports the shim's module.
    CompatIfUsed(Vec<String>),
}

struct Rewriter<'a> {
    /// See [`SourceMigration::semver_exports`].
    semver_exports: Vec<(usize, String)>,
    /// Local names of async-std modules without smol counterpart that another cfg's
    /// import binds too: they stay the shim's modules (see `plan_imports`).
    cfg_shared_modules: HashSet<String>,
    text: &'a str,
    base: usize,
    crate_names: &'a [String],
    imports: &'a Imports,
    index: LineIndex<'a>,
    /// The file's line ending, used in inserted text: `\r\n` for CRLF files.
    newline: &'static str,
    edits: Vec<Edit>,
    findings: Vec<Finding>,
    needs_shim: bool,
    rewrites: Vec<&'static str>,
    /// For each use item (by index), the plan of each of its leaves.
    leaf_plans: Vec<Vec<LeafPlan>>,
    /// Local name -> what the name refers to once the imports are rewritten.
    local_targets: HashMap<String, Vec<String>>,
    /// Local names whose import changes its last segment (`ReadExt` -> `AsyncReadExt`).
    renamed_locals: HashMap<String, String>,
    /// Local names of modules without counterpart that the shim must still provide.
    compat_modules_used: HashSet<String>,
    /// Spawn calls whose handle the migration took care of, by start offset.
    spawns_accounted: HashSet<usize>,
    /// Every spawn call seen: start offset and the rule.
    spawns_seen: Vec<(usize, &'static rules::Rule)>,
    /// Reported fallbacks, so that each place is reported once.
    reported: HashSet<(usize, &'static str)>,
    /// What the first pass learned about the file.
    survey: survey::Survey,
    /// Start offsets of paths that a call-level rewrite replaced already.
    skip_paths: HashSet<usize>,
    /// Start offsets of paths that are the function of a call expression.
    callees: HashSet<usize>,
    /// Expressions directly awaited, by start offset (for a method call: the start of
    /// its name), with the end offset of the `.await`.
    awaited: HashMap<usize, usize>,
    /// Where the method name of each `x = x.method(..)` starts: its result has the
    /// receiver's type, so it is no adapter (`timeout`) of a future or stream.
    self_assigned: HashSet<usize>,
    /// Start offsets of `sleep(d).await` whose `()` value is discarded.
    sleeps_discarded: HashSet<usize>,
    /// Paths with a qualified self (`<T as async_std::io::Read>::read`), by start
    /// offset, with how many of their segments name the trait (inside the `<>`).
    qualified: HashMap<usize, usize>,
    /// Names the file uses as one-segment paths (`Read` in `R: Read`), and the names
    /// it binds itself (by a `use` that is not a glob, or an item).
    bare_names: globs::BareNames,
}

impl<'a> Rewriter<'a> {
    fn new(
        text: &'a str,
        base: usize,
        crate_names: &'a [String],
        imports: &'a Imports,
        file: &syn::File,
        options: SourceOptions,
    ) -> Self {
        let mut rewriter = Rewriter {
            semver_exports: Vec::new(),
            cfg_shared_modules: HashSet::new(),
            text,
            base,
            crate_names,
            imports,
            index: LineIndex::new(text),
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
            edits: Vec::new(),
            findings: Vec::new(),
            needs_shim: false,
            rewrites: Vec::new(),
            leaf_plans: Vec::new(),
            local_targets: HashMap::new(),
            renamed_locals: HashMap::new(),
            compat_modules_used: HashSet::new(),
            spawns_accounted: HashSet::new(),
            spawns_seen: Vec::new(),
            reported: HashSet::new(),
            survey: survey::Survey::default(),
            skip_paths: HashSet::new(),
            callees: HashSet::new(),
            awaited: HashMap::new(),
            self_assigned: HashSet::new(),
            sleeps_discarded: HashSet::new(),
            qualified: HashMap::new(),
            bare_names: globs::BareNames::of(file),
        };
        rewriter.qualified = qualified_paths(file, base);
        rewriter.survey = rewriter.survey(file);
        rewriter.survey.cautious = options.cautious;
        rewriter.plan_imports();
        rewriter
    }

    fn is_crate(&self, name: &str) -> bool {
        self.crate_names.iter().any(|crate_name| crate_name == name)
    }

    /// Decides what becomes of every leaf of every async-std `use` item.
    fn plan_imports(&mut self) {
        for item in &self.imports.items {
            let mut plans = Vec::new();
            for leaf in &item.leaves {
                let Some(canonical) = leaf.canonical.clone() else {
                    plans.push(LeafPlan::Keep);
                    continue;
                };
                let (target, rule) = target_of(&canonical, &self.survey);
                let plan = match target {
                    Target::Smol(path) => {
                        self.note_native_flush_on_drop(item.tree.start, rule);
                        LeafPlan::Replace(path)
                    }
                    Target::Call(_) | Target::Expression(_) | Target::MethodOnly => {
                        LeafPlan::Remove
                    }
                    Target::Compat(path) => {
                        self.needs_shim = true;
                        self.report_fallback(item.tree.start, &canonical, rule);
                        LeafPlan::Replace(path)
                    }
                    // A re-exported attribute macro (`pub use async_std::test;`, then
                    // `#[helpers::test]` elsewhere) cannot be rewritten where it is
                    // used: it comes from the shim.
                    Target::Attribute if item.public => {
                        let path = split(&rules::fallback_path(&canonical));
                        self.needs_shim = true;
                        self.report_fallback(item.tree.start, &canonical, rule);
                        LeafPlan::Replace(path)
                    }
                    Target::Attribute => LeafPlan::Remove,
                    Target::NotInApi => {
                        self.not_in_api(item.tree.start, &canonical);
                        LeafPlan::Keep
                    }
                    // `#[cfg(..)] use async_std::task as rt;` beside `#[cfg(..)] use
                    // tokio::task as rt;`: the code says `rt::spawn` for both runtimes,
                    // so the name keeps naming a module, the shim's.
                    Target::ModuleWithoutCounterpart
                        if leaf
                            .local_name()
                            .is_some_and(|local| self.bound_elsewhere(local)) =>
                    {
                        self.needs_shim = true;
                        let local = leaf.local_name().unwrap_or_default().to_string();
                        self.cfg_shared_modules.insert(local.clone());
                        self.report_cfg_shared(item.tree.start, &canonical, &local, rule);
                        LeafPlan::Replace(split(&rules::fallback_path(&canonical)))
                    }
                    Target::ModuleWithoutCounterpart => {
                        if leaf.kind == LeafKind::Glob {
                            self.needs_shim = true;
                            self.report_fallback(item.tree.start, &canonical, rule);
                            LeafPlan::Replace(split(&rules::fallback_path(&canonical)))
                        } else {
                            LeafPlan::CompatIfUsed(split(&rules::fallback_path(&canonical)))
                        }
                    }
                };
                let mut plan = plan;
                if let (Some(local), LeafPlan::Replace(path) | LeafPlan::CompatIfUsed(path)) =
                    (leaf.local_name(), &plan)
                {
                    self.local_targets.insert(local.to_string(), path.clone());
                    let new_last = path.last().cloned().unwrap_or_default();
                    if matches!(leaf.kind, LeafKind::Name { alias: None }) && new_last != local {
                        if self.bound_elsewhere(local) && matches!(plan, LeafPlan::Replace(_)) {
                            plan = LeafPlan::ReplaceKeepingName(path.clone(), local.to_string());
                        } else {
                            self.renamed_locals.insert(local.to_string(), new_last);
                        }
                    }
                }
                plans.push(plan);
            }
            self.leaf_plans.push(plans);
        }
    }

    /// smol's prelude item by item where the glob's module or block shadows a trait
    /// async-std's prelude named (see [`globs::prelude_without_shadowed`]).
    fn prelude_item_by_item(
        &self,
        scope: &Range<usize>,
    ) -> Option<Vec<(Vec<String>, Option<String>)>> {
        // Shadowed in the glob's own module or block, by an import made in every build
        // (one under a cfg is taken for an alternative to async-std's: tokio's).
        let shadowed: Vec<&str> = ["StreamExt", "FutureExt"]
            .into_iter()
            .filter(|name| {
                self.imports.scoped.iter().any(|scoped| {
                    scoped.name == *name
                        && scoped.canonical.is_none()
                        && !scoped.cfg_gated
                        && scoped.scope == *scope
                })
            })
            .collect();
        globs::prelude_without_shadowed(&shadowed, &self.bare_names)
    }

    /// Whether `path` goes through a module name that another cfg's import binds too
    /// and that now names the shim's module (`rt::spawn` with `use async_std::task as
    /// rt;` beside `use tokio::task as rt;`).
    fn through_cfg_shared_module(&self, path: &syn::Path) -> bool {
        let Some(first) = path.segments.first() else {
            return false;
        };
        path.leading_colon.is_none()
            && path.segments.len() > 1
            && self.cfg_shared_modules.contains(&first.ident.to_string())
    }

    /// Reports that `canonical`, named through `name` which another cfg's import also
    /// binds, stays async-std's from the shim.
    fn report_cfg_shared(
        &mut self,
        offset: usize,
        canonical: &[String],
        name: &str,
        rule: Option<&'static rules::Rule>,
    ) {
        let id = rule.map_or("no-rule", rules::Rule::id);
        if !self.reported.insert((offset, id)) {
            return;
        }
        self.findings.push(Finding {
            offset,
            severity: Severity::Fallback,
            rule: id,
            message: format!(
                "`{}` is named through `{name}`, which another cfg's import binds too (a \
                 runtime chosen by feature): it stays async-std's, from async-std-compat, so \
                 that the code builds for every cfg",
                join(canonical)
            ),
        });
    }

    /// Whether an import that is not async-std's also binds `name` (a cfg
    /// alternative: `#[cfg(feature = "tokio")] use tokio::io::AsyncWrite as Write;`).
    fn bound_elsewhere(&self, name: &str) -> bool {
        self.imports
            .scoped
            .iter()
            .any(|scoped| scoped.name == name && scoped.canonical.is_none())
    }

    fn report_fallback(
        &mut self,
        offset: usize,
        canonical: &[String],
        rule: Option<&'static rules::Rule>,
    ) {
        let id = rule.map_or("no-rule", rules::Rule::id);
        if !self.reported.insert((offset, id)) {
            return;
        }
        let escaping_handle = rule.is_some_and(|rule| {
            self.survey.handles_escape
                && (rule.item == survey::JOIN_HANDLE || matches!(rule.action, Action::Spawn(_)))
        });
        let message = match rule {
            Some(rule) if self.survey.is_kept_apart(&join(canonical)) => format!(
                "`{}` stays async-std's (from async-std-compat): it would become {}, the type \
                 another impl of the same trait in this file is for, and the two impls would \
                 collide",
                join(canonical),
                match rule.action {
                    Action::Rename(to) => format!("`{to}`"),
                    _ => "a std type".to_string(),
                }
            ),
            Some(_) if escaping_handle => format!(
                "`{}` stays async-std's (from async-std-compat): a `JoinHandle` is part of \
                 this file's public API, and code the migration cannot see may drop it, \
                 which detaches the task in async-std but cancels a smol `Task`",
                join(canonical)
            ),
            Some(rule) => format!(
                "`{}` has no smol equivalent that behaves the same; it now comes from async-std-compat ({})",
                join(canonical),
                rule.note
            ),
            None => format!(
                "no migration rule for `{}` yet; it now comes from async-std-compat",
                join(canonical)
            ),
        };
        self.findings.push(Finding {
            offset,
            severity: Severity::Fallback,
            rule: id,
            message,
        });
    }

    /// Says once per place that a path is left as written because async-std has no
    /// such item.
    fn not_in_api(&mut self, offset: usize, canonical: &[String]) {
        if !self.reported.insert((offset, "not-in-api")) {
            return;
        }
        self.findings.push(Finding {
            offset,
            severity: Severity::Note,
            rule: "not-in-api",
            message: format!(
                "`{}` is not an item of async-std 1.13, so the path is left as written (it \
                 resolves through an import made under another cfg, or in a macro)",
                join(canonical)
            ),
        });
    }

    fn hazard(&mut self, offset: usize, rule: &'static str, message: impl Into<String>) {
        self.findings.push(Finding {
            offset,
            severity: Severity::Hazard,
            rule,
            message: message.into(),
        });
    }

    fn note(&mut self, offset: usize, rule: &'static str, message: impl Into<String>) {
        self.findings.push(Finding {
            offset,
            severity: Severity::Note,
            rule,
            message: message.into(),
        });
    }

    /// The canonical async-std path a code path names, if it names async-std.
    ///
    /// A path with a qualified self names nothing as a whole: in `<T as
    /// async_std::io::Read>::read`, only the trait's part `async_std::io::Read` does.
    fn canonical_path(&self, path: &syn::Path) -> Option<Vec<String>> {
        if let Some(position) = self.qualified.get(&path_start(path, self.base)) {
            if *position != path.segments.len() {
                return None;
            }
        }
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let (first, rest) = segments.split_first()?;
        let mut canonical = if self.is_crate(first) {
            vec!["async_std".to_string()]
        } else if path.leading_colon.is_none() {
            self.imports
                .resolve(first, path_start(path, self.base))?
                .clone()
        } else {
            return None;
        };
        canonical.extend(rest.iter().cloned());
        Some(canonical)
    }

    /// The rule of the item a path names, if any.
    fn rule_of(&self, path: &syn::Path) -> Option<&'static rules::Rule> {
        rules::lookup(&self.canonical_path(path)?)
    }

    fn range(&self, span: proc_macro2::Span) -> Range<usize> {
        range(span, self.base)
    }

    /// Rewrites one path in code so that it names the item's new home.
    fn rewrite_path(&mut self, path: &syn::Path) {
        let Some(canonical) = self.canonical_path(path) else {
            return;
        };
        let (target, rule) = target_of(&canonical, &self.survey);
        let Some(first) = path.segments.first() else {
            return;
        };
        let path_start = match &path.leading_colon {
            Some(colon) => self.range(colon.spans[0]).start,
            None => self.range(first.ident.span()).start,
        };
        if self.skip_paths.contains(&path_start) {
            return;
        }
        // Through a module name another cfg's import binds too, now the shim's module
        // (see `plan_imports`): left as written, for every cfg.
        let first_name = first.ident.to_string();
        if self.through_cfg_shared_module(path) {
            self.needs_shim = true;
            self.compat_modules_used.insert(first_name.clone());
            self.report_cfg_shared(path_start, &canonical, &first_name, rule);
            return;
        }
        let new_path = match target {
            Target::Smol(path) => {
                self.note_native_flush_on_drop(path_start, rule);
                path
            }
            Target::Compat(path) => path,
            Target::Call(path) => {
                if let Some(rule) = rule {
                    if matches!(rule.action, Action::Timeout { .. }) {
                        // Not rewritten where it is called (that call's path is
                        // skipped): named as a value, or called without `.await`.
                        split(&rules::fallback_path(&canonical))
                    } else if rule.action == Action::Sleep && !self.callees.contains(&path_start) {
                        // Passed as a function (`delay_fn: task::sleep`): smol's
                        // `Timer::after` resolves to an `Instant`, not `()`, so the
                        // shim's `sleep`, which has async-std's signature, is passed.
                        // (reported as a fallback below, with the rule's note)
                        split(&rules::fallback_path(&canonical))
                    } else {
                        path
                    }
                } else {
                    path
                }
            }
            Target::Expression(expression) => {
                self.hazard(
                    path_start,
                    rule_id(rule),
                    format!(
                        "`{}` is not called here with no arguments; write `{expression}` by hand",
                        join(&canonical)
                    ),
                );
                return;
            }
            Target::MethodOnly => {
                self.hazard(
                    path_start,
                    rule_id(rule),
                    format!(
                        "`{}` is named as a path; the migration rewrites it only as a method call: {}",
                        join(&canonical),
                        rule.map_or("", |rule| rule.note)
                    ),
                );
                return;
            }
            Target::Attribute | Target::ModuleWithoutCounterpart => return,
            Target::NotInApi => {
                self.not_in_api(path_start, &canonical);
                return;
            }
        };
        let last = path.segments.last().expect("a path has a segment");
        let start = match &path.leading_colon {
            Some(colon) => self.range(colon.spans[0]).start,
            None => self.range(first.ident.span()).start,
        };
        let end = self.range(last.ident.span()).end;
        let is_compat = new_path.first().map(String::as_str) == Some("async_std_compat");
        let first_name = first.ident.to_string();

        // What the path will mean once the imports are rewritten.
        let via_import = if path.leading_colon.is_none() && !self.is_crate(&first_name) {
            self.local_targets.get(&first_name).map(|import_target| {
                let mut after = import_target.clone();
                after.extend(path.segments.iter().skip(1).map(|s| s.ident.to_string()));
                after
            })
        } else {
            None
        };
        if via_import.as_ref() == Some(&new_path) {
            if is_compat {
                self.needs_shim = true;
                self.compat_modules_used.insert(first_name.clone());
                self.report_fallback(start, &canonical, rule);
            }
            if let Some(new_name) = self.renamed_locals.get(&first_name) {
                let ident = self.range(first.ident.span());
                self.edits
                    .push(Edit::replace(ident, new_name.clone(), rule_id(rule)));
                self.rewrites.push(rule_id(rule));
            }
            return;
        }
        if path
            .segments
            .iter()
            .take(path.segments.len() - 1)
            .any(|segment| !segment.arguments.is_none())
        {
            self.hazard(
                start,
                rule_id(rule),
                format!(
                    "`{}` has generic arguments inside the path; rewrite it to `{}` by hand",
                    join(&canonical),
                    join(&new_path)
                ),
            );
            return;
        }
        if is_compat {
            self.needs_shim = true;
            self.report_fallback(start, &canonical, rule);
        }
        self.edits
            .push(Edit::replace(start..end, join(&new_path), rule_id(rule)));
        self.rewrites.push(rule_id(rule));
    }

    /// Rewrites the async-std `use` items, now that every use of them has been seen.
    fn rewrite_imports(&mut self) {
        for (item, plans) in self.imports.items.iter().zip(&self.leaf_plans) {
            let mut leaves: Vec<UseLeaf> = Vec::new();
            let mut changed = false;
            for (leaf, plan) in item.leaves.iter().zip(plans) {
                let is_prelude_glob = leaf.kind == LeafKind::Glob
                    && leaf
                        .canonical
                        .as_deref()
                        .is_some_and(|canonical| canonical.join("::") == "async_std::prelude");
                let prelude_items = is_prelude_glob
                    .then(|| self.prelude_item_by_item(&item.scope))
                    .flatten();
                match plan {
                    LeafPlan::Keep => leaves.push(leaf.clone()),
                    LeafPlan::Remove => changed = true,
                    LeafPlan::Replace(_) if prelude_items.is_some() => {
                        changed = true;
                        for (path, alias) in prelude_items.unwrap_or_default() {
                            leaves.push(UseLeaf {
                                path,
                                kind: LeafKind::Name { alias },
                                is_self: false,
                                canonical: None,
                            });
                        }
                    }
                    LeafPlan::Replace(path) => {
                        changed |= *path != leaf.path;
                        leaves.push(UseLeaf {
                            path: path.clone(),
                            kind: leaf.kind.clone(),
                            is_self: false,
                            canonical: None,
                        });
                        // A glob of async-std's preludes named traits `Read`, `Write`,
                        // `StreamExt`...; smol's glob names them otherwise or as `_`.
                        // Each one the file uses keeps its name.
                        if leaf.kind == LeafKind::Glob {
                            if let Some(canonical) = &leaf.canonical {
                                for (name, target) in
                                    globs::names_to_keep(canonical, &self.bare_names)
                                {
                                    changed = true;
                                    leaves.push(UseLeaf {
                                        path: split(target),
                                        kind: LeafKind::Name {
                                            alias: (!target.ends_with(&format!("::{name}")))
                                                .then(|| name.to_string()),
                                        },
                                        is_self: false,
                                        canonical: None,
                                    });
                                }
                            }
                        }
                    }
                    LeafPlan::ReplaceKeepingName(path, name) => {
                        changed = true;
                        leaves.push(UseLeaf {
                            path: path.clone(),
                            kind: LeafKind::Name {
                                alias: Some(name.clone()),
                            },
                            is_self: false,
                            canonical: None,
                        });
                    }
                    LeafPlan::CompatIfUsed(path) => {
                        changed = true;
                        let used = leaf
                            .local_name()
                            .is_some_and(|name| self.compat_modules_used.contains(name));
                        if used {
                            leaves.push(UseLeaf {
                                path: path.clone(),
                                kind: leaf.kind.clone(),
                                is_self: false,
                                canonical: None,
                            });
                        }
                    }
                }
            }
            if changed {
                let edit = self.render_use_item(item, &leaves);
                self.rewrites.push(edit.rule);
                self.edits.push(edit);
            }
        }
    }

    /// The edit that turns `item` into `use` items for `leaves`: one item per crate
    /// root, or none at all.
    fn render_use_item(&self, item: &UseItem, leaves: &[UseLeaf]) -> Edit {
        const RULE: &str = "use";
        if leaves.is_empty() {
            return Edit::replace(self.whole_lines(item.item.clone()), "", RULE);
        }
        let mut roots: Vec<&str> = Vec::new();
        for leaf in leaves {
            let root = leaf.path.first().map(String::as_str).unwrap_or_default();
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        if roots.len() == 1 {
            return Edit::replace(item.tree.clone(), imports::render_tree(leaves), RULE);
        }
        // Several crates: one item each, with the same attributes and visibility. The
        // first keeps the item's own (they are not rewritten, so the examples of its
        // doc comment are migrated where they are); the others get a copy without the
        // doc comment.
        let prefix = &self.text[item.prefix.clone()];
        let copied_prefix: String = prefix
            .split_inclusive('\n')
            .filter(|line| {
                let line = line.trim_start();
                !(line.starts_with("///") || line.starts_with("//!"))
            })
            .collect();
        let copied_prefix = copied_prefix.trim_start();
        let indent = self.indentation(item.item.start);
        let colon = if item.leading_colon { "::" } else { "" };
        let items: Vec<String> = roots
            .iter()
            .enumerate()
            .map(|(i, root)| {
                let group: Vec<UseLeaf> = leaves
                    .iter()
                    .filter(|leaf| leaf.path.first().map(String::as_str) == Some(*root))
                    .cloned()
                    .collect();
                let prefix = if i == 0 { "" } else { copied_prefix };
                format!("{prefix}use {colon}{};", imports::render_tree(&group))
            })
            .collect();
        Edit::replace(
            item.prefix.end..item.item.end,
            items.join(&format!("{}{indent}", self.newline)),
            RULE,
        )
    }

    /// The whitespace before the first token on the line holding `offset`.
    fn indentation(&self, offset: usize) -> &'a str {
        let start = self.index.line_start(offset);
        let line = &self.text[start..offset];
        let end = line.len() - line.trim_start().len();
        &line[..end]
    }

    /// `range` widened to whole lines when nothing else is on them, so that deleting it
    /// leaves no blank line behind; otherwise `range` and the spaces after it.
    fn whole_lines(&self, range: Range<usize>) -> Range<usize> {
        let mut line_start = self.index.line_start(range.start);
        if self.text[line_start..].starts_with('\u{feff}') {
            line_start += '\u{feff}'.len_utf8();
        }
        let before = &self.text[line_start..range.start];
        let after_end = self.text[range.end..]
            .find('\n')
            .map_or(self.text.len(), |i| range.end + i);
        let after = &self.text[range.end..after_end];
        if before.trim().is_empty() && after.trim().is_empty() {
            let end = (after_end + 1).min(self.text.len());
            line_start..end
        } else {
            let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
            range.start..range.end + spaces
        }
    }

    /// Where a writer that async-std flushed on drop becomes smol's because the file
    /// visibly flushes, says so once per file: the check is per file, not per writer.
    fn note_native_flush_on_drop(&mut self, offset: usize, rule: Option<&'static rules::Rule>) {
        let Some(rule) = rule else { return };
        // A file that writes only through borrowed `File`s drops none: nothing to say.
        if !matches!(rule.action, Action::FlushOnDrop(_))
            || !self.survey.writes
            || !self.survey.flushes
        {
            return;
        }
        if !self.reported.insert((usize::MAX, "flush-on-drop")) {
            return;
        }
        self.note(
            offset,
            rule.id(),
            "async-std flushed a dropped File or stdout; smol's do not. This file flushes, so \
             smol's type is used: check that every written one is flushed before it is dropped",
        );
    }

    fn finish(mut self) -> SourceMigration {
        self.rewrite_imports();
        for (offset, rule) in std::mem::take(&mut self.spawns_seen) {
            if !self.spawns_accounted.contains(&offset) {
                self.hazard(
                    offset,
                    rule.id(),
                    "this task handle is kept: a dropped smol `Task` cancels its task, where \
                     async-std's `JoinHandle` let it run; make sure every path awaits it, \
                     cancels it or calls `.detach()`",
                );
            }
        }
        SourceMigration {
            edits: self.edits,
            findings: self.findings,
            needs_shim: self.needs_shim,
            rewrites: self.rewrites,
            semver_exports: self.semver_exports,
        }
    }
}

/// Where `path` starts in the text: its leading `::` or its first segment.
fn path_start(path: &syn::Path, base: usize) -> usize {
    match (&path.leading_colon, path.segments.first()) {
        (Some(colon), _) => range(colon.spans[0], base).start,
        (None, Some(first)) => range(first.ident.span(), base).start,
        (None, None) => usize::MAX,
    }
}

/// The paths of `file` that have a qualified self, by start offset, with the number of
/// their segments inside the `<>` (the trait's).
fn qualified_paths(file: &syn::File, base: usize) -> HashMap<usize, usize> {
    struct Qualified {
        base: usize,
        found: HashMap<usize, usize>,
    }
    impl Qualified {
        fn add(&mut self, qself: &Option<syn::QSelf>, path: &syn::Path) {
            if let Some(qself) = qself {
                self.found
                    .insert(path_start(path, self.base), qself.position);
            }
        }
    }
    impl<'ast> Visit<'ast> for Qualified {
        fn visit_expr_path(&mut self, node: &'ast syn::ExprPath) {
            self.add(&node.qself, &node.path);
            syn::visit::visit_expr_path(self, node);
        }
        fn visit_type_path(&mut self, node: &'ast syn::TypePath) {
            self.add(&node.qself, &node.path);
            syn::visit::visit_type_path(self, node);
        }
        fn visit_expr_struct(&mut self, node: &'ast syn::ExprStruct) {
            self.add(&node.qself, &node.path);
            syn::visit::visit_expr_struct(self, node);
        }
        fn visit_pat_struct(&mut self, node: &'ast syn::PatStruct) {
            self.add(&node.qself, &node.path);
            syn::visit::visit_pat_struct(self, node);
        }
        fn visit_pat_tuple_struct(&mut self, node: &'ast syn::PatTupleStruct) {
            self.add(&node.qself, &node.path);
            syn::visit::visit_pat_tuple_struct(self, node);
        }
    }
    let mut visitor = Qualified {
        base,
        found: HashMap::new(),
    };
    visitor.visit_file(file);
    visitor.found
}

fn rule_id(rule: Option<&'static rules::Rule>) -> &'static str {
    rule.map_or("no-rule", rules::Rule::id)
}

impl<'ast> Visit<'ast> for Rewriter<'_> {
    fn visit_item_use(&mut self, _: &'ast syn::ItemUse) {
        // Handled as a whole by `rewrite_imports`.
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        match self.qualified.get(&path_start(path, self.base)) {
            // `<T as async_std::io::Read>::read`: the trait is rewritten, and what follows
            // the `>` stays as it is.
            Some(&position) if position < path.segments.len() => {
                if position > 0 {
                    let mut trait_path = path.clone();
                    trait_path.segments = path.segments.iter().take(position).cloned().collect();
                    self.rewrite_path(&trait_path);
                }
            }
            _ => self.rewrite_path(path),
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        // `extern crate async_std;` / `extern crate rt as runtime;`: the dependency is
        // gone after the migration and every path through the alias is rewritten, so
        // the item goes too.
        if !self.is_crate(&item.ident.to_string()) {
            return;
        }
        let range = self.range(item.span());
        let start = range.start;
        self.edits
            .push(Edit::replace(self.whole_lines(range), "", "extern crate"));
        self.rewrites.push("extern crate");
        if item
            .attrs
            .iter()
            .any(|attr| attr.path().is_ident("macro_use"))
        {
            self.hazard(
                start,
                "extern crate",
                "`#[macro_use] extern crate` of async-std removed: a macro it brought into \
                 scope unqualified (`task_local!`, `println!` of async-std) must now be \
                 imported (`use async_std_compat::task_local;`)",
            );
        }
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        self.rewrite_entry_point(function);
        syn::visit::visit_item_fn(self, function);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if let (syn::Expr::Path(left), syn::Expr::MethodCall(call)) =
            (&*assign.left, &*assign.right)
        {
            if matches!(&*call.receiver, syn::Expr::Path(receiver) if receiver.path == left.path) {
                let start = self.range(call.method.span()).start;
                self.self_assigned.insert(start);
            }
        }
        syn::visit::visit_expr_assign(self, assign);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.account_for_spawns(block);
        self.find_discarded_sleeps(block);
        syn::visit::visit_block(self, block);
    }

    fn visit_expr_await(&mut self, expr: &'ast syn::ExprAwait) {
        if let Some(call) = self.spawn_call(&expr.base) {
            let start = self.range(call.span()).start;
            self.spawns_accounted.insert(start);
        }
        if self.rewrite_awaited(expr) {
            return;
        }
        syn::visit::visit_expr_await(self, expr);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        self.clone_shared_socket_in_local(local);
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        self.clone_shared_socket_in_call(call);
        if let syn::Expr::Path(func) = &*call.func {
            let start = self.range(func.path.span()).start;
            self.callees.insert(start);
            self.rewrite_socket_from_std(call, &func.path);
            if let Some(rule) = self.rule_of(&func.path) {
                if matches!(rule.action, Action::Spawn(_)) && !self.survey.handles_escape {
                    let start = self.range(call.span()).start;
                    self.spawns_seen.push((start, rule));
                }
                self.rewrite_call(call, rule);
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_lit_str(&mut self, literal: &'ast syn::LitStr) {
        self.check_error_text(literal);
    }

    fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
        // Doc comments are prose (their code examples are migrated on their own): a
        // sentence with "could not open `x`" in it is not an error message to match.
        if attribute.path().is_ident("doc") {
            return;
        }
        syn::visit::visit_attribute(self, attribute);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        self.clone_shared_socket_in_poll(call);
        self.rewrite_method_call(call);
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.rewrite_macro_path(mac);
        syn::visit::visit_macro(self, mac);
        self.visit_macro_arguments(mac);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    fn migrated(text: &str) -> (String, SourceMigration) {
        let migration = migrate(text, &["async_std".to_string()]).expect("parses");
        let out = apply(text, &migration.edits).expect("no conflict");
        (out, migration)
    }

    fn hazards(migration: &SourceMigration) -> usize {
        migration
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Hazard)
            .count()
    }

    #[test]
    fn crlf_files_stay_crlf_and_a_bom_is_kept() {
        let text = "\u{feff}use async_std::task;\r\n\r\n#[async_std::main]\r\nasync fn main() {\r\n    task::spawn(async {});\r\n}\r\n";
        let (out, _) = migrated(text);
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(
            out.matches('\n').count(),
            out.matches("\r\n").count(),
            "{out:?}"
        );
        assert!(out.contains("smol::spawn(async {}).detach();"), "{out}");
    }

    #[test]
    fn a_multiline_string_in_main_is_not_reindented() {
        let text = "#[async_std::main]\nasync fn main() {\n    let s = \"a\nb\";\n    println!(\"{s}\");\n}\n";
        let (out, _) = migrated(text);
        assert_eq!(
            out,
            "fn main() {\n    smol::block_on(async {\n        let s = \"a\nb\";\n        println!(\"{s}\");\n    })\n}\n"
        );
    }

    #[test]
    fn an_awaited_handle_needs_nothing() {
        let text = "use async_std::task;\nasync fn f() -> u8 {\n    let h = task::spawn(async { 1 });\n    h.await\n}\n";
        let (out, migration) = migrated(text);
        assert_eq!(
            out,
            "async fn f() -> u8 {\n    let h = smol::spawn(async { 1 });\n    h.await\n}\n"
        );
        assert_eq!(hazards(&migration), 0);
    }

    #[test]
    fn an_unused_binding_and_drop_detach() {
        let text = "use async_std::task;\nfn f() {\n    let h = task::spawn(async {});\n    drop(async_std::task::spawn(async {}));\n}\n";
        let (out, migration) = migrated(text);
        assert_eq!(
            out,
            "fn f() {\n    smol::spawn(async {}).detach();\n    smol::spawn(async {}).detach();\n}\n"
        );
        assert_eq!(hazards(&migration), 0);
    }

    #[test]
    fn a_stored_handle_is_a_hazard() {
        let text = "use async_std::task;\nfn f(v: &mut Vec<task::JoinHandle<()>>) {\n    v.push(task::spawn(async {}));\n}\n";
        let (out, migration) = migrated(text);
        assert!(out.contains("Vec<smol::Task<()>>"), "{out}");
        assert!(out.contains("v.push(smol::spawn(async {}));"), "{out}");
        assert_eq!(hazards(&migration), 1);
    }

    #[test]
    fn imports_keep_aliases_and_split_by_crate() {
        let text = "use async_std::{net::TcpStream as Stream, io::ReadExt as _, task::current};\n";
        let (out, migration) = migrated(text);
        assert_eq!(
            out,
            "use smol::{net::TcpStream as Stream, io::AsyncReadExt as _};\nuse async_std_compat::task::current;\n"
        );
        assert!(migration.needs_shim);
    }

    #[test]
    fn code_without_async_std_gets_no_edit() {
        let text = "use std::io;\n// async_std::task::spawn in a comment\nfn main() {}\n";
        let (_, migration) = migrated(text);
        assert!(migration.edits.is_empty());
    }

    #[test]
    fn a_nested_main_keeps_its_indentation() {
        let text =
            "mod m {\n    #[async_std::test]\n    async fn t() {\n        f().await;\n    }\n}\n";
        let (out, _) = migrated(text);
        assert_eq!(
            out,
            "mod m {\n    #[test]\n    fn t() {\n        smol::block_on(async {\n            f().await;\n        })\n    }\n}\n"
        );
    }

    #[test]
    fn invalid_rust_is_an_error_with_a_location() {
        let error = migrate("fn f( {", &["async_std".to_string()]).unwrap_err();
        assert!(error.offset <= 7);
    }

    /// Found by the fuzzer: a `use` item split in two (`std` and `smol`) was rewritten
    /// with its doc comment, and the doc example migrated inside overlapped that.
    #[test]
    fn a_split_use_item_keeps_its_doc_comment_on_the_first() {
        let text = "mod m {\n    /// ```\n    /// async_std::task::block_on(async {});\n    /// ```\n    #[cfg(unix)]\n    pub use async_std::sync::{Arc, Mutex};\n}\n";
        let (out, _) = migrated(text);
        assert_eq!(
            out,
            "mod m {\n    /// ```\n    /// smol::block_on(async {});\n    /// ```\n    #[cfg(unix)]\n    pub use std::sync::Arc;\n    #[cfg(unix)]\n    pub use smol::lock::Mutex;\n}\n"
        );
    }

    /// Found by the fuzzer: the inner attributes of an entry point's body went into
    /// the `async` block, where they may not be.
    #[test]
    fn inner_attributes_stay_before_the_block_on() {
        let text = "#[async_std::test]\nasync fn t() {\n    //! Inner docs.\n    #![allow(unused)]\n    f().await;\n}\n\n#[async_std::main]\nasync fn main() { #![allow(unused)] f().await; }\n";
        let (out, _) = migrated(text);
        assert_eq!(
            out,
            "#[test]\nfn t() {\n    //! Inner docs.\n    #![allow(unused)]\n    smol::block_on(async {\n        f().await;\n    })\n}\n\nfn main() { #![allow(unused)] smol::block_on(async { f().await; }) }\n"
        );
        // With CRLF line ends, the `\r` of a `//!` line stays on its line.
        let text = "#[async_std::main]\r\nasync fn main() {\r\n//!\r\n    f().await;\r\n}\r\n";
        let (out, _) = migrated(text);
        assert!(syn::parse_file(&out).is_ok(), "{out:?}");
        assert!(
            out.starts_with("fn main() {\r\n//!\r\n    smol::block_on(async {"),
            "{out:?}"
        );
    }

    /// Found by the fuzzer: a removed `use` item took its doc comment with it, and the
    /// doc example migrated inside it, or a line indented inside it, overlapped that.
    #[test]
    fn edits_inside_a_removed_item_are_dropped() {
        let text = "use async_std::test;\n/// ```\n/// async_std::task::block_on(async {});\n/// ```\nuse async_std as rt;\nfn documented() {}\n";
        let (out, _) = migrated(text);
        assert_eq!(out, "fn documented() {}\n");
        let text = "#[async_std::main]\nasync fn main() {\n    f().await;\n    ///\nuse async_std as rt;\n}\n";
        let (out, _) = migrated(text);
        assert!(syn::parse_file(&out).is_ok(), "{out}");
        assert!(!out.contains("async_std"), "{out}");
        let (again, _) = migrated(&out);
        assert_eq!(again, out);
    }

    /// Found by the fuzzer: the trait of a qualified path was rewritten together with
    /// what follows the `>`, which dropped the `>`.
    #[test]
    fn what_tokens_cannot_carry_moves_to_the_shim_and_is_reported() {
        let text = "macro_rules! t {\n    ($name:ident) => {\n        #[cfg_attr(not(feature = \"tokio\"), async_std::test)]\n        async fn $name() {}\n    };\n}\n";
        let (out, migration) = migrated(text);
        assert_eq!(
            out,
            text.replace("async_std::test", "async_std_compat::test"),
            "the path keeps async-std's API, from the shim"
        );
        assert!(migration.needs_shim);
        let finding = migration
            .findings
            .iter()
            .find(|finding| finding.rule == "macro")
            .expect("the attribute is reported");
        assert_eq!(finding.severity, Severity::Fallback);
        assert_eq!(&text[finding.offset..finding.offset + 9], "async_std");
        // A path handed to an attribute macro as a string is code too.
        let text = "#[other::test(async(\"not(feature = \\\"x\\\")\", \"async_std::test\"))]\nasync fn t() {}\n";
        let (out, migration) = migrated(text);
        assert!(out.contains("\"async_std_compat::test\""), "{out}");
        assert!(migration.needs_shim);
        // A name in a comment or a string is not code.
        let quiet = "// async_std::task
fn f() -> &'static str { \"async_std::task\" }\n";
        assert!(migrated(quiet).1.findings.is_empty());
    }

    #[test]
    fn a_qualified_path_rewrites_only_its_trait() {
        let text = "use async_std::io;\nfn f<V: Ser, R>(v: V) {\n    <V as async_std::Serialize>::serialize(v);\n    let _: <R as async_std::io::Read>::Out = todo!();\n    <R as ::async_std::io::Read>::read(v);\n    let <R as io::Read>::Out { .. } = v;\n}\n";
        let (out, _) = migrated(text);
        assert!(syn::parse_file(&out).is_ok(), "{out}");
        // async-std has no `Serialize`: not its item, left as written.
        assert!(
            out.contains("<V as async_std::Serialize>::serialize(v);"),
            "{out}"
        );
        assert!(out.contains("<R as smol::io::AsyncRead>::Out"), "{out}");
        assert!(out.contains("<R as smol::io::AsyncRead>::read(v)"), "{out}");
        let (again, _) = migrated(&out);
        assert_eq!(again, out);
    }
}

#[cfg(test)]
mod alias_tests {
    use super::*;
    use crate::edit::apply;

    #[test]
    fn an_extern_crate_alias_names_async_std_in_use_items_and_paths() {
        let text = "extern crate async_std as rt;\nuse rt::task;\nfn f() {\n    task::spawn(async {});\n    rt::task::spawn(async {});\n}\n";
        let migration = migrate(text, &["async_std".to_string()]).unwrap();
        let out = apply(text, &migration.edits).unwrap();
        assert_eq!(
            out,
            "fn f() {\n    smol::spawn(async {}).detach();\n    smol::spawn(async {}).detach();\n}\n"
        );
    }
}
