//! `#[async_std::main]` and `#[async_std::test]`: the attribute goes and the body runs
//! in `smol::block_on`, keeping the function's return type.

use std::ops::Range;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;

use super::Rewriter;
use crate::edit::Edit;
use crate::rules::{self, Action};
use syn::punctuated::Punctuated;

/// One level of indentation added around a wrapped body.
const INDENT: &str = "    ";

impl Rewriter<'_> {
    /// The `#[async_std::main]` or `#[async_std::test]` attribute of a function,
    /// written directly or inside `cfg_attr(.., async_std::test)`; for the latter, the
    /// byte range of the path inside `cfg_attr`.
    fn entry_attribute<'f>(
        &self,
        function: &'f syn::ItemFn,
    ) -> Option<(
        &'f syn::Attribute,
        &'static rules::Rule,
        Option<Range<usize>>,
    )> {
        function.attrs.iter().find_map(|attribute| {
            let is_entry = |rule: &rules::Rule| {
                matches!(rule.action, Action::MainAttribute | Action::TestAttribute)
            };
            if attribute.path().is_ident("cfg_attr") {
                let metas = attribute
                    .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                    .ok()?;
                return metas.iter().skip(1).find_map(|meta| {
                    let rule = self.rule_of(meta.path())?;
                    is_entry(rule).then(|| (attribute, rule, Some(self.range(meta.span()))))
                });
            }
            let rule = self.rule_of(attribute.path())?;
            is_entry(rule).then_some((attribute, rule, None))
        })
    }

    pub(super) fn rewrite_entry_point(&mut self, function: &syn::ItemFn) {
        let Some((attribute, rule, inside_cfg_attr)) = self.entry_attribute(function) else {
            return;
        };
        let attribute_range = self.range(attribute.span());
        let signature = &function.sig;
        let Some(async_token) = signature.asyncness else {
            self.hazard(
                attribute_range.start,
                rule.id(),
                "the function is not `async`; left as it is",
            );
            return;
        };
        let plain = inside_cfg_attr.is_some() || matches!(attribute.meta, syn::Meta::Path(_));
        if !signature.inputs.is_empty() || !plain {
            self.hazard(
                attribute_range.start,
                rule.id(),
                "the attribute has arguments or the function takes parameters; left as it is",
            );
            return;
        }

        let is_main = rule.action == Action::MainAttribute;
        let attribute_edit = match (&inside_cfg_attr, is_main) {
            (Some(_), true) => {
                self.hazard(
                    attribute_range.start,
                    rule.id(),
                    "`#[async_std::main]` inside `cfg_attr`: the function is `main` only under \
                     that cfg; left as it is",
                );
                return;
            }
            (Some(inner), false) => {
                self.note(
                    attribute_range.start,
                    rule.id(),
                    "inside `cfg_attr`: the body now runs in `smol::block_on` whatever the cfg, \
                     and the function is a plain `#[test]` where the cfg holds",
                );
                Edit::replace(inner.clone(), "test", rule.id())
            }
            (None, true) => Edit::replace(self.whole_lines(attribute_range.clone()), "", rule.id()),
            (None, false) => Edit::replace(attribute_range.clone(), "#[test]", rule.id()),
        };
        self.edits.push(attribute_edit);
        self.rewrites.push(rule.id());

        let async_range = self.range(async_token.span);
        let after_async = self.text[async_range.end..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum::<usize>();
        self.edits.push(Edit::replace(
            async_range.start..async_range.end + after_async,
            "",
            rule.id(),
        ));

        // Inner attributes at the start of the body (`//! doc`, `#![allow(..)]`) are
        // the function's: they stay before the `block_on`, where they may be.
        let inner_attributes_end = function
            .attrs
            .iter()
            .filter(|attribute| matches!(attribute.style, syn::AttrStyle::Inner(_)))
            .map(|attribute| self.range(attribute.span()).end)
            .max()
            // A `//!` comment's span takes the `\r` of a CRLF line end in.
            .map(|end| end - usize::from(self.text[..end].ends_with('\r')));
        self.wrap_body(
            &function.block,
            self.range(function.span()).start,
            inner_attributes_end,
            rule.id(),
        );

        if is_main {
            self.note(
                attribute_range.start,
                rule.id(),
                "the migrated program loses async-std's parallelism: `smol::spawn` runs tasks \
                 on smol's global executor, which has one thread unless the SMOL_THREADS \
                 environment variable says otherwise, where async-std ran one worker per core; \
                 to keep it, run with SMOL_THREADS set to the core count, or spawn on a \
                 `smol::Executor` run by `std::thread::available_parallelism()` threads \
                 (`smol-macros`' `main!` with `ex: &Executor` does this)",
            );
        }
    }

    /// The `block_on` an entry point runs its body in: smol's, or the shim's where the
    /// file spawns local tasks (only the shim's `block_on` runs them).
    fn block_on_path(&mut self) -> &'static str {
        if self.survey.names("async_std::task::spawn_local") {
            self.needs_shim = true;
            "async_std_compat::task::block_on"
        } else {
            "smol::block_on"
        }
    }

    /// `{ body }` becomes `{ smol::block_on(async { body }) }`, the body indented one
    /// level more. Only whitespace at line starts is added, never inside a string
    /// literal that spans lines.
    fn wrap_body(
        &mut self,
        block: &syn::Block,
        item_start: usize,
        inner_attributes_end: Option<usize>,
        rule: &'static str,
    ) {
        let mut open = self.range(block.brace_token.span.open());
        if let Some(end) = inner_attributes_end.filter(|end| *end > open.end) {
            open.end = end;
        }
        let close = self.range(block.brace_token.span.close());
        let indent = self.indentation(item_start).to_string();
        let nl = self.newline;
        let multiline = self.text[open.end..close.start].contains('\n');
        if !multiline {
            let block_on = self.block_on_path();
            self.edits.push(Edit::insert(
                open.end,
                format!(" {block_on}(async {{"),
                rule,
            ));
            self.edits.push(Edit::insert(close.start, "}) ", rule));
            return;
        }
        let block_on = self.block_on_path();
        self.edits.push(Edit::insert(
            open.end,
            format!("{nl}{indent}{INDENT}{block_on}(async {{"),
            rule,
        ));
        let literals = multiline_literals(&block.to_token_stream(), self.base);
        let close_line = self.index.line_start(close.start);
        let close_alone = self.text[close_line..close.start].trim().is_empty();
        let starts: Vec<usize> = self
            .index
            .line_starts_in(open.end + 1..close.start + 1)
            .collect();
        for start in starts {
            let line_end = self.text[start..]
                .find('\n')
                .map_or(self.text.len(), |i| start + i);
            let blank = self.text[start..line_end].trim().is_empty();
            let in_literal = literals
                .iter()
                .any(|literal| literal.start < start && start < literal.end);
            let is_close_line = start == close_line && close_alone;
            if !blank && !in_literal && !is_close_line {
                self.edits.push(Edit::insert(start, INDENT, rule));
            }
        }
        // The closing brace's line: close the async block one level in.
        if close_alone {
            self.edits.push(Edit::insert(
                close.start,
                format!("{INDENT}}}){nl}{indent}"),
                rule,
            ));
        } else {
            self.edits.push(Edit::insert(
                close.start,
                format!("{nl}{indent}{INDENT}}}){nl}{indent}"),
                rule,
            ));
        }
    }
}

/// Byte ranges of the literals in `tokens` that span more than one line.
fn multiline_literals(tokens: &TokenStream, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for token in tokens.clone() {
        match token {
            TokenTree::Literal(literal) => {
                let span = literal.span();
                if span.start().line != span.end().line {
                    out.push(super::range(span, base));
                }
            }
            TokenTree::Group(group) => out.extend(multiline_literals(&group.stream(), base)),
            _ => {}
        }
    }
    out
}
