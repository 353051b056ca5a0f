//! [`Read`] and async-std's [`ReadExt`].

use futures_lite::io::{
    Bytes, Chain, ReadExactFuture, ReadFuture, ReadToEndFuture, ReadToStringFuture,
    ReadVectoredFuture, Take,
};

pub use futures_lite::io::AsyncRead as Read;

use super::IoSliceMut;

/// Extension methods for [`Read`]ers: async-std's `ReadExt`.
///
/// Implemented for every `Read` type; bring it into scope with
/// `use async_std::io::ReadExt;` or `use async_std::prelude::*;`.
///
/// ```
/// use async_std_compat::io::ReadExt;
///
/// # async_std_compat::task::block_on(async {
/// let mut reader: &[u8] = b"abc";
/// let mut byte = [0u8; 1];
/// reader.read_exact(&mut byte).await?;
/// assert_eq!(&byte, b"a");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait ReadExt: Read {
    /// Reads some bytes into `buf`, returning how many were read (0 at end of input).
    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> ReadFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read(self, buf)
    }

    /// Like [`read`](ReadExt::read), into several buffers.
    fn read_vectored<'a>(
        &'a mut self,
        bufs: &'a mut [IoSliceMut<'a>],
    ) -> ReadVectoredFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read_vectored(self, bufs)
    }

    /// Reads all bytes until end of input, appending them to `buf`.
    fn read_to_end<'a>(&'a mut self, buf: &'a mut Vec<u8>) -> ReadToEndFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read_to_end(self, buf)
    }

    /// Reads all bytes until end of input, appending them to `buf` as UTF-8.
    fn read_to_string<'a>(&'a mut self, buf: &'a mut String) -> ReadToStringFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read_to_string(self, buf)
    }

    /// Reads exactly enough bytes to fill `buf`, or fails with `UnexpectedEof`.
    fn read_exact<'a>(&'a mut self, buf: &'a mut [u8]) -> ReadExactFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read_exact(self, buf)
    }

    /// Creates a reader that reads at most `limit` bytes.
    fn take(self, limit: u64) -> Take<Self>
    where
        Self: Sized,
    {
        futures_lite::io::AsyncReadExt::take(self, limit)
    }

    /// Borrows this reader, so that adapters can be applied without consuming it.
    ///
    /// futures-lite has no `by_ref`; this is async-std's.
    fn by_ref(&mut self) -> &mut Self
    where
        Self: Sized,
    {
        self
    }

    /// Turns this reader into a stream of its bytes.
    fn bytes(self) -> Bytes<Self>
    where
        Self: Sized,
    {
        futures_lite::io::AsyncReadExt::bytes(self)
    }

    /// Creates a reader that reads all of this one, then all of `next`.
    fn chain<R: Read>(self, next: R) -> Chain<Self, R>
    where
        Self: Sized,
    {
        futures_lite::io::AsyncReadExt::chain(self, next)
    }
}

impl<T: Read + ?Sized> ReadExt for T {}
