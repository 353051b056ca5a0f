//! [`empty`], [`repeat`] and [`sink`].

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Read, Write};
use crate::io;

pub use futures_lite::io::{empty, Empty};

/// Returns a reader that yields `byte` over and over, without end.
///
/// ```
/// use async_std_compat::io::{self, ReadExt};
///
/// # async_std_compat::task::block_on(async {
/// let mut buf = [0; 3];
/// io::repeat(b'z').read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"zzz");
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub fn repeat(byte: u8) -> Repeat {
    Repeat { byte }
}

/// The reader of [`repeat`].
pub struct Repeat {
    byte: u8,
}

impl fmt::Debug for Repeat {
    /// Prints `Empty { .. }`, exactly what async-std's `Repeat` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("Empty { .. }")
    }
}

impl Read for Repeat {
    fn poll_read(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        buf.fill(self.byte);
        Poll::Ready(Ok(buf.len()))
    }
}

/// Returns a writer that accepts every byte and keeps none.
///
/// ```
/// use async_std_compat::io::{self, WriteExt};
///
/// # async_std_compat::task::block_on(async {
/// assert_eq!(io::sink().write(b"gone").await?, 4);
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub fn sink() -> Sink {
    Sink { _private: () }
}

/// The writer of [`sink`].
pub struct Sink {
    _private: (),
}

impl fmt::Debug for Sink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("Sink { .. }")
    }
}

impl Write for Sink {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
