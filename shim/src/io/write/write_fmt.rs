use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::Write;

/// Future for [`WriteExt::write_fmt`](super::WriteExt::write_fmt).
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct WriteFmtFuture<'a, T: Unpin + ?Sized> {
    writer: &'a mut T,
    text: Vec<u8>,
    written: usize,
}

impl<'a, T: Write + Unpin + ?Sized> WriteFmtFuture<'a, T> {
    pub(super) fn new(writer: &'a mut T, fmt: fmt::Arguments<'_>) -> Self {
        WriteFmtFuture {
            writer,
            text: fmt::format(fmt).into_bytes(),
            written: 0,
        }
    }
}

impl<T: Write + Unpin + ?Sized> Future for WriteFmtFuture<'_, T> {
    type Output = std::io::Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        while this.written < this.text.len() {
            let n = futures_lite::ready!(
                Pin::new(&mut *this.writer).poll_write(cx, &this.text[this.written..])
            )?;
            if n == 0 {
                return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()));
            }
            this.written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: Unpin + ?Sized> fmt::Debug for WriteFmtFuture<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WriteFmtFuture")
            .field("len", &self.text.len())
            .field("written", &self.written)
            .finish()
    }
}
