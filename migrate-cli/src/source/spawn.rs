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
                syn::Expr::Await(awaited) => Some(&*awaited.base),
                syn::Expr::MethodCall(call) if call.method == "cancel" => Some(&*call.receiver),
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

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // A macro may use the handle in any way.
            let mentions = mac.tokens.clone().into_iter().any(|token| {
                matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == *self.name)
            });
            if mentions {
                self.other += 1;
            }
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
