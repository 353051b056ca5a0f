//! `#[main]` and `#[test]` for [async-std-compat]: async-std's attribute macros.
//!
//! Both turn an `async fn` into a plain one whose body runs in
//! `async_std_compat::task::block_on`. The expansion names the runtime by the name the
//! calling crate gave it in Cargo.toml, so `#[async_std::main]` works after
//! `async-std = { package = "async-std-compat", ... }`, and so does any other rename
//! (async-std's own macro only works under the name `async_std`).
//!
//! ```
//! #[async_std_compat::main]
//! async fn main() -> std::io::Result<()> {
//!     println!("Hello, world!");
//!     Ok(())
//! }
//! ```
//!
//! [async-std-compat]: https://docs.rs/async-std-compat
#![forbid(unsafe_code)]
#![warn(missing_docs, rust_2018_idioms)]

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::ItemFn;

/// Runs `async fn main` on the async-std-compat runtime.
///
/// `main` may return `()` or a `Result<T, E>` with `E: Debug`, like a plain `main`.
/// The function must be `async`, named `main`, and take no arguments.
///
/// ```
/// #[async_std_compat::main]
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
/// `#[should_panic]` or `#[ignore]` are kept.
///
/// ```no_run
/// #[async_std_compat::test]
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
    match check(entry, &args, &function) {
        Ok(()) => rewrite(entry, function),
        Err(error) => with_error(placeholder(entry, function), error),
    }
}

/// Rejects what the attribute cannot run, with a span on the user's offending token.
fn check(entry: Entry, args: &TokenStream2, function: &ItemFn) -> syn::Result<()> {
    if !args.is_empty() {
        return Err(syn::Error::new(
            args.span(),
            format!("{} takes no arguments", entry.attribute()),
        ));
    }
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
fn rewrite(entry: Entry, function: ItemFn) -> TokenStream2 {
    let ItemFn {
        attrs,
        vis,
        mut sig,
        block,
    } = function;
    sig.asyncness = None;
    let runtime = runtime_path();
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

/// The path of the runtime crate as the calling crate names it.
fn runtime_path() -> TokenStream2 {
    use proc_macro_crate::{crate_name, FoundCrate};
    let found = crate_name("async-std-compat").or_else(|_| crate_name("async-std"));
    let name = match found {
        Ok(FoundCrate::Name(name)) => name,
        // The shim never uses its own attributes; its doctests name it from outside.
        Ok(FoundCrate::Itself) | Err(_) => "async_std_compat".to_string(),
    };
    let ident = syn::Ident::new(&name, Span::call_site());
    quote!(::#ident)
}
