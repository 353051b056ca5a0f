//! The async I/O prelude: the I/O traits and their extension traits, by name.
//!
//! ```
//! use async_std_compat::io::prelude::*;
//!
//! # async_std_compat::task::block_on(async {
//! let mut reader: &[u8] = b"one\ntwo";
//! let mut line = String::new();
//! reader.read_line(&mut line).await?;
//! assert_eq!(line, "one\n");
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

#[doc(no_inline)]
pub use super::{BufRead, Read, Seek, Write};

#[doc(no_inline)]
pub use super::{BufReadExt, ReadExt, SeekExt, WriteExt};
