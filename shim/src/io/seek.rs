//! [`Seek`] and async-std's [`SeekExt`].

use futures_lite::io::SeekFuture;

pub use futures_lite::io::AsyncSeek as Seek;

use super::SeekFrom;

/// Extension methods for [`Seek`]ers: async-std's `SeekExt`.
///
/// Implemented for every `Seek` type; bring it into scope with
/// `use async_std::io::SeekExt;` or `use async_std::prelude::*;`.
///
/// ```
/// use async_std_compat::io::{self, ReadExt, SeekExt, SeekFrom};
///
/// # async_std_compat::task::block_on(async {
/// let mut cursor = io::Cursor::new(b"hello".to_vec());
/// assert_eq!(cursor.seek(SeekFrom::End(-2)).await?, 3);
/// let mut rest = String::new();
/// cursor.read_to_string(&mut rest).await?;
/// assert_eq!(rest, "lo");
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub trait SeekExt: Seek {
    /// Moves the cursor to `pos`; returns the new position from the start.
    fn seek(&mut self, pos: SeekFrom) -> SeekFuture<'_, Self>
    where
        Self: Unpin,
    {
        futures_lite::io::AsyncSeekExt::seek(self, pos)
    }
}

impl<T: Seek + ?Sized> SeekExt for T {}
