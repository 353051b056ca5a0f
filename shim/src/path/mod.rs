//! Cross-platform path manipulation: async-std's `path` module.
//!
//! [`Path`] and [`PathBuf`] are async-std's own path types: wrappers around std's with
//! the same inspection and manipulation methods, whose filesystem queries
//! ([`Path::exists`], [`Path::is_dir`], [`Path::metadata`], [`Path::read_dir`], ...)
//! are `async` and run on the blocking thread pool. They convert to and from std's
//! paths, and every function of this crate that takes a path accepts either kind (and
//! strings).
//!
//! The other items ([`Component`], [`Display`], [`Prefix`], [`MAIN_SEPARATOR`], ...)
//! are std's, as in async-std.
//!
//! ```
//! use async_std_compat::path::{Path, PathBuf};
//!
//! # async_std_compat::task::block_on(async {
//! let dir: PathBuf = std::env::temp_dir().into();
//! assert!(dir.is_dir().await);
//!
//! let file = Path::new("/etc").join("passwd");
//! assert_eq!(file.file_name().unwrap(), "passwd");
//! # })
//! ```

mod cast;
mod iter;
mod pathbuf;
mod slice;

#[doc(inline)]
pub use std::path::{
    is_separator, Component, Display, Prefix, PrefixComponent, StripPrefixError, MAIN_SEPARATOR,
};

pub use iter::{Ancestors, Components, Iter};
pub use pathbuf::PathBuf;
pub use slice::Path;
