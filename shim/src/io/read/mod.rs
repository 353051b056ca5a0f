//! [`Read`] and async-std's [`ReadExt`], with the [`Bytes`], [`Chain`] and [`Take`]
//! adapters.

mod chain;
mod read_to_string;

use futures_lite::io::{ReadExactFuture, ReadFuture, ReadToEndFuture, ReadVectoredFuture};

pub use chain::Chain;
pub use futures_lite::io::AsyncRead as Read;
pub use futures_lite::io::{Bytes, Take};
pub use read_to_string::ReadToStringFuture;

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

    /// Reads all bytes until end of input, appending them to `buf`; returns how many
    /// bytes were appended.
    fn read_to_end<'a>(&'a mut self, buf: &'a mut Vec<u8>) -> ReadToEndFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read_to_end(self, buf)
    }

    /// Reads all bytes until end of input, appending them to `buf` as UTF-8; returns how
    /// many bytes were appended.
    ///
    /// If the input is not valid UTF-8 the result is an `InvalidData` error ("stream did
    /// not contain valid UTF-8") and, as in async-std, `buf` is left empty (what it held
    /// before the call is gone too).
    ///
    /// Unlike futures-lite's `read_to_string`, which replaces the string's contents, this
    /// one appends, as async-std's and std's do.
    ///
    /// ```
    /// use async_std_compat::io::ReadExt;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut reader: &[u8] = b" world";
    /// let mut text = String::from("hello");
    /// assert_eq!(reader.read_to_string(&mut text).await?, 6);
    /// assert_eq!(text, "hello world");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_to_string<'a>(&'a mut self, buf: &'a mut String) -> ReadToStringFuture<'a, Self>
    where
        Self: Unpin,
    {
        ReadToStringFuture::new(self, buf)
    }

    /// Reads exactly enough bytes to fill `buf`, or fails with `UnexpectedEof`.
    fn read_exact<'a>(&'a mut self, buf: &'a mut [u8]) -> ReadExactFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncReadExt::read_exact(self, buf)
    }

    /// Creates a reader that reads at most `limit` bytes.
    ///
    /// ```
    /// use async_std_compat::io::ReadExt;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let reader: &[u8] = b"abcdef";
    /// let mut text = String::new();
    /// reader.take(3).read_to_string(&mut text).await?;
    /// assert_eq!(text, "abc");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
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
    ///
    /// ```
    /// use async_std_compat::io::ReadExt;
    /// use async_std_compat::prelude::*;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let reader: &[u8] = b"hi";
    /// let mut bytes = reader.bytes();
    /// assert_eq!(bytes.next().await.transpose()?, Some(b'h'));
    /// assert_eq!(bytes.next().await.transpose()?, Some(b'i'));
    /// assert_eq!(bytes.next().await.transpose()?, None);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn bytes(self) -> Bytes<Self>
    where
        Self: Sized,
    {
        futures_lite::io::AsyncReadExt::bytes(self)
    }

    /// Creates a reader that reads all of this one, then all of `next`.
    ///
    /// ```
    /// use async_std_compat::io::ReadExt;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let (first, second): (&[u8], &[u8]) = (b"ab", b"cd");
    /// let mut text = String::new();
    /// first.chain(second).read_to_string(&mut text).await?;
    /// assert_eq!(text, "abcd");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn chain<R: Read>(self, next: R) -> Chain<Self, R>
    where
        Self: Sized,
    {
        Chain::new(self, next)
    }
}

impl<T: Read + ?Sized> ReadExt for T {}
