//! [`BufRead`] and async-std's [`BufReadExt`], with the [`Lines`] and [`Split`]
//! streams.

mod read_line;

use futures_lite::io::ReadUntilFuture;

pub use futures_lite::io::AsyncBufRead as BufRead;
pub use futures_lite::io::{Lines, Split};
pub use read_line::ReadLineFuture;

/// Extension methods for buffered readers ([`BufRead`]): async-std's `BufReadExt`.
///
/// Implemented for every `BufRead` type; bring it into scope with
/// `use async_std::io::BufReadExt;` or `use async_std::prelude::*;`.
///
/// ```
/// use async_std_compat::io::{BufReadExt, BufReader};
///
/// # async_std_compat::task::block_on(async {
/// let mut reader = BufReader::new(&b"one\ntwo\n"[..]);
/// let mut line = String::new();
/// reader.read_line(&mut line).await?;
/// reader.read_line(&mut line).await?;
/// assert_eq!(line, "one\ntwo\n");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait BufReadExt: BufRead {
    /// Reads bytes into `buf` up to and including the next `byte`, or to the end of
    /// input; returns how many bytes were appended (0 at end of input).
    ///
    /// ```
    /// use async_std_compat::io::BufReadExt;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut reader: &[u8] = b"a,b";
    /// let mut buf = Vec::new();
    /// assert_eq!(reader.read_until(b',', &mut buf).await?, 2);
    /// assert_eq!(reader.read_until(b',', &mut buf).await?, 1);
    /// assert_eq!(buf, b"a,b");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_until<'a>(&'a mut self, byte: u8, buf: &'a mut Vec<u8>) -> ReadUntilFuture<'a, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncBufReadExt::read_until(self, byte, buf)
    }

    /// Reads a line, including its `\n` if there is one, and appends it to `buf`;
    /// returns how many bytes were appended (0 at end of input).
    ///
    /// If the line is not valid UTF-8 the result is an `InvalidData` error ("stream did
    /// not contain valid UTF-8") and, as in async-std, `buf` is left empty (what it held
    /// before the call is gone too).
    ///
    /// futures-lite's `read_line` replaces the string's contents; this one appends, as
    /// async-std's and std's do.
    fn read_line<'a>(&'a mut self, buf: &'a mut String) -> ReadLineFuture<'a, Self>
    where
        Self: Unpin,
    {
        ReadLineFuture::new(self, buf)
    }

    /// Returns a stream of the lines of this reader, without their `\n` or `\r\n`.
    ///
    /// An item is an `InvalidData` error for a line that is not valid UTF-8; the next
    /// item is the next line. (async-std's `Lines` keeps failing on every later item
    /// once one line was not UTF-8.)
    ///
    /// ```
    /// use async_std_compat::io::BufReadExt;
    /// use async_std_compat::prelude::*;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let reader: &[u8] = b"a\r\nb\nc";
    /// let mut lines = reader.lines();
    /// let mut all = Vec::new();
    /// while let Some(line) = lines.next().await {
    ///     all.push(line?);
    /// }
    /// assert_eq!(all, ["a", "b", "c"]);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn lines(self) -> Lines<Self>
    where
        Self: Unpin + Sized,
    {
        futures_lite::io::AsyncBufReadExt::lines(self)
    }

    /// Returns a stream of the pieces of this reader between `byte`s (without the
    /// `byte`).
    ///
    /// ```
    /// use async_std_compat::io::{self, BufReadExt};
    /// use async_std_compat::prelude::*;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut pieces = io::Cursor::new(b"lorem-ipsum").split(b'-');
    /// assert_eq!(pieces.next().await.transpose()?, Some(b"lorem".to_vec()));
    /// assert_eq!(pieces.next().await.transpose()?, Some(b"ipsum".to_vec()));
    /// assert_eq!(pieces.next().await.transpose()?, None);
    /// # io::Result::Ok(()) }).unwrap();
    /// ```
    fn split(self, byte: u8) -> Split<Self>
    where
        Self: Sized,
    {
        futures_lite::io::AsyncBufReadExt::split(self, byte)
    }
}

impl<T: BufRead + ?Sized> BufReadExt for T {}
