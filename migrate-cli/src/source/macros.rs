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
                    if let syn::Stmt::Item(syn::Item::Use(item)) = statement {
                        self.rewrite_macro_use(item);
                    }
                    self.visit_stmt(statement);
                }
                return;
            }
        }
        self.rewrite_token_paths(mac.tokens.clone());
    }

    /// A `use` item inside a macro invocation (the file's own `use` items are planned
    /// as a whole, with what the file does with each name): its one path moves to the
    /// item's new home, keeping the name it brought into scope. A `use` with a group
    /// (`async_std::{io, task}`) is left to the report of untouched paths.
    fn rewrite_macro_use(&mut self, item: &syn::ItemUse) {
        let mut tree = &item.tree;
        let mut segments: Vec<&syn::Ident> = Vec::new();
        let mut renamed = false;
        let mut glob = false;
        loop {
            match tree {
                syn::UseTree::Path(path) => {
                    segments.push(&path.ident);
                    tree = &path.tree;
                }
                syn::UseTree::Name(name) => {
                    segments.push(&name.ident);
                    break;
                }
                syn::UseTree::Rename(rename) => {
                    segments.push(&rename.ident);
                    renamed = true;
                    break;
                }
                syn::UseTree::Glob(_) => {
                    glob = true;
                    break;
                }
                syn::UseTree::Group(_) => return,
            }
        }
        let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
            return;
        };
        if !self.is_crate(&first.to_string()) {
            return;
        }
        let mut canonical = vec!["async_std".to_string()];
        canonical.extend(segments[1..].iter().map(|ident| ident.to_string()));
        let (target, rule) = super::target_of(&canonical, &self.survey);
        let new_path = match target {
            super::Target::Smol(path) => path,
            super::Target::Compat(path) => {
                self.needs_shim = true;
                self.report_fallback(self.range(first.span()).start, &canonical, rule);
                path
            }
            _ => return,
        };
        let start = self.range(first.span()).start;
        let end = self.range(last.span()).end;
        let mut replacement = new_path.join("::");
        let old_name = last.to_string();
        if !renamed && !glob && new_path.last() != Some(&old_name) {
            replacement.push_str(&format!(" as {old_name}"));
        }
        let id = super::rule_id(rule);
        self.edits
            .push(crate::edit::Edit::replace(start..end, replacement, id));
        self.rewrites.push(id);
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
                    // `path(..)`: a call, as in parsed code.
                    if matches!(tokens.get(end), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
                    {
                        let start = self.range(syn::spanned::Spanned::span(&path)).start;
                        self.callees.insert(start);
                    }
                    if let Some(rule) = self.rule_of(&path) {
                        // `spawn(..);` as a statement of its own: the handle is
                        // dropped, which cancels a smol `Task`; `.detach()` keeps
                        // async-std's meaning.
                        let statement_start = index == 0
                            || matches!(&tokens[index - 1], TokenTree::Punct(p) if p.as_char() == ';')
                            || matches!(&tokens[index - 1], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
                        let dropped_call = call_statement(&tokens, end)
                            .map(|call| self.range(call.span_close()).end);
                        let to_smol = self.canonical_path(&path).is_some_and(|canonical| {
                            matches!(
                                super::target_of(&canonical, &self.survey).0,
                                super::Target::Smol(_)
                            )
                        });
                        if let (true, true, Some(call_end), crate::rules::Action::Spawn(_)) =
                            (to_smol, statement_start, dropped_call, rule.action)
                        {
                            self.edits.push(crate::edit::Edit::insert(
                                call_end,
                                ".detach()",
                                rule.id(),
                            ));
                            self.rewrites.push(rule.id());
                        } else if matches!(rule.action, crate::rules::Action::Spawn(_))
                            && !self.bound_and_awaited(&tokens, index, end)
                        {
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

impl Rewriter<'_> {
    /// Whether the spawn call whose path spans `tokens[start..end]` is bound by a
    /// `let name = spawn(..);` that the rest of the token sequence only awaits
    /// (`name.await`, `block_on(name)`).
    fn bound_and_awaited(&self, tokens: &[TokenTree], start: usize, end: usize) -> bool {
        let Some([TokenTree::Ident(keyword), TokenTree::Ident(name), TokenTree::Punct(equals)]) =
            start.checked_sub(3).map(|let_at| &tokens[let_at..start])
        else {
            return false;
        };
        if keyword != "let" || equals.as_char() != '=' {
            return false;
        }
        if call_statement(tokens, end).is_none() {
            return false;
        }
        // After the arguments and the `;`.
        let rest: TokenStream = tokens[end + 2..].iter().cloned().collect();
        let (awaited, other) = super::spawn::token_uses(rest, name);
        awaited > 0 && other == 0
    }
}

/// The argument group of the call whose path ends at `tokens[end]`, when `(..);`
/// follows: the call is a statement of its own.
fn call_statement(tokens: &[TokenTree], end: usize) -> Option<&proc_macro2::Group> {
    match (tokens.get(end), tokens.get(end + 1)) {
        (Some(TokenTree::Group(call)), Some(TokenTree::Punct(semicolon)))
            if call.delimiter() == Delimiter::Parenthesis && semicolon.as_char() == ';' =>
        {
            Some(call)
        }
        _ => None,
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
