//! Rewrites of call shapes: what a path rename cannot express.
//!
//! - `task::sleep(d)`: smol's `Timer::after(d)` resolves to an `Instant`, not `()`;
//!   where the value is used, the call is wrapped so that it stays `()`.
//! - method calls of async-std's extension traits and types, found by method name while
//!   the trait or type is in scope (syn has no types, so each such rewrite says in the
//!   report that it rests on that inference): `race` -> `or`, `join` -> `zip`,
//!   `by_ref()` -> `&mut`, methods futures-lite lacks -> the shim's trait,
//!   `BufWriter::into_inner` -> flush first, async `Path` methods -> `smol::fs`,
//!   `rx.next().await` on a channel -> `rx.recv().await.ok()`;
//! - `write!`/`writeln!` awaited on an async writer -> `write_all(format!(..))`;
//! - async-std's `println!`-like macros -> std's, without `.await`;
//! - `io::stdout()`/`stderr()` -> `smol::Unblock::new(..)` where the code flushes.

use syn::spanned::Spanned;

use super::Rewriter;
use crate::diagnostic::Severity;
use crate::edit::Edit;
use crate::rules::{self, Action};

/// Said of every rewrite that rests on a method's name rather than its type.
const INFERENCE: &str = "this rests on the method name and the async-std traits or types \
                         the file imports (the tool sees no types)";

/// Fallback methods that return a stream or future adapter: rewritten wherever they are
/// called. The others return a future and are only rewritten where awaited, since
/// their names (`eq`, `max`, `sum`...) are common elsewhere.
const ADAPTERS: &[&str] = &[
    "merge", "throttle", "delay", "timeout", "try_race", "flatten",
];

/// Whether a receiver is a stream or a future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Stream,
    Future,
}

const STREAM_EXT: &str = "async_std::stream::StreamExt";
const FUTURE_EXT: &str = "async_std::prelude::FutureExt";

/// The methods of async-std 1.13.2's extension traits, as the table keys them.
const TRAIT_METHODS: &[(&str, &[&str])] = &[
    (
        STREAM_EXT,
        &[
            "next",
            "take",
            "take_while",
            "throttle",
            "step_by",
            "chain",
            "cloned",
            "copied",
            "cycle",
            "enumerate",
            "delay",
            "map",
            "inspect",
            "last",
            "fuse",
            "filter",
            "flat_map",
            "flatten",
            "filter_map",
            "min_by_key",
            "max_by_key",
            "min_by",
            "max",
            "min",
            "max_by",
            "nth",
            "all",
            "find",
            "find_map",
            "fold",
            "partition",
            "for_each",
            "any",
            "by_ref",
            "scan",
            "skip_while",
            "skip",
            "timeout",
            "try_fold",
            "try_for_each",
            "zip",
            "unzip",
            "collect",
            "merge",
            "partial_cmp",
            "position",
            "cmp",
            "count",
            "ne",
            "ge",
            "eq",
            "gt",
            "le",
            "lt",
            "sum",
            "product",
        ],
    ),
    (
        FUTURE_EXT,
        &[
            "delay", "flatten", "race", "try_race", "join", "try_join", "timeout",
        ],
    ),
    (
        "async_std::io::ReadExt",
        &[
            "read",
            "read_vectored",
            "read_to_end",
            "read_to_string",
            "read_exact",
            "take",
            "by_ref",
            "bytes",
            "chain",
        ],
    ),
    (
        "async_std::io::WriteExt",
        &["write", "flush", "write_vectored", "write_all", "write_fmt"],
    ),
    (
        "async_std::io::BufReadExt",
        &["read_until", "read_line", "lines", "split"],
    ),
    ("async_std::io::SeekExt", &["seek"]),
];

/// StreamExt methods that return a stream: a receiver built by one is a stream.
const STREAM_ADAPTERS: &[&str] = &[
    "take_while",
    "throttle",
    "step_by",
    "chain",
    "cloned",
    "copied",
    "cycle",
    "enumerate",
    "map",
    "inspect",
    "filter",
    "flat_map",
    "filter_map",
    "scan",
    "skip_while",
    "skip",
    "zip",
    "merge",
];

/// Types whose methods have rules of their own, looked for when the file names them.
const TYPES_WITH_METHOD_RULES: &[&str] = &[
    "async_std::io::BufWriter",
    "async_std::task::JoinHandle",
    "async_std::net::TcpListener",
    "async_std::net::ToSocketAddrs",
];

impl Rewriter<'_> {
    /// Records the `sleep(d).await;` statements of `block`, whose `()` nobody uses.
    pub(super) fn find_discarded_sleeps(&mut self, block: &syn::Block) {
        for statement in &block.stmts {
            let expr = match statement {
                syn::Stmt::Expr(expr, Some(_)) => expr,
                syn::Stmt::Local(local) if matches!(local.pat, syn::Pat::Wild(_)) => {
                    match &local.init {
                        Some(init) => &*init.expr,
                        None => continue,
                    }
                }
                _ => continue,
            };
            if let syn::Expr::Await(awaited) = expr {
                if let syn::Expr::Call(call) = &*awaited.base {
                    if self.call_action(call) == Some(Action::Sleep) {
                        let start = self.range(call.span()).start;
                        self.sleeps_discarded.insert(start);
                    }
                }
            }
        }
    }

    fn call_action(&self, call: &syn::ExprCall) -> Option<Action> {
        let syn::Expr::Path(func) = &*call.func else {
            return None;
        };
        self.rule_of(&func.path).map(|rule| rule.action)
    }

    fn inference_note(&mut self, offset: usize, rule: &'static str, what: String) {
        self.note(offset, rule, format!("{what}; {INFERENCE}"));
    }

    /// Rewrites around an `.await`. Returns `true` when the whole expression was
    /// replaced, so that nothing inside it may be edited again.
    pub(super) fn rewrite_awaited(&mut self, expr: &syn::ExprAwait) -> bool {
        let whole = self.range(expr.span());
        match &*expr.base {
            syn::Expr::MethodCall(call) => {
                let start = self.range(call.method.span()).start;
                self.awaited.insert(start, whole.end);
                false
            }
            syn::Expr::Call(call) => {
                let start = self.range(call.span()).start;
                self.awaited.insert(start, whole.end);
                if let Some(Action::SyncCall(_)) = self.call_action(call) {
                    // Synchronous in smol: the `.await` goes.
                    let end = self.range(call.span()).end;
                    self.edits
                        .push(Edit::replace(end..whole.end, "", "sync-call"));
                }
                if self.call_action(call) == Some(Action::Sleep)
                    && !self.sleeps_discarded.contains(&start)
                {
                    self.edits
                        .push(Edit::insert(whole.start, "{ ", "task::sleep"));
                    self.edits
                        .push(Edit::insert(whole.end, "; }", "task::sleep"));
                    self.rewrites.push("task::sleep");
                    self.note(
                        whole.start,
                        "task::sleep",
                        "`smol::Timer::after(d).await` is an `Instant`; the block keeps the `()` \
                         that async-std's `sleep` gave",
                    );
                }
                false
            }
            syn::Expr::Macro(mac) => self.rewrite_awaited_macro(&mac.mac, whole),
            _ => false,
        }
    }

    fn rewrite_awaited_macro(&mut self, mac: &syn::Macro, whole: std::ops::Range<usize>) -> bool {
        let rule = self.rule_of(&mac.path);
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        // `write!(w, ..).await` calls `w.write_fmt(..)`, which async-std code gets from
        // its WriteExt: only then is it an async-std write.
        let is_std_write = mac.path.segments.len() == 1
            && matches!(name.as_deref(), Some("write" | "writeln"))
            && self
                .survey
                .traits
                .iter()
                .any(|t| t == "async_std::io::WriteExt");
        if let Some(rule) = rule {
            if let Action::PrintMacro(to) = rule.action {
                let end = self.range(mac.delimiter.span().close()).end;
                self.edits
                    .push(Edit::replace(end..whole.end, "", rule.id()));
                self.rewrites.push(rule.id());
                self.note(
                    whole.start,
                    rule.id(),
                    format!("`{to}!` prints at once; async-std's printed when awaited"),
                );
                return false;
            }
        }
        let is_write = is_std_write || rule.is_some_and(|rule| rule.action == Action::WriteFmt);
        if !is_write {
            return false;
        }
        let newline = name.as_deref() == Some("writeln");
        const RULE: &str = "io::WriteExt::write_fmt";
        // Split the arguments at the first comma outside groups.
        let tokens: Vec<proc_macro2::TokenTree> = mac.tokens.clone().into_iter().collect();
        let comma = tokens.iter().position(
            |token| matches!(token, proc_macro2::TokenTree::Punct(p) if p.as_char() == ','),
        );
        let (writer, rest) = match comma {
            Some(index) => (&tokens[..index], &tokens[index + 1..]),
            None => (&tokens[..], &tokens[..0]),
        };
        // The writer goes outside the macro, where it must be an expression (inside,
        // any tokens parse). Where the macro is left as it is, its arguments are still
        // visited as any macro's are (`false`).
        let writer_tokens: proc_macro2::TokenStream = writer.iter().cloned().collect();
        if !writer.is_empty() && syn::parse2::<syn::Expr>(writer_tokens).is_err() {
            self.hazard(
                whole.start,
                RULE,
                "the writer of this `write!` is not an expression; left as it is",
            );
            return false;
        }
        let range_of = |tokens: &[proc_macro2::TokenTree]| -> Option<std::ops::Range<usize>> {
            let first = self.range(tokens.first()?.span()).start;
            let last = self.range(tokens.last()?.span()).end;
            (first <= last && last <= self.text.len()).then_some(first..last)
        };
        let Some(writer) = range_of(writer) else {
            self.hazard(
                whole.start,
                RULE,
                "`write!` without a writer; left as it is",
            );
            return false;
        };
        let rest = range_of(rest);
        if !newline && rest.is_none() {
            self.hazard(
                whole.start,
                RULE,
                "`write!` without a format string; left as it is",
            );
            return false;
        }
        let simple = self.text[writer.clone()]
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        let (open, close) = if simple { ("", "") } else { ("(", ")") };
        // `write!(w, args).await` -> `w.write_all(format!(args).as_bytes()).await`, in
        // edits around the writer and the arguments, which stay where they are and are
        // migrated as any code is.
        self.edits
            .push(Edit::replace(whole.start..writer.start, open, RULE));
        match rest {
            Some(rest) => {
                let format = if newline {
                    "format!(\"{}\\n\", format_args!("
                } else {
                    "format!("
                };
                self.edits.push(Edit::replace(
                    writer.end..rest.start,
                    format!("{close}.write_all({format}"),
                    RULE,
                ));
                let end = if newline { "))" } else { ")" };
                self.edits.push(Edit::replace(
                    rest.end..whole.end,
                    format!("{end}.as_bytes()).await"),
                    RULE,
                ));
            }
            None => self.edits.push(Edit::replace(
                writer.end..whole.end,
                format!("{close}.write_all(b\"\\n\").await"),
                RULE,
            )),
        }
        self.visit_macro_arguments(mac);
        self.rewrites.push(RULE);
        self.note(
            whole.start,
            RULE,
            "futures-lite's AsyncWriteExt has no `write_fmt`: the text is formatted first and \
             written with `write_all`, as async-std's `write_fmt` did",
        );
        true
    }

    /// Inserts `text` at the start of a method call's receiver. A call nested in the
    /// receiver (`s.by_ref().take(2).by_ref()`) opens at the same place, outer first;
    /// the same text twice there is merged into one edit, since `edit::apply` counts
    /// identical edits once.
    fn open_receiver(&mut self, at: usize, text: String, rule: &'static str) {
        let existing = self.edits.iter_mut().find(|edit| {
            edit.range == (at..at) && edit.rule == rule && edit.replacement.ends_with(&text)
        });
        match existing {
            Some(edit) => edit.replacement.push_str(&text),
            None => self.edits.push(Edit::insert(at, text, rule)),
        }
    }

    /// Rewrites of a call by the rule of its function.
    pub(super) fn rewrite_call(&mut self, call: &syn::ExprCall, rule: &'static rules::Rule) {
        let range = self.range(call.span());
        match rule.action {
            Action::Sleep if !self.awaited.contains_key(&range.start) => {
                // `{ let timer = smol::Timer::after(d); async move { timer.await; } }`,
                // in two insertions so that the path inside keeps its own edit.
                self.edits
                    .push(Edit::insert(range.start, "{ let timer = ", rule.id()));
                self.edits.push(Edit::insert(
                    range.end,
                    "; async move { timer.await; } }",
                    rule.id(),
                ));
                self.rewrites.push(rule.id());
                self.note(
                    range.start,
                    rule.id(),
                    "the sleep future is used as a value: wrapped in a future of `()`, since \
                     smol's `Timer` resolves to an `Instant`; its clock starts when it is \
                     created, where async-std's started at the first poll",
                );
            }
            Action::FlushOnDrop(expression)
                if expression.contains('(') && self.survey.flush_is_visible() =>
            {
                if !call.args.is_empty() {
                    return;
                }
                if let syn::Expr::Path(func) = &*call.func {
                    let start = self.range(func.path.span()).start;
                    self.skip_paths.insert(start);
                }
                self.edits
                    .push(Edit::replace(range.clone(), expression, rule.id()));
                self.rewrites.push(rule.id());
                self.note(
                    range.start,
                    rule.id(),
                    "smol's `Unblock` writer loses unflushed output at exit where async-std's \
                     flushed; the file flushes, so make sure every path does before exiting",
                );
            }
            Action::Timeout {
                wraps_output,
                message,
            } => self.rewrite_timeout(call, rule, wraps_output, message),
            _ if rule.item == "async_std::task::spawn_local" => self.hazard(
                range.start,
                rule.id(),
                "async-std-compat's `spawn_local` tasks run only while the shim's \
                 `task::block_on` drives this thread: this file's `block_on` calls and entry \
                 points use it, but a `smol::block_on` elsewhere would never run the task",
            ),
            _ => {}
        }
    }

    /// `timeout(d, f).await` becomes `smol::future::or(async { Ok(f.await) },
    /// async { smol::Timer::after(d).await; Err(TimedOut) }).await` (`f` as it is for
    /// `io::timeout`): the future is polled first and the timer starts at the first
    /// poll, as in async-std. That form needs `d` to be a plain expression (its text
    /// moves after `f`'s). A call that is not awaited on the spot (stored, passed to
    /// `spawn`, adapted further), or whose `d` is not plain, binds both first, in their
    /// order, so that what they borrow or move is as before: `{ let (duration, future) = (d, f);
    /// smol::future::or(async move { Ok(future.await) }, async move {
    /// smol::Timer::after(duration).await; Err(TimedOut) }) }`.
    fn rewrite_timeout(
        &mut self,
        call: &syn::ExprCall,
        rule: &'static rules::Rule,
        wraps_output: bool,
        message: &str,
    ) {
        // `FutureExt::timeout(f, d)`, the method called as a function: its arguments
        // come the other way round; the shim's.
        if rule.item.contains("Ext::") {
            return;
        }
        let range = self.range(call.span());
        if self.survey.keeps_timeouts(wraps_output) || call.args.len() != 2 {
            return;
        }
        let syn::Expr::Path(func) = &*call.func else {
            return;
        };
        let (duration, future) = (&call.args[0], &call.args[1]);
        // The short form moves the duration's text after the future's.
        let short_form =
            self.awaited.contains_key(&range.start) && self.is_plain_expression(duration);
        let duration_range = self.range(duration.span());
        let future_range = self.range(future.span());
        // The text between the pieces is the callee, `(`, `,` and `)`: no comment
        // may be lost with it.
        let gaps = [
            range.start..duration_range.start,
            duration_range.end..future_range.start,
            future_range.end..range.end,
        ];
        if gaps.iter().any(|gap| {
            self.text[gap.clone()].contains("//") || self.text[gap.clone()].contains("/*")
        }) {
            return;
        }
        self.skip_paths.insert(self.range(func.path.span()).start);
        let id = rule.id();
        if !short_form {
            let (open, close) = self.parenthesised_before_a_method(range.end);
            self.edits.push(Edit::replace(
                range.start..duration_range.start,
                format!("{open}{{ let (duration, future) = ("),
                id,
            ));
            let or = bound_timeout(wraps_output, "smol::Timer::after(duration)", message);
            self.edits.push(Edit::replace(
                future_range.end..range.end,
                format!("); {or} }}{close}"),
                id,
            ));
            self.rewrites.push(id);
            self.note(
                range.start,
                id,
                "the timeout is smol's `future::or` with a `Timer`, the duration and the future \
                 bound first as the call evaluated them; its error is a `TimedOut` `io::Error` \
                 (same message)",
            );
            return;
        }
        let (timer_open, timer_close) = timer_branch(message);
        let timer = format!(
            "{timer_open}{}{timer_close}",
            &self.text[duration_range.clone()]
        );
        let (open, close) = if wraps_output {
            let (ok_open, ok_close) = awaited_in_ok(future);
            (
                format!("smol::future::or({ok_open}"),
                format!("{ok_close}, {timer})"),
            )
        } else {
            ("smol::future::or(".to_string(), format!(", {timer})"))
        };
        self.edits
            .push(Edit::replace(range.start..future_range.start, open, id));
        self.edits
            .push(Edit::replace(future_range.end..range.end, close, id));
        self.rewrites.push(id);
        self.note(
            range.start,
            id,
            if wraps_output {
                "the timeout is smol's `future::or` with a `Timer`: its error is now a \
                 `TimedOut` `io::Error` (same message) instead of `TimeoutError`"
            } else {
                "the timeout is smol's `future::or` with a `Timer`, with the same `TimedOut` error"
            },
        );
    }

    /// Parentheses for a block that replaces the expression ending at `end`, where a
    /// method call or `?` follows it (a block followed by `.` would end a statement):
    /// `("(", ")")`, else empty.
    fn parenthesised_before_a_method(&self, end: usize) -> (&'static str, &'static str) {
        if self.text[end..].trim_start().starts_with(['.', '?']) {
            ("(", ")")
        } else {
            ("", "")
        }
    }

    /// `TcpStream::from(std_stream)` on an async-std socket that moves to smol: see
    /// [`rules::net::FROM_STD_SOCKET`].
    pub(super) fn rewrite_socket_from_std(&mut self, call: &syn::ExprCall, func: &syn::Path) {
        let Some(canonical) = self.canonical_path(func) else {
            return;
        };
        let Some((last, owner)) = canonical.split_last() else {
            return;
        };
        if last != "from" || call.args.len() != 1 {
            return;
        }
        let owner_path = owner.join("::");
        let Some((_, message)) = rules::net::FROM_STD_SOCKET
            .iter()
            .find(|(socket, _)| *socket == owner_path)
        else {
            return;
        };
        let (super::Target::Smol(smol_type), Some(rule)) = super::target_of(owner, &self.survey)
        else {
            return;
        };
        let path = self.range(func.span());
        let end = self.range(call.span()).end;
        self.skip_paths.insert(path.start);
        let id = rule.id();
        self.edits.push(Edit::replace(
            path,
            format!(
                "<{} as std::convert::TryFrom<_>>::try_from",
                smol_type.join("::")
            ),
            id,
        ));
        self.edits
            .push(Edit::insert(end, format!(".expect({message:?})"), id));
        self.rewrites.push(id);
        self.note(
            self.range(call.span()).start,
            id,
            "async-net converts a std socket with `TryFrom`, where async-std's `From` \
             panicked on failure: `try_from(..).expect(..)` keeps the value and the panic",
        );
    }

    /// Whether `expr` can be moved as text without losing an edit: literals, paths
    /// that are not async-std's, and calls, fields and operators over those.
    fn is_plain_expression(&self, expr: &syn::Expr) -> bool {
        match expr {
            syn::Expr::Lit(_) => true,
            syn::Expr::Path(path) => {
                path.qself.is_none() && self.canonical_path(&path.path).is_none()
            }
            syn::Expr::Field(field) => self.is_plain_expression(&field.base),
            syn::Expr::Paren(inner) => self.is_plain_expression(&inner.expr),
            syn::Expr::Reference(inner) => self.is_plain_expression(&inner.expr),
            syn::Expr::Unary(inner) => self.is_plain_expression(&inner.expr),
            syn::Expr::Cast(cast) => self.is_plain_expression(&cast.expr),
            syn::Expr::Binary(binary) => {
                self.is_plain_expression(&binary.left) && self.is_plain_expression(&binary.right)
            }
            syn::Expr::Call(call) => {
                matches!(&*call.func, syn::Expr::Path(func)
                    if func.qself.is_none() && self.canonical_path(&func.path).is_none())
                    && call.args.iter().all(|arg| self.is_plain_expression(arg))
            }
            syn::Expr::MethodCall(call) => {
                self.is_plain_expression(&call.receiver)
                    && call.turbofish.is_none()
                    && self
                        .method_rules(&call.method.to_string(), &call.receiver)
                        .is_empty()
                    && call.args.iter().all(|arg| self.is_plain_expression(arg))
            }
            _ => false,
        }
    }

    /// The rules that may apply to a method call named `name` on `receiver`: those of
    /// the async-std traits in scope that have such a method (the trait's own rule when
    /// the method moves with it), narrowed by what the receiver visibly is (a stream or
    /// a future), and those of the async-std types the file names.
    fn method_rules(&self, name: &str, receiver: &syn::Expr) -> Vec<&'static rules::Rule> {
        let kind = self.receiver_kind(receiver);
        let mut found: Vec<&'static rules::Rule> = Vec::new();
        let mut push = |rule: &'static rules::Rule| {
            if !found.contains(&rule) {
                found.push(rule);
            }
        };
        for owner in &self.survey.traits {
            let Some((_, methods)) = TRAIT_METHODS.iter().find(|(t, _)| t == owner) else {
                continue;
            };
            if !methods.contains(&name) {
                continue;
            }
            let skip = match kind {
                Some(Kind::Stream) => owner == FUTURE_EXT,
                Some(Kind::Future) => owner == STREAM_EXT,
                // `flatten` is common on iterators and options; a future's is only
                // taken for one when the receiver is visibly a future.
                None => owner == FUTURE_EXT && name == "flatten",
            };
            if skip {
                continue;
            }
            let method = format!("{owner}::{name}");
            if let Some(rule) = rules::covering(&method) {
                push(rule);
            }
        }
        let mut types: Vec<&str> = TYPES_WITH_METHOD_RULES
            .iter()
            .copied()
            .filter(|owner| self.survey.names(owner))
            .collect();
        if !self.imports.items.is_empty() || !self.survey.named.is_empty() {
            types.push("async_std::path::Path");
        }
        for owner in types {
            let path: Vec<String> = owner
                .split("::")
                .map(str::to_string)
                .chain(std::iter::once(name.to_string()))
                .collect();
            if let Some(rule) = rules::lookup(&path) {
                push(rule);
            }
        }
        found
    }

    /// Whether `expr` is visibly a stream or a future: built by async-std's `stream` or
    /// `future` functions, an `async` block, or the result of an adapter that only one
    /// of the two has.
    fn receiver_kind(&self, expr: &syn::Expr) -> Option<Kind> {
        match expr {
            syn::Expr::Paren(paren) => self.receiver_kind(&paren.expr),
            syn::Expr::Async(_) => Some(Kind::Future),
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return None;
                };
                let canonical = self.canonical_path(&func.path)?.join("::");
                if canonical.starts_with("async_std::stream::") {
                    Some(Kind::Stream)
                } else if canonical.starts_with("async_std::future::")
                    || canonical == "async_std::task::sleep"
                {
                    Some(Kind::Future)
                } else {
                    None
                }
            }
            syn::Expr::MethodCall(call) => {
                let method = call.method.to_string();
                let only_in = |owner: &str| {
                    TRAIT_METHODS
                        .iter()
                        .filter(|(_, methods)| methods.contains(&method.as_str()))
                        .all(|(t, _)| *t == owner)
                };
                if STREAM_ADAPTERS.contains(&method.as_str()) && only_in(STREAM_EXT) {
                    Some(Kind::Stream)
                } else if ["race", "try_race", "join", "try_join"].contains(&method.as_str()) {
                    Some(Kind::Future)
                } else if [
                    "delay", "timeout", "flatten", "fuse", "chain", "take", "by_ref",
                ]
                .contains(&method.as_str())
                {
                    // The same kind as what it adapts.
                    self.receiver_kind(&call.receiver)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Rewrites one method call by the rules its name may stand for.
    pub(super) fn rewrite_method_call(&mut self, call: &syn::ExprMethodCall) {
        let name = call.method.to_string();
        let method = self.range(call.method.span());
        let awaited = self.awaited.get(&method.start).copied();
        let receiver = self.range(call.receiver.span());
        let dot = self.range(call.dot_token.span);
        let open = self.range(call.paren_token.span.open());
        let close = self.range(call.paren_token.span.close());
        let receiver_ident = match &*call.receiver {
            syn::Expr::Path(path) if path.qself.is_none() => {
                path.path.get_ident().map(|ident| ident.to_string())
            }
            _ => None,
        };

        if name == "next" && call.args.is_empty() {
            if let Some(end) = awaited {
                let field = match &*call.receiver {
                    syn::Expr::Field(field) => match &field.member {
                        syn::Member::Named(name) => Some(name.to_string()),
                        syn::Member::Unnamed(_) => None,
                    },
                    _ => None,
                };
                let known = match (&receiver_ident, &field) {
                    (Some(name), _) => self.survey.receivers.contains(name),
                    (None, Some(field)) => self.survey.receiver_fields.contains(field),
                    (None, None) => false,
                };
                self.rewrite_channel_next(
                    receiver_ident.as_deref(),
                    known,
                    method.start,
                    close.end,
                    end,
                );
            }
            return;
        }

        let mut candidates = self.method_rules(&name, &call.receiver);
        // `x.timeout(d).await`: a stream adapter gives a stream, which cannot be
        // awaited, so an awaited adapter is the future's.
        if awaited.is_some() && ADAPTERS.contains(&name.as_str()) {
            let stream_method = format!("{STREAM_EXT}::{name}");
            if candidates.iter().any(|rule| rule.item != stream_method) {
                candidates.retain(|rule| rule.item != stream_method);
            }
        }
        let Some(&rule) = candidates.first() else {
            return;
        };
        let ambiguous = candidates.iter().any(|other| {
            other.action != rule.action || (rule.action == Action::Fallback && other != &rule)
        });
        if ambiguous {
            // `builder = builder.timeout(d)`: the same type as its receiver, so no
            // future's or stream's adapter.
            if self.self_assigned.contains(&method.start) {
                return;
            }
            if awaited.is_some() || ADAPTERS.contains(&name.as_str()) {
                let names: Vec<&str> = candidates.iter().map(|rule| rule.item).collect();
                self.hazard(
                    method.start,
                    rule.id(),
                    format!(
                        "`.{name}(..)` may be any of {}, which migrate differently; rewrite it by hand",
                        names.join(", ")
                    ),
                );
            }
            return;
        }
        let id = rule.id();
        match rule.action {
            Action::MethodRename(to) if call.args.len() == 1 => {
                self.edits.push(Edit::replace(method.clone(), to, id));
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    format!("`.{name}(..)` became `.{to}(..)`: {}", rule.note),
                );
            }
            Action::MethodToFunction(function) if awaited.is_some() => {
                self.method_as_function(call, function, receiver.start, dot.start, open.end, id);
                self.inference_note(
                    method.start,
                    id,
                    format!("`.{name}(..)` became `{function}(..)`"),
                );
            }
            // `f.timeout(d).await`: the same form as `future::timeout(d, f)`, with `d`
            // left in place.
            Action::Timeout {
                wraps_output,
                message,
            } if awaited.is_some()
                && call.args.len() == 1
                && !self.survey.keeps_timeouts(wraps_output) =>
            {
                let (ok_open, ok_close) = awaited_in_ok(&call.receiver);
                let (timer_open, timer_close) = timer_branch(message);
                self.edits.push(Edit::insert(
                    receiver.start,
                    format!("smol::future::or({ok_open}"),
                    id,
                ));
                self.edits.push(Edit::replace(
                    receiver.end..open.end,
                    format!("{ok_close}, {timer_open}"),
                    id,
                ));
                self.edits
                    .push(Edit::replace(close.clone(), format!("{timer_close})"), id));
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    "`.timeout(d)` became smol's `future::or` with a `Timer`: its error is now \
                     a `TimedOut` `io::Error` (same message) instead of `TimeoutError`"
                        .to_string(),
                );
            }
            // `f.timeout(d)` not awaited on the spot (stored, spawned, adapted): the
            // future and the timer are made where the call was, as async-std's
            // `TimeoutFuture::new` made its timer, then raced.
            Action::Timeout {
                wraps_output,
                message,
            } if call.args.len() == 1 && !self.survey.keeps_timeouts(wraps_output) => {
                let (paren_open, paren_close) = self.parenthesised_before_a_method(close.end);
                self.edits.push(Edit::insert(
                    receiver.start,
                    format!("{paren_open}{{ let (future, timer) = ("),
                    id,
                ));
                self.edits.push(Edit::replace(
                    receiver.end..open.end,
                    ", smol::Timer::after(",
                    id,
                ));
                let or = bound_timeout(wraps_output, "timer", message);
                self.edits.push(Edit::replace(
                    close.clone(),
                    format!(")); {or} }}{paren_close}"),
                    id,
                ));
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    "`.timeout(d)` became smol's `future::or` with a `Timer` made where the call \
                     was: its error is now a `TimedOut` `io::Error` (same message) instead of \
                     `TimeoutError`"
                        .to_string(),
                );
            }
            Action::Fallback | Action::Timeout { .. }
                if awaited.is_some() || ADAPTERS.contains(&name.as_str()) =>
            {
                let owner: Vec<String> = rule
                    .item
                    .split("::")
                    .map(str::to_string)
                    .collect::<Vec<_>>()
                    .split_last()
                    .map(|(_, owner)| owner.to_vec())
                    .unwrap_or_default();
                let function = format!("{}::{name}", rules::fallback_path(&owner));
                self.method_as_function(call, &function, receiver.start, dot.start, open.end, id);
                self.needs_shim = true;
                self.findings.push(super::Finding {
                    offset: method.start,
                    severity: Severity::Fallback,
                    rule: id,
                    message: format!(
                        "`.{name}(..)` now comes from async-std-compat (`{function}`): {}; {INFERENCE}",
                        rule.note
                    ),
                });
            }
            // `w.write_fmt(format_args!(..)).await`: futures-lite has no `write_fmt`;
            // async-std's formatted into a string and wrote it all.
            Action::WriteFmt if call.args.len() == 1 && awaited.is_some() => {
                self.edits
                    .push(Edit::replace(method.clone(), "write_all", id));
                let argument = &call.args[0];
                let whole = self.range(argument.span());
                match argument {
                    syn::Expr::Macro(mac) if mac.mac.path.is_ident("format_args") => {
                        let path = self.range(mac.mac.path.span());
                        self.edits.push(Edit::replace(path, "format", id));
                        self.edits.push(Edit::insert(whole.end, ".as_bytes()", id));
                    }
                    _ => {
                        self.edits
                            .push(Edit::insert(whole.start, "std::fmt::format(", id));
                        self.edits.push(Edit::insert(whole.end, ").as_bytes()", id));
                    }
                }
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    "`.write_fmt(..)` became `.write_all(format!(..).as_bytes())`, as async-std \
                     wrote it"
                        .to_string(),
                );
            }
            Action::ByRef if call.args.is_empty() => {
                self.open_receiver(receiver.start, "(&mut ".to_string(), id);
                self.edits
                    .push(Edit::replace(dot.start..close.end, ")", id));
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    "`.by_ref()` became `&mut`, which is a reader or stream too".to_string(),
                );
            }
            Action::FlushThenIntoInner if call.args.is_empty() => {
                let Some(end) = awaited else { return };
                let Some(writer) = receiver_ident else {
                    self.hazard(
                        method.start,
                        id,
                        "futures-lite's `BufWriter::into_inner` neither flushes nor is async: \
                         flush the writer before this call, then drop the `.await`",
                    );
                    return;
                };
                self.edits.push(Edit::replace(
                    receiver.start..end,
                    format!(
                        "{{ let mut {writer} = {writer}; smol::io::AsyncWriteExt::flush(&mut {writer}).await.map(|()| {writer}.into_inner()) }}"
                    ),
                    id,
                ));
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    "futures-lite's `into_inner` does not flush: the writer is flushed first, \
                     and the error is now the flush's `io::Error`"
                        .to_string(),
                );
            }
            Action::PathMethod(function, then) if call.args.is_empty() => {
                let Some(end) = awaited else { return };
                if name == "metadata"
                    && receiver_ident
                        .as_ref()
                        .is_some_and(|receiver| self.survey.file_bindings.contains(receiver))
                {
                    // `File::metadata`: async in smol too.
                    return;
                }
                // A `File` or `DirEntry` of any crate (smol's too, so that a second run
                // decides as the first did) has a `metadata` method of its own.
                let ambiguous = name == "metadata"
                    && (["async_std::fs::File", "async_std::fs::DirEntry"]
                        .iter()
                        .any(|item| self.survey.names(item))
                        || ["File", "DirEntry"]
                            .iter()
                            .any(|type_name| self.bare_names.mentions(type_name)));
                if ambiguous {
                    self.hazard(
                        method.start,
                        id,
                        "if this is an async-std `Path`, write `smol::fs::metadata(path).await`: \
                         std's `Path::metadata` blocks (File and DirEntry keep their async `metadata`)",
                    );
                    return;
                }
                self.open_receiver(receiver.start, format!("{function}(&"), id);
                self.edits
                    .push(Edit::replace(dot.start..close.end, ")", id));
                if !then.is_empty() {
                    self.edits.push(Edit::insert(end, then, id));
                }
                self.rewrites.push(id);
                self.inference_note(
                    method.start,
                    id,
                    format!(
                        "async-std's `Path::{name}` was async; std's blocks the executor, so the \
                         call goes through `{function}`"
                    ),
                );
            }
            Action::Report if awaited.is_some() || name != "try_fold" => {
                self.hazard(method.start, id, format!("`.{name}(..)`: {}", rule.note));
            }
            _ => {}
        }
    }

    /// `recv.name(args)` -> `function(recv, args)`, in edits that leave the receiver's
    /// and the arguments' text (and the edits inside them) alone.
    fn method_as_function(
        &mut self,
        call: &syn::ExprMethodCall,
        function: &str,
        receiver_start: usize,
        dot_start: usize,
        open_end: usize,
        id: &'static str,
    ) {
        let turbofish = call
            .turbofish
            .as_ref()
            .and_then(|turbofish| self.text.get(self.range(turbofish.span())))
            .unwrap_or_default()
            .to_string();
        self.edits.push(Edit::insert(
            receiver_start,
            format!("{function}{turbofish}("),
            id,
        ));
        let separator = if call.args.is_empty() { "" } else { ", " };
        self.edits
            .push(Edit::replace(dot_start..open_end, separator, id));
        self.rewrites.push(id);
    }

    /// `rx.next().await` where `rx` (a local or a struct field) visibly holds an
    /// async-std channel receiver (`known`); else a hazard when the file uses channels.
    fn rewrite_channel_next(
        &mut self,
        receiver: Option<&str>,
        known: bool,
        method_start: usize,
        close_end: usize,
        await_end: usize,
    ) {
        const RULE: &str = "channel::Receiver";
        if known {
            self.edits
                .push(Edit::replace(method_start..close_end, "recv()", RULE));
            self.edits.push(Edit::insert(await_end, ".ok()", RULE));
            self.rewrites.push(RULE);
            self.note(
                method_start,
                RULE,
                "smol's channel `Receiver` is not `Unpin`, so `next()` does not compile on it; \
                 `recv().await.ok()` gives the same `None` once the channel is closed and empty",
            );
        } else if self.survey.names("async_std::channel")
            && !receiver.is_some_and(|name| self.survey.not_receivers.contains(name))
        {
            self.hazard(
                method_start,
                RULE,
                "if this is a channel receiver, smol's is not `Unpin`: write \
                 `recv().await.ok()` instead of `next().await` (the receiver's origin is not \
                 visible here)",
            );
        }
    }

    /// A string literal that looks like one of async-std's own fs or net error
    /// messages (``could not open `path` ``): async-fs and async-net report the OS
    /// message instead, so code or tests that match the text change behaviour.
    pub(super) fn check_error_text(&mut self, literal: &syn::LitStr) {
        let value = literal.value();
        // async-std's messages are "could not <what> `<path>`" or "... to {}": the
        // text matches when it is one of them, or the start of one ("could not open").
        const WHAT: &[&str] = &[
            "open",
            "create directory",
            "create a hard link",
            "copy",
            "canonicalize",
            "read file",
            "read link",
            "read directory",
            "read line on stdin",
            "write to file",
            "remove file",
            "remove directory",
            "rename",
            "resolve",
            "connect to",
            "bind to",
            "send packet",
            "get peer address",
            "get local address",
        ];
        let looks_like_async_std = value.match_indices("could not ").any(|(at, _)| {
            let rest = &value[at + "could not ".len()..];
            WHAT.iter().any(|what| {
                rest.strip_prefix(what).is_some_and(|after| {
                    let after = after.trim_start();
                    after.is_empty()
                        || after.starts_with(['`', '{', '"', '\''])
                        || after.starts_with("to ")
                        || after.starts_with("address")
                        || after.starts_with("path")
                })
            })
        });
        if !looks_like_async_std {
            return;
        }
        let (fs, net) = (
            self.survey.names("async_std::fs"),
            self.survey.names("async_std::net"),
        );
        if !fs && !net {
            return;
        }
        let start = self.range(literal.span()).start;
        self.hazard(
            start,
            if fs { "fs" } else { "net" },
            "this text looks like one of async-std's own error messages (\"could not open \
             `..`\"); smol's fs and net errors carry the OS message instead (the kind is the \
             same), so match on `kind()` rather than on the text",
        );
    }

    /// A bare `task_local!` that came from `use async_std::prelude::*`.
    pub(super) fn rewrite_macro_path(&mut self, mac: &syn::Macro) {
        if !mac.path.is_ident("task_local") || self.imports.names.contains_key("task_local") {
            return;
        }
        let from_prelude = self
            .imports
            .globs
            .iter()
            .any(|glob| glob.join("::") == "async_std::prelude");
        if !from_prelude {
            return;
        }
        let canonical: Vec<String> = ["async_std", "task_local"].map(String::from).to_vec();
        let rule = rules::lookup(&canonical);
        let range = self.range(mac.path.span());
        self.edits.push(Edit::replace(
            range.clone(),
            "async_std_compat::task_local",
            "task_local",
        ));
        self.rewrites.push("task_local");
        self.needs_shim = true;
        self.report_fallback(range.start, &canonical, rule);
    }
}

/// The timer branch of smol's timeout, around its duration: `async {
/// smol::Timer::after(` d `).await; Err(TimedOut with message) }`.
fn timer_branch(message: &str) -> (&'static str, String) {
    (
        "async { smol::Timer::after(",
        format!(").await; Err(std::io::Error::new(std::io::ErrorKind::TimedOut, {message:?})) }}"),
    )
}

/// smol's timeout of a future bound to `future`, raced with the timer that `timer`
/// (an expression) gives: `smol::future::or(async move { Ok(future.await) }, async move
/// { timer.await; Err(TimedOut with message) })`, or with `future` itself as the first
/// branch where its output is already an `io::Result` (`io::timeout`).
fn bound_timeout(wraps_output: bool, timer: &str, message: &str) -> String {
    let future = if wraps_output {
        "async move { Ok(future.await) }"
    } else {
        "future"
    };
    format!(
        "smol::future::or({future}, async move {{ {timer}.await; \
         Err(std::io::Error::new(std::io::ErrorKind::TimedOut, {message:?})) }})"
    )
}

/// The future branch of smol's timeout, around the future `expr`: `async { Ok(`
/// expr `.await) }`, with parentheses where `.await` needs them.
fn awaited_in_ok(expr: &syn::Expr) -> (&'static str, &'static str) {
    if awaits_without_parentheses(expr) {
        ("async { Ok(", ".await) }")
    } else {
        ("async { Ok((", ").await) }")
    }
}

/// Whether `expr.await` needs no parentheses around `expr`.
fn awaits_without_parentheses(expr: &syn::Expr) -> bool {
    matches!(
        expr,
        syn::Expr::Path(_)
            | syn::Expr::MethodCall(_)
            | syn::Expr::Call(_)
            | syn::Expr::Async(_)
            | syn::Expr::Block(_)
            | syn::Expr::Field(_)
            | syn::Expr::Macro(_)
            | syn::Expr::Paren(_)
            | syn::Expr::Index(_)
            | syn::Expr::Await(_)
    )
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::edit::apply;
    use crate::source::migrate;

    fn migrated(text: &str) -> (String, Vec<(Severity, &'static str)>) {
        let migration = migrate(text, &["async_std".to_string()]).expect("parses");
        let out = apply(text, &migration.edits).expect("no conflict");
        let findings = migration
            .findings
            .iter()
            .map(|finding| (finding.severity, finding.rule))
            .collect();
        (out, findings)
    }

    #[test]
    fn a_receiver_of_unknown_origin_is_reported_not_rewritten() {
        let text = "use async_std::channel::Receiver;\nuse async_std::prelude::*;\nasync fn f() -> Option<u8> {\n    let mut rx = make();\n    rx.next().await\n}\n";
        let (out, findings) = migrated(text);
        assert!(out.contains("rx.next().await"), "{out}");
        assert_eq!(findings, [(Severity::Hazard, "channel::Receiver")]);
    }

    #[test]
    fn a_method_name_two_traits_migrate_differently_is_reported() {
        // `delay` is a fallback of both FutureExt and StreamExt, through different
        // traits of the shim: without a visible receiver, it is reported.
        let text = "use async_std::prelude::*;\nasync fn f(s: impl Stream<Item = u8>) {\n    let _ = s.delay(std::time::Duration::from_millis(1));\n}\n";
        let (out, findings) = migrated(text);
        assert!(out.contains("s.delay("), "{out}");
        assert_eq!(findings, [(Severity::Hazard, "prelude::FutureExt::delay")]);
    }

    #[test]
    fn flatten_is_a_futures_only_on_a_visible_future() {
        let text = "use async_std::prelude::*;\nasync fn f(v: Vec<Option<u8>>) -> u8 {\n    let n: Vec<u8> = v.into_iter().flatten().collect();\n    async { async { n[0] } }.flatten().await\n}\n";
        let (out, findings) = migrated(text);
        assert!(out.contains("v.into_iter().flatten().collect()"), "{out}");
        assert!(
            out.contains("async_std_compat::prelude::FutureExt::flatten(async { async { n[0] } })"),
            "{out}"
        );
        assert_eq!(
            findings,
            [(Severity::Fallback, "prelude::FutureExt::flatten")]
        );
    }

    #[test]
    fn an_unawaited_join_is_not_a_future_join() {
        let text = "use async_std::prelude::*;\nfn f(p: &std::path::Path) -> std::path::PathBuf {\n    p.join(\"x\")\n}\n";
        let (out, findings) = migrated(text);
        assert!(out.contains("p.join(\"x\")"), "{out}");
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn a_field_declared_as_a_receiver_is_rewritten() {
        let text = "use async_std::channel::Receiver;\nuse async_std::prelude::*;\nstruct S { rx: Receiver<u8> }\nasync fn f(s: &mut S) -> Option<u8> {\n    s.rx.next().await\n}\n";
        let (out, _) = migrated(text);
        assert!(out.contains("s.rx.recv().await.ok()"), "{out}");
    }

    #[test]
    fn methods_without_a_faithful_rewrite_are_reported_where_used() {
        let text = "use async_std::prelude::*;\nuse async_std::net::TcpListener;\nuse async_std::task::JoinHandle;\nasync fn f(s: impl Stream<Item = u8> + Unpin, h: JoinHandle<()>, l: TcpListener) {\n    let _ = s.try_fold(0u8, |a, b| Ok::<u8, ()>(a + b)).await;\n    let _ = h.task();\n    let _ = l.into_incoming();\n}\n";
        let (out, findings) = migrated(text);
        for kept in ["s.try_fold(", "h.task()", "l.into_incoming()"] {
            assert!(out.contains(kept), "{out}");
        }
        let hazards: Vec<&str> = findings
            .iter()
            .filter(|(severity, _)| *severity == Severity::Hazard)
            .map(|(_, rule)| *rule)
            .collect();
        assert_eq!(
            hazards,
            [
                "stream::StreamExt::try_fold",
                "task::JoinHandle::task",
                "net::TcpListener::into_incoming"
            ]
        );
    }

    #[test]
    fn write_on_a_sync_writer_is_left_alone() {
        let text = "use async_std::task;\nuse std::fmt::Write;\nfn f(s: &mut String) {\n    write!(s, \"x\").unwrap();\n    task::block_on(async {});\n}\n";
        let (out, _) = migrated(text);
        assert!(out.contains("write!(s, \"x\").unwrap();"), "{out}");
    }

    /// Found by the fuzzer: async-std paths in the arguments of a rewritten `write!`
    /// were copied as they were, so a second run still had work to do.
    #[test]
    fn write_arguments_are_migrated_too() {
        let text = "use async_std::io::{self, WriteExt};\nasync fn f(out: &mut (impl io::Write + Unpin)) -> io::Result<()> {\n    write!(out, \"{:?}\", async_std::task::current().id()).await?;\n    writeln!(out, \"{:?}\", async_std::task::current().id()).await?;\n    writeln!(async_std::io::stdout()).await?;\n    Ok(())\n}\n";
        let (out, _) = migrated(text);
        assert!(
            out.contains("out.write_all(format!(\"{:?}\", async_std_compat::task::current().id()).as_bytes()).await?;"),
            "{out}"
        );
        assert!(
            out.contains("out.write_all(format!(\"{}\\n\", format_args!(\"{:?}\", async_std_compat::task::current().id())).as_bytes()).await?;"),
            "{out}"
        );
        assert!(
            out.contains("(async_std_compat::io::stdout()).write_all(b\"\\n\").await?;"),
            "{out}"
        );
        let (again, _) = migrated(&out);
        assert_eq!(again, out);
    }

    /// Found by the fuzzer: nested `.by_ref()` calls both opened `(&mut ` at the start
    /// of the chain, and the two equal insertions counted once.
    #[test]
    fn nested_by_ref_calls_open_twice() {
        let text = "use async_std::prelude::*;\nasync fn f(s: impl Stream<Item = u8> + Unpin) {\n    let _ = s.by_ref().take(2).by_ref().take(1);\n}\n";
        let (out, _) = migrated(text);
        assert!(
            out.contains("let _ = (&mut (&mut s).take(2)).take(1);"),
            "{out}"
        );
        assert!(syn::parse_file(&out).is_ok(), "{out}");
    }

    /// Found by the fuzzer: the tokens before the first comma of `write!` were moved
    /// out of the macro, where they did not parse.
    #[test]
    fn a_write_whose_writer_is_not_an_expression_is_left_alone() {
        let text = "use async_std::io::{self, WriteExt};
async fn f(out: &mut Vec<u8>) -> io::Result<()> {
    write!(ou mod m {} t, \"x\").await?;
    write!(out, \"y\").await?;
    Ok(())
}
";
        let (out, findings) = migrated(text);
        assert!(syn::parse_file(&out).is_ok(), "{out}");
        assert!(
            out.contains("write!(ou mod m {} t, \"x\").await?;"),
            "{out}"
        );
        assert!(
            out.contains("out.write_all(format!(\"y\").as_bytes()).await?;"),
            "{out}"
        );
        assert!(findings.contains(&(Severity::Hazard, "io::WriteExt::write_fmt")));
    }
}
