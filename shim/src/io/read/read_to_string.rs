use std::fmt;
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::Read;
use crate::io;

/// Future for [`ReadExt::read_to_string`](super::ReadExt::read_to_string).
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct ReadToStringFuture<'a, R: Unpin + ?Sized> {
    reader: &'a mut R,
    buf: &'a mut String,
    // The string's bytes while reading: what it held before, then what was read.
    bytes: Vec<u8>,
    start_len: usize,
}

impl<'a, R: Read + Unpin + ?Sized> ReadToStringFuture<'a, R> {
    pub(super) fn new(reader: &'a mut R, buf: &'a mut String) -> Self {
        let start_len = buf.len();
        let bytes = mem::take(buf).into_bytes();
        ReadToStringFuture {
            reader,
            buf,
            bytes,
            start_len,
        }
    }
}

impl<R: Read + Unpin + ?Sized> Future for ReadToStringFuture<'_, R> {
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let result = futures_lite::ready!(read_to_end(
            Pin::new(&mut *this.reader),
            cx,
            &mut this.bytes,
            this.start_len
        ));
        match String::from_utf8(mem::take(&mut this.bytes)) {
            Ok(text) => {
                *this.buf = text;
                Poll::Ready(result)
            }
            // As async-std: the bytes (and with them the string's old contents) are
            // dropped, and an I/O error, if any, wins over the UTF-8 one.
            Err(_) => Poll::Ready(result.and_then(|_| {
                Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                ))
            })),
        }
    }
}

impl<R: Unpin + ?Sized> fmt::Debug for ReadToStringFuture<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadToStringFuture")
            .field("read", &self.bytes.len().saturating_sub(self.start_len))
            .finish()
    }
}

/// Reads `reader` to its end into `buf`, growing it as needed; returns the number of
/// bytes past `start_len`. Bytes read before a `Pending` stay in `buf`.
fn read_to_end<R: Read + ?Sized>(
    mut reader: Pin<&mut R>,
    cx: &mut Context<'_>,
    buf: &mut Vec<u8>,
    start_len: usize,
) -> Poll<io::Result<usize>> {
    loop {
        let filled = buf.len();
        if buf.capacity() - filled < 32 {
            buf.reserve(32);
        }
        buf.resize(buf.capacity(), 0);
        let poll = reader.as_mut().poll_read(cx, &mut buf[filled..]);
        let read = match &poll {
            Poll::Ready(Ok(n)) => *n,
            _ => 0,
        };
        buf.truncate(filled + read);
        match poll {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Ready(Ok(0)) => return Poll::Ready(Ok(buf.len() - start_len)),
            Poll::Ready(Ok(_)) => {}
        }
    }
}
