//! Traits, helpers, and type definitions for asynchronous I/O: async-std's `io` module.
//!
//! The traits [`Read`], [`Write`], [`BufRead`] and [`Seek`] are the `futures-io` traits,
//! the same ones smol uses, so readers and writers move freely between this crate and
//! smol. The extension traits ([`ReadExt`], [`WriteExt`], [`BufReadExt`], [`SeekExt`])
//! are async-std's: they carry the methods async-std has and futures-lite lacks
//! (`ReadExt::by_ref`, `WriteExt::write_fmt`), and keep async-std's behaviour where
//! futures-lite's differs (`read_line` and `read_to_string` append to the string).
//!
//! Where async-std and smol differ, this module behaves like async-std:
//!
//! - [`BufWriter::into_inner`] is async and flushes the buffer first;
//! - [`stdout`] and [`stderr`] lose nothing at exit: a completed write has reached std's
//!   own handle (smol's `Unblock<Stdout>` loses what it has not flushed);
//! - [`timeout`] fails with `TimedOut`, "future timed out";
//! - [`copy`] reports errors as "io::copy failed", and takes `&mut` arguments unless
//!   the `unstable` feature is on.
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

mod buf_read;
mod buf_writer;
mod copy;
mod misc;
mod read;
mod seek;
mod stdio;
mod timeout;
pub(crate) mod utils;
mod write;

pub use buf_read::{BufRead, BufReadExt, Lines, Split};
pub use buf_writer::{BufWriter, IntoInnerError};
pub use copy::copy;
pub use misc::{empty, repeat, sink, Empty, Repeat, Sink};
pub use read::{Bytes, Chain, Read, ReadExt, Take};
pub use seek::{Seek, SeekExt};
#[doc(inline)]
pub use std::io::{Error, ErrorKind, IoSlice, IoSliceMut, Result, SeekFrom};
pub use stdio::{stderr, stdin, stdout, Stderr, Stdin, Stdout};
pub use timeout::timeout;
pub use write::{Write, WriteExt};

/// Adds a buffer to a reader: reads from the reader in large pieces and serves small
/// reads from the buffer; also a [`BufRead`], for [`BufReadExt::read_line`],
/// [`BufReadExt::lines`] and the like.
///
/// futures-lite's `BufReader` (async-std's is the same code), so it also passes writes
/// through to the reader when the reader is a writer too.
///
/// ```
/// use async_std_compat::io::{BufReadExt, BufReader};
///
/// # async_std_compat::task::block_on(async {
/// let mut reader = BufReader::with_capacity(4, &b"first line\nsecond"[..]);
/// let mut line = String::new();
/// reader.read_line(&mut line).await?;
/// assert_eq!(line, "first line\n");
/// assert_eq!(reader.buffer(), b"s"); // the rest of the last 4-byte read
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub use futures_lite::io::BufReader;

/// An in-memory reader, writer and seeker over a byte buffer (`Vec<u8>`, `&[u8]`,
/// `&mut [u8]`, ...), with a position.
///
/// futures-lite's `Cursor`, which is async-std's in all but name.
///
/// ```
/// use async_std_compat::io::{self, Cursor, SeekExt, SeekFrom, WriteExt};
///
/// # async_std_compat::task::block_on(async {
/// let mut cursor = Cursor::new(Vec::new());
/// cursor.write_all(b"hello").await?;
/// cursor.seek(SeekFrom::Start(1)).await?;
/// cursor.write_all(b"E").await?;
/// assert_eq!(cursor.position(), 2);
/// assert_eq!(cursor.into_inner(), b"hEllo");
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub use futures_lite::io::Cursor;

#[doc(hidden)]
pub use stdio::{_eprint, _print};
