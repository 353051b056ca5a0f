//! async-std's name over [async-std-compat]: the package a `[patch.crates-io]` entry
//! points at to move a whole dependency graph onto smol without touching a source.
//!
//! Every crate in the graph that depends on async-std 1.x then compiles against this
//! package, which is async-std-compat under async-std's crate name, with async-std's
//! feature names:
//!
//! ```toml
//! [patch.crates-io]
//! # A checkout of smolify, or `git = "<smolify's repository>"`.
//! async-std = { path = "../smolify/facade/async-std" }
//! ```
//!
//! `cargo tree -i async-std` then shows this package, with no async-std from the
//! registry.
//!
//! [async-std-compat]: https://docs.rs/async-std-compat
#![forbid(unsafe_code)]
#![no_std]

#[doc(inline)]
pub use async_std_compat::*;
