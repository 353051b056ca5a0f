//! [`copy`]: async-std's, which has two signatures, as async-std's does.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{utils, BufRead, BufReader, Read, Write};
use crate::io;

/// Copies everything `reader` yields into `writer`, then flushes `writer`; returns the
/// number of bytes copied.
///
/// The reader is read through an 8 KiB [`BufReader`] and is not polled again once it
/// has reported its end. A failure is reported with the original error's kind under
/// the message "io::copy failed" (the original error is its `source()`), as in
/// async-std.
///
/// Without the `unstable` feature the reader and writer are taken by `&mut`, as in
/// async-std; with it, by value (`&mut` arguments still work, since `&mut R` is a
/// reader too).
///
/// ```
/// use async_std_compat::io;
///
/// # async_std_compat::task::block_on(async {
/// let mut reader: &[u8] = b"hello";
/// let mut writer = Vec::new();
/// let copied = io::copy(&mut reader, &mut writer).await?;
/// assert_eq!((copied, &writer[..]), (5, &b"hello"[..]));
/// # io::Result::Ok(()) }).unwrap();
/// ```
#[cfg(any(feature = "docs", not(feature = "unstable")))]
pub async fn copy<R, W>(reader: &mut R, writer: &mut W) -> io::Result<u64>
where
    R: Read + Unpin + ?Sized,
    W: Write + Unpin + ?Sized,
{
    copy_buffered(BufReader::new(reader), writer).await
}

/// Copies everything `reader` yields into `writer`, then flushes `writer`; returns the
/// number of bytes copied.
///
/// The reader is read through an 8 KiB [`BufReader`] and is not polled again once it
/// has reported its end. A failure is reported with the original error's kind under
/// the message "io::copy failed" (the original error is its `source()`), as in
/// async-std.
///
/// Without the `unstable` feature the reader and writer are taken by `&mut`, as in
/// async-std; with it, by value (`&mut` arguments still work, since `&mut R` is a
/// reader too).
///
/// ```
/// use async_std_compat::io;
///
/// # async_std_compat::task::block_on(async {
/// let mut reader: &[u8] = b"hello";
/// let mut writer = Vec::new();
/// let copied = io::copy(&mut reader, &mut writer).await?;
/// assert_eq!((copied, &writer[..]), (5, &b"hello"[..]));
/// # io::Result::Ok(()) }).unwrap();
/// ```
#[cfg(all(feature = "unstable", not(feature = "docs")))]
pub async fn copy<R, W>(reader: R, writer: W) -> io::Result<u64>
where
    R: Read + Unpin,
    W: Write + Unpin,
{
    copy_buffered(BufReader::new(reader), writer).await
}

async fn copy_buffered<R, W>(reader: R, writer: W) -> io::Result<u64>
where
    R: BufRead + Unpin,
    W: Write + Unpin,
{
    let copy = Copy {
        reader,
        writer,
        copied: 0,
        reader_done: false,
    };
    utils::context(copy.await, "io::copy failed")
}

/// Moves bytes from a buffered reader to a writer until the reader's end, then flushes.
struct Copy<R, W> {
    reader: R,
    writer: W,
    copied: u64,
    reader_done: bool,
}

impl<R: BufRead + Unpin, W: Write + Unpin> Future for Copy<R, W> {
    type Output = io::Result<u64>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            if this.reader_done {
                futures_lite::ready!(Pin::new(&mut this.writer).poll_flush(cx))?;
                return Poll::Ready(Ok(this.copied));
            }
            let buf = futures_lite::ready!(Pin::new(&mut this.reader).poll_fill_buf(cx))?;
            if buf.is_empty() {
                this.reader_done = true;
                continue;
            }
            let n = futures_lite::ready!(Pin::new(&mut this.writer).poll_write(cx, buf))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            this.copied += n as u64;
            Pin::new(&mut this.reader).consume(n);
        }
    }
}
