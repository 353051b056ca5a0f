//! [`Write`] and async-std's [`WriteExt`].

mod write_fmt;

use futures_lite::io::{FlushFuture, WriteAllFuture, WriteFuture, WriteVectoredFuture};

pub use futures_lite::io::AsyncWrite as Write;
pub(crate) use write_fmt::format;
pub use write_fmt::WriteFmtFuture;

use super::IoSlice;

/// Extension methods for [`Write`]rs: async-std's `WriteExt`.
///
/// Implemented for every `Write` type; bring it into scope with
/// `use async_std::io::WriteExt;` or `use async_std::prelude::*;`.
///
/// ```
/// use async_std_compat::io::WriteExt;
///
/// # async_std_compat::task::block_on(async {
/// let mut out = Vec::new();
/// out.write_all(b"hello").await?;
/// write!(out, " {}", 42).await?;
/// assert_eq!(out, b"hello 42");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait WriteExt: Write {
    /// Writes some bytes from `buf`, returning how many were written.
    fn write<'a>(&'a mut self, buf: &'a [u8]) -> WriteFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncWriteExt::write(self, buf)
    }

    /// Flushes this writer, so that all buffered bytes reach their destination.
    fn flush(&mut self) -> FlushFuture<'_, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncWriteExt::flush(self)
    }

    /// Like [`write`](WriteExt::write), from several buffers.
    fn write_vectored<'a>(&'a mut self, bufs: &'a [IoSlice<'a>]) -> WriteVectoredFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncWriteExt::write_vectored(self, bufs)
    }

    /// Writes all of `buf`.
    fn write_all<'a>(&'a mut self, buf: &'a [u8]) -> WriteAllFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncWriteExt::write_all(self, buf)
    }

    /// Writes formatted text, then flushes; what `write!(writer, ...).await` calls.
    ///
    /// futures-lite has no `write_fmt`; this is async-std's. The text is formatted
    /// when this method is called (a `Display` impl that fails gives an `Other` error,
    /// "formatter error"), then written in full and the writer flushed, as async-std
    /// does: `write!` on a [`BufWriter`](crate::io::BufWriter) pushes its buffer out.
    fn write_fmt<'a>(&'a mut self, fmt: std::fmt::Arguments<'_>) -> WriteFmtFuture<'a, Self>
    where
        Self: Unpin,
    {
        WriteFmtFuture::new(self, fmt)
    }
}

impl<T: Write + ?Sized> WriteExt for T {}
