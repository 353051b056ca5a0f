//! `cargo smolify`: migrates async-std code to smol.
//!
//! The migration runs in four steps, each in its own module:
//!
//! 1. [`discover`] finds the Rust sources and manifests under a path;
//! 2. [`source`] parses each source with syn, resolves every name that leads to
//!    async-std, and turns the [`rules`] that apply into [`edit::Edit`]s and findings;
//! 3. [`manifest`] moves each Cargo.toml from async-std to smol;
//! 4. [`mod@plan`] gathers the results into a [`Plan`], which can be shown as a unified
//!    diff or written to disk, each file atomically.
//!
//! Every change is a byte-range edit on the original text: nothing outside an edit's
//! range changes, so comments and formatting survive. A file that cannot be read or
//! parsed gets no edit and is reported.
//!
//! ```
//! let migration = cargo_smolify::source::migrate(
//!     "use async_std::task;\nfn f() { task::spawn(async {}); }\n",
//!     &["async_std".to_string()],
//! )
//! .unwrap();
//! let migrated = cargo_smolify::edit::apply(
//!     "use async_std::task;\nfn f() { task::spawn(async {}); }\n",
//!     &migration.edits,
//! )
//! .unwrap();
//! assert_eq!(migrated, "fn f() { smol::spawn(async {}).detach(); }\n");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, rust_2018_idioms)]

pub mod diagnostic;
pub mod discover;
pub mod edit;
pub mod lockfile;
pub mod manifest;
pub mod plan;
pub mod rules;
pub mod snapshots;
pub mod source;
pub mod verify;
pub mod write;

pub use diagnostic::{Diagnostic, Severity};
pub use plan::{plan, FileChange, Plan};
