//! Dropped task handles.
//!
//! Dropping an async-std `JoinHandle` detaches its task; dropping a smol `Task` cancels
//! it. So wherever the legacy code drops the handle of a spawned task, the migrated
//! code must call `.detach()`:
//!
//! - `spawn(f);` becomes `smol::spawn(f).detach();`
//! - `let _ = spawn(f);` becomes `smol::spawn(f).detach();`
//! - `drop(spawn(f));` becomes `smol::spawn(f).detach();`
//! - `let h = spawn(f);` with `h` never used again becomes `smol::spawn(f).detach();`
//!
//! A handle that is awaited (directly, or through a binding whose every use is
//! `.await` or `.cancel()`) needs nothing. Any other handle is reported as a hazard.

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::Rewriter;
use crate::edit::Edit;
use crate::rules::Action;

const RULE: &str = "task::spawn";

impl Rewriter<'_> {
    /// The spawn call `expr` is, through parentheses, if it is one.
    pub(super) fn spawn_call<'e>(&self, expr: &'e syn::Expr) -> Option<&'e syn::ExprCall> {
        match expr {
            syn::Expr::Paren(paren) => self.spawn_call(&paren.expr),
            syn::Expr::Call(call) => {
                let syn::Expr::Path(func) = &*call.func else {
                    return None;
                };
                // Kept the shim's for every cfg: async-std's handle, no `.detach()`.
                if self.through_cfg_shared_module(&func.path) {
                    return None;
                }
                let rule = self.rule_of(&func.path)?;
                // Spawns kept on the shim (their handles escape) need no `.detach()`.
                (matches!(rule.action, Action::Spawn(_)) && !self.survey.handles_escape)
                    .then_some(call)
            }
            _ => None,
        }
    }

    /// Looks at each statement of `block` for spawned tasks whose handle is dropped.
    pub(super) fn account_for_spawns(&mut self, block: &syn::Block) {
        for (index, statement) in block.stmts.iter().enumerate() {
            match statement {
                // `spawn(f);` and `drop(spawn(f));`
                syn::Stmt::Expr(expr, Some(_)) => {
                    if let Some(call) = self.spawn_call(expr) {
                        self.detach(call);
                    } else if let Some((drop_call, call)) = self.dropped_spawn(expr) {
                        let outer = self.range(drop_call.span());
                        let inner = self.range(call.span());
                        self.edits
                            .push(Edit::replace(outer.start..inner.start, "", RULE));
                        self.edits
                            .push(Edit::replace(inner.end..outer.end, "", RULE));
                        self.detach(call);
                    }
                }
                // `let _ = spawn(f);` and `let h = spawn(f);` with `h` unused.
                syn::Stmt::Local(local) => {
                    let Some(init) = &local.init else { continue };
                    if init.diverge.is_some() {
                        continue;
                    }
                    // `let mut handles = Vec::new();`, then `handles.push(spawn(f))`
                    // and `for h in handles { h.await; }`.
                    // Or `let handles = (0..n).map(|_| spawn(f));` with the same loop.
                    // (also `let handles: Vec<JoinHandle<T>> = ..`)
                    let pattern = match &local.pat {
                        syn::Pat::Type(typed) => &*typed.pat,
                        pattern => pattern,
                    };
                    if let syn::Pat::Ident(binding) = pattern {
                        if let Some(pushed) =
                            self.joined_collection(&binding.ident, &block.stmts[index + 1..])
                        {
                            let mapped = self.mapped_spawns(&init.expr);
                            for start in pushed.into_iter().chain(mapped) {
                                self.spawns_accounted.insert(start);
                            }
                        }
                    }
                    let Some(call) = self.spawn_call(&init.expr) else {
                        continue;
                    };
                    let dropped = match &local.pat {
                        syn::Pat::Wild(_) => true,
                        syn::Pat::Ident(binding) if binding.subpat.is_none() => {
                            match handle_uses(&binding.ident, &block.stmts[index + 1..]) {
                                HandleUses::None => true,
                                HandleUses::AwaitedOrCancelled => {
                                    let start = self.range(call.span()).start;
                                    self.spawns_accounted.insert(start);
                                    false
                                }
                                HandleUses::Other => false,
                            }
                        }
                        _ => false,
                    };
                    if dropped {
                        let start = self.range(local.span()).start;
                        let expr_start = self.range(init.expr.span()).start;
                        self.edits.push(Edit::replace(start..expr_start, "", RULE));
                        self.detach(call);
                    }
                }
                _ => {}
            }
        }
    }

    /// Where the spawn calls start that are the closure results of `expr`'s `.map(..)`
    /// adapters (`(0..n).map(|_| spawn(f)).collect()`, also inside the arguments of a
    /// function that collects them).
    fn mapped_spawns(&self, expr: &syn::Expr) -> Vec<usize> {
        // `collect(stream.map(|_| spawn(f)))`: a function that gathers the handles.
        if let syn::Expr::Call(call) = expr {
            return call
                .args
                .iter()
                .flat_map(|argument| self.mapped_spawns(argument))
                .collect();
        }
        let syn::Expr::MethodCall(call) = expr else {
            return Vec::new();
        };
        let mut found = self.mapped_spawns(&call.receiver);
        if call.method == "map" && call.args.len() == 1 {
            if let syn::Expr::Closure(closure) = &call.args[0] {
                let result = match &*closure.body {
                    syn::Expr::Block(block) => match block.block.stmts.last() {
                        Some(syn::Stmt::Expr(tail, None)) => Some(tail),
                        _ => None,
                    },
                    body => Some(body),
                };
                if let Some(spawn) = result.and_then(|result| self.spawn_call(result)) {
                    found.push(self.range(spawn.span()).start);
                }
            }
        }
        found
    }

    /// Where the spawn calls pushed into the collection `name` start, when every
    /// other use of `name` in `rest` awaits all its handles (`for h in name { h.await }`,
    /// `join_all(name)`); `None` otherwise.
    fn joined_collection(&self, name: &syn::Ident, rest: &[syn::Stmt]) -> Option<Vec<usize>> {
        struct Collection<'r, 'n, 'a> {
            rewriter: &'r Rewriter<'a>,
            name: &'n syn::Ident,
            pushed: Vec<usize>,
            joined: usize,
            other: usize,
        }
        impl<'ast> Visit<'ast> for Collection<'_, '_, '_> {
            fn visit_expr(&mut self, expr: &'ast syn::Expr) {
                let is_name = |expr: &syn::Expr| matches!(expr, syn::Expr::Path(path) if path.path.is_ident(self.name));
                match expr {
                    syn::Expr::MethodCall(call)
                        if call.method == "push"
                            && is_name(&call.receiver)
                            && call.args.len() == 1 =>
                    {
                        match self.rewriter.spawn_call(&call.args[0]) {
                            Some(spawn) => {
                                self.pushed.push(self.rewriter.range(spawn.span()).start);
                                syn::visit::visit_expr(self, &call.args[0]);
                            }
                            None => self.other += 1,
                        }
                        return;
                    }
                    syn::Expr::ForLoop(for_loop) if is_name(&for_loop.expr) => {
                        match &*for_loop.pat {
                            syn::Pat::Ident(handle)
                                if handle_uses(&handle.ident, &for_loop.body.stmts)
                                    == HandleUses::AwaitedOrCancelled =>
                            {
                                self.joined += 1
                            }
                            _ => self.other += 1,
                        }
                        return;
                    }
                    syn::Expr::Call(call)
                        if call.args.len() == 1
                            && is_name(&call.args[0])
                            && matches!(&*call.func, syn::Expr::Path(path)
                            if path.path.segments.last().is_some_and(|segment| {
                                segment.ident == "join_all" || segment.ident == "try_join_all"
                            })) =>
                    {
                        self.joined += 1;
                        return;
                    }
                    _ => {}
                }
                syn::visit::visit_expr(self, expr);
            }

            fn visit_ident(&mut self, ident: &'ast syn::Ident) {
                if ident == self.name {
                    self.other += 1;
                }
            }

            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                let (awaited, other) = token_uses(mac.tokens.clone(), self.name);
                self.other += awaited + other;
            }
        }
        let mut collection = Collection {
            rewriter: self,
            name,
            pushed: Vec::new(),
            joined: 0,
            other: 0,
        };
        for statement in rest {
            collection.visit_stmt(statement);
        }
        (collection.joined > 0 && collection.other == 0).then_some(collection.pushed)
    }

    /// `drop(spawn(f))`: the `drop` call and the spawn call inside it.
    fn dropped_spawn<'e>(
        &self,
        expr: &'e syn::Expr,
    ) -> Option<(&'e syn::ExprCall, &'e syn::ExprCall)> {
        let syn::Expr::Call(drop_call) = expr else {
            return None;
        };
        let syn::Expr::Path(func) = &*drop_call.func else {
            return None;
        };
        let is_drop = func.path.is_ident("drop")
            || func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .eq(["std", "mem", "drop"]);
        if !is_drop || drop_call.args.len() != 1 {
            return None;
        }
        let call = self.spawn_call(&drop_call.args[0])?;
        Some((drop_call, call))
    }

    /// Appends `.detach()` to a spawn call whose handle was dropped.
    fn detach(&mut self, call: &syn::ExprCall) {
        let range = self.range(call.span());
        self.edits.push(Edit::insert(range.end, ".detach()", RULE));
        self.rewrites.push("detach");
        self.spawns_accounted.insert(range.start);
    }
}

/// How the statements after `let name = spawn(..)` use `name`.
#[derive(Debug, PartialEq, Eq)]
enum HandleUses {
    /// Never mentioned: the handle is dropped at the end of the block.
    None,
    /// Only ever `name.await` or `name.cancel()`.
    AwaitedOrCancelled,
    /// Anything else (moved, stored, passed on, shadowed in a macro...).
    Other,
}

fn handle_uses(name: &syn::Ident, rest: &[syn::Stmt]) -> HandleUses {
    struct Uses<'n> {
        name: &'n syn::Ident,
        awaited: usize,
        other: usize,
    }
    impl<'ast> Visit<'ast> for Uses<'_> {
        fn visit_expr(&mut self, expr: &'ast syn::Expr) {
            let base = match expr {
                // `timeout(d, handle).await.expect(..)`: awaited; the handle is dropped
                // unfinished only on the way to a panic.
                syn::Expr::MethodCall(call)
                    if matches!(call.method.to_string().as_str(), "expect" | "unwrap") =>
                {
                    timed_out_handle(&call.receiver)
                }
                syn::Expr::Await(awaited) => Some(&*awaited.base),
                syn::Expr::MethodCall(call) if call.method == "cancel" => Some(&*call.receiver),
                // `block_on(handle)` waits for it as `.await` does.
                syn::Expr::Call(call) if call.args.len() == 1 && is_block_on(&call.func) => {
                    Some(&call.args[0])
                }
                _ => None,
            };
            if let Some(syn::Expr::Path(path)) = base {
                if path.path.is_ident(self.name) {
                    self.awaited += 1;
                    return;
                }
            }
            syn::visit::visit_expr(self, expr);
        }

        fn visit_ident(&mut self, ident: &'ast syn::Ident) {
            if ident == self.name {
                self.other += 1;
            }
        }

        fn visit_path(&mut self, path: &'ast syn::Path) {
            // `task::sleep(..)` after `let task = spawn(..)`: a path of several
            // segments starts at a module or type, never at the binding.
            if path.segments.len() > 1 {
                for segment in &path.segments {
                    self.visit_path_arguments(&segment.arguments);
                }
                return;
            }
            syn::visit::visit_path(self, path);
        }

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // A macro may use the handle in any way; `assert_eq!(handle.await, x)` is an
            // await.
            let (awaited, other) = token_uses(mac.tokens.clone(), self.name);
            self.awaited += awaited;
            self.other += other;
        }
    }
    let mut uses = Uses {
        name,
        awaited: 0,
        other: 0,
    };
    for statement in rest {
        uses.visit_stmt(statement);
    }
    match (uses.awaited, uses.other) {
        (0, 0) => HandleUses::None,
        (_, 0) => HandleUses::AwaitedOrCancelled,
        _ => HandleUses::Other,
    }
}

/// In `timeout(d, handle).await` or `handle.timeout(d).await`, the handle.
fn timed_out_handle(expr: &syn::Expr) -> Option<&syn::Expr> {
    let syn::Expr::Await(awaited) = expr else {
        return None;
    };
    match &*awaited.base {
        syn::Expr::Call(call)
            if call.args.len() == 2
                && matches!(&*call.func, syn::Expr::Path(path)
                    if path.path.segments.last().is_some_and(|segment| segment.ident == "timeout")) =>
        {
            call.args.last()
        }
        syn::Expr::MethodCall(call) if call.method == "timeout" && call.args.len() == 1 => {
            Some(&call.receiver)
        }
        _ => None,
    }
}

/// Whether `func` is a `block_on` (`block_on`, `task::block_on`, `smol::block_on`...).
fn is_block_on(func: &syn::Expr) -> bool {
    matches!(func, syn::Expr::Path(path)
        if path.path.segments.last().is_some_and(|segment| segment.ident == "block_on"))
}

/// In macro input `tokens`, how often `name` is awaited (`name.await`, or
/// `block_on(name)`) and how often it is used otherwise.
pub(super) fn token_uses(tokens: proc_macro2::TokenStream, name: &syn::Ident) -> (usize, usize) {
    use proc_macro2::{Delimiter, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let (mut awaited, mut other) = (0, 0);
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group)
                if group.delimiter() == Delimiter::Parenthesis
                    && i > 0
                    && matches!(&trees[i - 1], TokenTree::Ident(callee) if callee == "block_on")
                    && matches!(
                        group.stream().into_iter().collect::<Vec<_>>().as_slice(),
                        [TokenTree::Ident(only)] if only == name
                    ) =>
            {
                awaited += 1;
            }
            TokenTree::Group(group) => {
                let (a, o) = token_uses(group.stream(), name);
                awaited += a;
                other += o;
            }
            TokenTree::Ident(ident) if ident == name => {
                let dot =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '.');
                let after_dot =
                    matches!(trees.get(i + 2), Some(TokenTree::Ident(word)) if word == "await");
                if dot && after_dot {
                    awaited += 1;
                } else {
                    other += 1;
                }
            }
            _ => {}
        }
    }
    (awaited, other)
}
