//! `#[main]` and `#[test]` for [async-std-compat]: async-std's attribute macros.
//!
//! Both turn an `async fn` into a plain one whose body runs in the runtime's
//! `task::block_on`. The expansion names the runtime as the calling crate's
//! Cargo.toml does: `::async_std`, the name that `async-std = { package =
//! "async-std-compat", ... }` (the drop-in road) and the `[patch.crates-io]` facade
//! give it, so code written for async-std needs no change; `::async_std_compat` in a
//! crate that depends on `async-std-compat` under its own name.
//!
//! ```
//! #[async_std::main]
//! async fn main() -> std::io::Result<()> {
//!     println!("Hello, world!");
//!     Ok(())
//! }
//! ```
//!
//! Under any other name (a re-export, say), tell it with `crate = "..."`:
//!
//! ```
//! mod runtime {
//!     pub use async_std::*;
//! }
//!
//! #[async_std::main(crate = "runtime")]
//! async fn main() {
//!     runtime::task::sleep(std::time::Duration::from_millis(1)).await;
//! }
//! ```
//!
//! The crate depends on syn, quote and proc-macro2 only, as async-std's own
//! async-attributes does: nothing of it reaches a user's dependency graph beyond what
//! async-std brought.
//!
//! [async-std-compat]: https://docs.rs/async-std-compat
#![forbid(unsafe_code)]
#![warn(missing_docs, rust_2018_idioms)]

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::ItemFn;

/// Runs `async fn main` on the async-std-compat runtime.
///
/// `main` may return `()` or a `Result<T, E>` with `E: Debug`, like a plain `main`.
/// The function must be `async`, named `main`, and take no arguments. The one option,
/// `crate = "path"`, names the runtime crate when the calling crate does not call it
/// `async_std`.
///
/// ```
/// #[async_std::main]
/// async fn main() -> Result<(), Box<dyn std::error::Error>> {
///     Ok(())
/// }
/// ```
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Entry::Main, args.into(), item.into()).into()
}

/// Runs an `async fn` test on the async-std-compat runtime.
///
/// The test may return `()` or a `Result<T, E>`; other attributes such as
/// `#[should_panic]` or `#[ignore]` are kept. `crate = "path"` names the runtime crate,
/// as for [`main`](macro@main).
///
/// ```no_run
/// #[async_std::test]
/// async fn adds() {
///     assert_eq!(async { 1 + 1 }.await, 2);
/// }
/// ```
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Entry::Test, args.into(), item.into()).into()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Entry {
    Main,
    Test,
}

impl Entry {
    fn attribute(self) -> &'static str {
        match self {
            Entry::Main => "#[async_std::main]",
            Entry::Test => "#[async_std::test]",
        }
    }
}

fn expand(entry: Entry, args: TokenStream2, item: TokenStream2) -> TokenStream2 {
    let function = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(function) => function,
        // Not a function: let rustc report the item as it is, plus our message.
        Err(error) => return with_error(item, error),
    };
    let checked = parse_options(entry, args).and_then(|options| {
        check(entry, &function)?;
        Ok(options)
    });
    match checked {
        Ok(options) => rewrite(entry, function, &options),
        Err(error) => with_error(placeholder(entry, function), error),
    }
}

/// The attribute's options.
struct Options {
    /// The path of the runtime crate: `::async_std` unless `crate = "..."` says
    /// otherwise.
    runtime: syn::Path,
}

/// Reads `crate = "path"`, the one option; anything else is an error at its tokens.
fn parse_options(entry: Entry, args: TokenStream2) -> syn::Result<Options> {
    let mut runtime: syn::Path = default_runtime();
    if args.is_empty() {
        return Ok(Options { runtime });
    }
    let mut seen_crate = false;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            if seen_crate {
                return Err(meta.error("`crate` is given twice"));
            }
            seen_crate = true;
            let value: syn::LitStr = meta.value()?.parse()?;
            runtime = value.parse::<syn::Path>().map_err(|_| {
                syn::Error::new(
                    value.span(),
                    format!("`{}` is not a path to a crate", value.value()),
                )
            })?;
            Ok(())
        } else {
            Err(meta.error(format!(
                "{} takes one option, `crate = \"...\"` (the name the runtime crate has here)",
                entry.attribute()
            )))
        }
    });
    syn::parse::Parser::parse2(parser, args)?;
    Ok(Options { runtime })
}

/// The runtime's path when the attribute does not name it: the name the calling
/// crate's Cargo.toml gives async-std-compat. `async-std = { package =
/// "async-std-compat" }` (the drop-in road) and the `[patch.crates-io]` facade, under
/// the key `async-std`, give `::async_std`; a crate that depends on `async-std-compat`
/// under its own name (as `cargo smolify` leaves one that keeps some async-std code)
/// gets `::async_std_compat`; another key with `package = "async-std-compat"` gets
/// that key. Without a readable manifest, `::async_std`.
fn default_runtime() -> syn::Path {
    let name = std::env::var_os("CARGO_MANIFEST_DIR")
        .and_then(|dir| std::fs::read_to_string(std::path::Path::new(&dir).join("Cargo.toml")).ok())
        .and_then(|manifest| runtime_key(&manifest))
        .unwrap_or_else(|| "async-std".to_string())
        .replace('-', "_");
    let ident = syn::Ident::new(&name, proc_macro2::Span::call_site());
    syn::parse_quote!(::#ident)
}

/// The dependency key under which `manifest` (a Cargo.toml's text) depends on
/// async-std-compat, if it does: a rename (`rt = { package = "async-std-compat" }`,
/// or a `[dependencies.rt]` table with that `package`) first, then the crate's own
/// name. A line scan, not a TOML parser: the macros depend on syn, quote and
/// proc-macro2 only.
fn runtime_key(manifest: &str) -> Option<String> {
    let is_package_line = |line: &str| {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        compact.contains("package=\"async-std-compat\"")
    };
    let mut table_key: Option<String> = None;
    let mut own_name = false;
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_end_matches(']').trim();
            // `[dependencies.rt]`, `[target.'cfg(unix)'.dev-dependencies.rt]`
            table_key = header
                .rsplit_once("dependencies.")
                .map(|(_, key)| key.trim_matches('"').to_string());
            if table_key.as_deref() == Some("async-std-compat") {
                own_name = true;
            }
            continue;
        }
        let key = line
            .split(['=', '.'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if is_package_line(line) {
            match (&table_key, line.starts_with("package")) {
                (Some(table), true) => return Some(table.clone()),
                _ if !key.is_empty() && key != "package" => return Some(key.to_string()),
                _ => {}
            }
        } else if key == "async-std-compat" {
            own_name = true;
        }
    }
    own_name.then(|| "async-std-compat".to_string())
}

/// Rejects what the attribute cannot run, with a span on the user's offending token.
fn check(entry: Entry, function: &ItemFn) -> syn::Result<()> {
    let signature = &function.sig;
    if signature.asyncness.is_none() {
        return Err(syn::Error::new(
            signature.fn_token.span(),
            "the async keyword is missing from the function declaration",
        ));
    }
    if entry == Entry::Main && signature.ident != "main" {
        return Err(syn::Error::new(
            signature.ident.span(),
            "only the main function can be tagged with #[async_std::main]",
        ));
    }
    if !signature.inputs.is_empty() {
        let what = match entry {
            Entry::Main => "the main function cannot accept arguments",
            Entry::Test => "test functions cannot accept arguments",
        };
        return Err(syn::Error::new(signature.inputs.span(), what));
    }
    if !signature.generics.params.is_empty() {
        return Err(syn::Error::new(
            signature.generics.span(),
            format!(
                "a function tagged with {} cannot be generic",
                entry.attribute()
            ),
        ));
    }
    Ok(())
}

/// `async fn f() -> R { body }` becomes `fn f() -> R { block_on(async move { body }) }`.
fn rewrite(entry: Entry, function: ItemFn, options: &Options) -> TokenStream2 {
    let ItemFn {
        attrs,
        vis,
        mut sig,
        block,
    } = function;
    sig.asyncness = None;
    let runtime = &options.runtime;
    let test_attribute = match entry {
        Entry::Main => quote!(),
        Entry::Test => quote!(#[::core::prelude::v1::test]),
    };
    let body = quote_spanned! {block.span()=>
        #runtime::__private::block_on(async move #block)
    };
    quote! {
        #test_attribute
        #(#attrs)*
        #vis #sig {
            #body
        }
    }
}

/// What to emit beside an error, so that rustc reports only ours: the function
/// without `async`, its arguments or its generics.
fn placeholder(entry: Entry, mut function: ItemFn) -> TokenStream2 {
    function.sig.asyncness = None;
    function.sig.inputs.clear();
    function.sig.generics = Default::default();
    if entry == Entry::Test {
        // A test that failed to expand must not also run as a `#[test]`.
        return TokenStream2::new();
    }
    function.block.stmts.clear();
    function.sig.output = syn::ReturnType::Default;
    function.into_token_stream()
}

fn with_error(item: TokenStream2, error: syn::Error) -> TokenStream2 {
    let error = error.to_compile_error();
    quote!(#item #error)
}

#[cfg(test)]
mod tests {
    use super::runtime_key;

    #[test]
    fn the_runtime_is_named_as_the_manifest_names_it() {
        assert_eq!(runtime_key("[dependencies]\nasync-std = \"1\"\n"), None);
        assert_eq!(
            runtime_key(
                "[dependencies]\nasync-std = { package = \"async-std-compat\", version = \"1\" }\n"
            ),
            Some("async-std".to_string())
        );
        assert_eq!(
            runtime_key(
                "[dependencies]\nsmol = \"2\"\nasync-std-compat = { version = \"1.13\" }\n"
            ),
            Some("async-std-compat".to_string())
        );
        assert_eq!(
            runtime_key("[dependencies.rt]\nversion = \"1\"\npackage = \"async-std-compat\"\n"),
            Some("rt".to_string())
        );
        assert_eq!(
            runtime_key("[dev-dependencies.async-std-compat]\nversion = \"1\"\n"),
            Some("async-std-compat".to_string())
        );
        // A comment is not a dependency.
        assert_eq!(
            runtime_key("[dependencies]\n# async-std-compat = \"1\"\n"),
            None
        );
    }
}
