//! [`BufWriter`], whose `into_inner` flushes, and [`IntoInnerError`].

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use super::{Seek, SeekFrom, Write, WriteExt};
use crate::io;

pin_project! {
    /// Adds a buffer to a writer: small writes are gathered and handed to the writer in
    /// large ones.
    ///
    /// The buffer is written out when it is full, on [`flush`](WriteExt::flush), on a
    /// seek, and by [`into_inner`](BufWriter::into_inner). As in async-std, dropping a
    /// `BufWriter` does **not** write its buffer: flush it (or call `into_inner`) first.
    ///
    /// This is futures-lite's `BufWriter` with async-std's `into_inner`, which is async
    /// and flushes (futures-lite's returns the writer at once and drops the buffer).
    ///
    /// ```
    /// use async_std_compat::io::{BufWriter, WriteExt};
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut writer = BufWriter::new(Vec::new());
    /// writer.write_all(b"hello").await?;
    /// assert!(writer.get_ref().is_empty()); // still in the buffer
    /// let inner = writer.into_inner().await.unwrap();
    /// assert_eq!(inner, b"hello");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    pub struct BufWriter<W> {
        #[pin]
        inner: futures_lite::io::BufWriter<W>,
    }
}

/// The error of [`BufWriter::into_inner`]: the flush failed. It holds the `BufWriter`
/// (with the bytes that were not written) and the error; like async-std's, it only
/// offers `Debug`.
#[derive(Debug)]
pub struct IntoInnerError<W>(W, #[allow(dead_code)] io::Error);

impl<W: Write> BufWriter<W> {
    /// Wraps `inner` with a buffer of 8 KiB.
    pub fn new(inner: W) -> BufWriter<W> {
        BufWriter {
            inner: futures_lite::io::BufWriter::new(inner),
        }
    }

    /// Wraps `inner` with a buffer of `capacity` bytes.
    pub fn with_capacity(capacity: usize, inner: W) -> BufWriter<W> {
        BufWriter {
            inner: futures_lite::io::BufWriter::with_capacity(capacity, inner),
        }
    }

    /// Borrows the underlying writer.
    pub fn get_ref(&self) -> &W {
        self.inner.get_ref()
    }

    /// Borrows the underlying writer mutably; writing to it directly bypasses the
    /// buffer.
    pub fn get_mut(&mut self) -> &mut W {
        self.inner.get_mut()
    }

    /// Flushes the buffer, then returns the underlying writer.
    ///
    /// If the flush fails, the result is an [`IntoInnerError`] holding this `BufWriter`
    /// (with the bytes it could not write) and the error.
    pub async fn into_inner(mut self) -> Result<W, IntoInnerError<BufWriter<W>>>
    where
        Self: Unpin,
    {
        match self.flush().await {
            Ok(()) => Ok(self.inner.into_inner()),
            Err(error) => Err(IntoInnerError(self, error)),
        }
    }

    /// The bytes buffered and not yet written.
    pub fn buffer(&self) -> &[u8] {
        self.inner.buffer()
    }
}

impl<W: Write> Write for BufWriter<W> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.project().inner.poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().inner.poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().inner.poll_close(cx)
    }
}

impl<W: Write + Seek> Seek for BufWriter<W> {
    /// Writes the buffer out, then seeks the underlying writer.
    fn poll_seek(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        pos: SeekFrom,
    ) -> Poll<io::Result<u64>> {
        self.project().inner.poll_seek(cx, pos)
    }
}

impl<W: Write + fmt::Debug> fmt::Debug for BufWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}
