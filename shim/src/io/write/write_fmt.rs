use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::Write;
use crate::io;

/// Future for [`WriteExt::write_fmt`](super::WriteExt::write_fmt).
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct WriteFmtFuture<'a, T: Unpin + ?Sized> {
    writer: &'a mut T,
    // The formatted text, or the formatting error not yet reported.
    text: io::Result<Vec<u8>>,
    written: usize,
}

impl<'a, T: Write + Unpin + ?Sized> WriteFmtFuture<'a, T> {
    pub(super) fn new(writer: &'a mut T, fmt: fmt::Arguments<'_>) -> Self {
        WriteFmtFuture {
            writer,
            text: format(fmt),
            written: 0,
        }
    }
}

/// Formats `args` up front, as async-std's `write_fmt` does: a `Display` impl that
/// fails gives an `Other` error, "formatter error".
pub(crate) fn format(args: fmt::Arguments<'_>) -> io::Result<Vec<u8>> {
    let mut text = String::new();
    fmt::write(&mut text, args)
        .map(|()| text.into_bytes())
        .map_err(|_| io::Error::other("formatter error"))
}

impl<T: Write + Unpin + ?Sized> Future for WriteFmtFuture<'_, T> {
    type Output = io::Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let text = match &this.text {
            Ok(text) => text,
            Err(_) => {
                let error = std::mem::replace(&mut this.text, Ok(Vec::new()));
                return Poll::Ready(error.map(drop));
            }
        };
        while this.written < text.len() {
            let n = futures_lite::ready!(
                Pin::new(&mut *this.writer).poll_write(cx, &text[this.written..])
            )?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            this.written += n;
        }
        Pin::new(&mut *this.writer).poll_flush(cx)
    }
}

impl<T: Unpin + ?Sized> fmt::Debug for WriteFmtFuture<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("WriteFmtFuture");
        match &self.text {
            Ok(text) => debug.field("len", &text.len()),
            Err(error) => debug.field("error", error),
        };
        debug.field("written", &self.written).finish()
    }
}
