use std::fmt;
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::BufRead;
use crate::io;

/// Future for [`BufReadExt::read_line`](super::BufReadExt::read_line).
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct ReadLineFuture<'a, R: Unpin + ?Sized> {
    reader: &'a mut R,
    buf: &'a mut String,
    // The string's bytes while reading: what it held before, then the line.
    bytes: Vec<u8>,
    read: usize,
}

impl<'a, R: BufRead + Unpin + ?Sized> ReadLineFuture<'a, R> {
    pub(super) fn new(reader: &'a mut R, buf: &'a mut String) -> Self {
        let bytes = mem::take(buf).into_bytes();
        ReadLineFuture {
            reader,
            buf,
            bytes,
            read: 0,
        }
    }
}

impl<R: BufRead + Unpin + ?Sized> Future for ReadLineFuture<'_, R> {
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let result = loop {
            let available = match futures_lite::ready!(Pin::new(&mut *this.reader).poll_fill_buf(cx))
            {
                Ok(available) => available,
                Err(error) => break Err(error),
            };
            let (done, used) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, available.len()),
            };
            this.bytes.extend_from_slice(&available[..used]);
            Pin::new(&mut *this.reader).consume(used);
            this.read += used;
            if done || used == 0 {
                break Ok(mem::take(&mut this.read));
            }
        };
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

impl<R: Unpin + ?Sized> fmt::Debug for ReadLineFuture<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadLineFuture")
            .field("read", &self.read)
            .finish()
    }
}
