//! Traits, helpers, and type definitions for asynchronous I/O: async-std's `io` module.
//!
//! The traits [`Read`], [`Write`], [`BufRead`] and [`Seek`] are the `futures-io` traits,
//! the same ones smol uses, so readers and writers move freely between this crate and
//! smol. The extension traits ([`ReadExt`], [`WriteExt`]) are async-std's: they carry
//! the methods async-std has and futures-lite lacks (`ReadExt::by_ref`,
//! `WriteExt::write_fmt`).
//!
//! ```
//! use async_std_compat::io::{self, ReadExt, WriteExt};
//!
//! # async_std_compat::task::block_on(async {
//! let mut reader: &[u8] = b"hello";
//! let mut buf = Vec::new();
//! reader.read_to_end(&mut buf).await?;
//! let mut writer = Vec::new();
//! writer.write_all(&buf).await?;
//! assert_eq!(writer, b"hello");
//! # io::Result::Ok(()) }).unwrap();
//! ```

pub mod prelude;
mod read;
mod write;

pub use futures_lite::io::{AsyncBufRead as BufRead, AsyncSeek as Seek};
pub use read::{Read, ReadExt};
pub use std::io::{Error, ErrorKind, IoSlice, IoSliceMut, Result, SeekFrom};
pub use write::{Write, WriteExt};
