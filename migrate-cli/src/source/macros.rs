//! async-std inside macro invocations and `macro_rules!` bodies.
//!
//! syn leaves a macro's arguments as tokens. Where they parse as comma-separated
//! expressions (`assert_eq!`, `vec!`, `println!`, `join!`...) or as statements, they
//! are parsed and visited like any other code, so every rewrite applies inside them.
//! Otherwise (and always in `macro_rules!` bodies, whose tokens hold `$` variables),
//! each path is found token by token and renamed; call-shape rewrites are not tried
//! there. The tokens keep their places in the file, so the edits land on the original
//! text.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::Rewriter;

impl Rewriter<'_> {
    /// Visits the arguments of a macro invocation.
    pub(super) fn visit_macro_arguments(&mut self, mac: &syn::Macro) {
        if mac.tokens.is_empty() {
            return;
        }
        let is_macro_rules = mac.path.is_ident("macro_rules");
        if !is_macro_rules {
            let expressions = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated
                .parse2(mac.tokens.clone());
            if let Ok(expressions) = expressions {
                for expression in &expressions {
                    self.visit_expr(expression);
                }
                return;
            }
            if let Ok(statements) = syn::Block::parse_within.parse2(mac.tokens.clone()) {
                let block = syn::Block {
                    brace_token: Default::default(),
                    stmts: statements,
                };
                // Not `visit_block`: the synthetic braces have no place in the file.
                for statement in &block.stmts {
                    self.visit_stmt(statement);
                }
                return;
            }
        }
        self.rewrite_token_paths(mac.tokens.clone());
    }

    /// Renames every async-std path in `tokens`, one token sequence at a time.
    fn rewrite_token_paths(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut index = 0;
        while index < tokens.len() {
            if let TokenTree::Group(group) = &tokens[index] {
                if group.delimiter() != Delimiter::None || !group.stream().is_empty() {
                    self.rewrite_token_paths(group.stream());
                }
                index += 1;
                continue;
            }
            let Some(end) = path_end(&tokens, index) else {
                index += 1;
                continue;
            };
            // Not a method name (`.spawn`), a macro variable (`$task`) or the tail of a
            // longer path.
            let after_prefix = index > 0
                && matches!(&tokens[index - 1], TokenTree::Punct(p) if matches!(p.as_char(), '.' | '$'));
            if !after_prefix {
                let path_tokens: TokenStream = tokens[index..end].iter().cloned().collect();
                if let Ok(path) = syn::parse2::<syn::Path>(path_tokens) {
                    if let Some(rule) = self.rule_of(&path) {
                        if matches!(rule.action, crate::rules::Action::Spawn(_)) {
                            let start = self.range(syn::spanned::Spanned::span(&path)).start;
                            self.hazard(
                                start,
                                rule.id(),
                                "a task spawned inside a macro body: a dropped smol `Task` \
                                 cancels its task where async-std's `JoinHandle` let it run; \
                                 make sure every expansion awaits the handle or calls `.detach()`",
                            );
                        }
                    }
                    self.rewrite_path(&path);
                }
            }
            index = end;
        }
    }
}

/// Where the path `a::b::c` (or `::a::b`) starting at `start` ends, if one starts there.
fn path_end(tokens: &[TokenTree], start: usize) -> Option<usize> {
    let is_colons = |i: usize| {
        matches!(
            (tokens.get(i), tokens.get(i + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && b.as_char() == ':' && a.spacing() == proc_macro2::Spacing::Joint
        )
    };
    let mut index = start;
    if is_colons(index) {
        index += 2;
    }
    if !matches!(tokens.get(index), Some(TokenTree::Ident(_))) {
        return None;
    }
    index += 1;
    while is_colons(index) && matches!(tokens.get(index + 2), Some(TokenTree::Ident(_))) {
        index += 3;
    }
    Some(index)
}
