use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use crate::io::{self, BufRead, IoSliceMut, Read};

pin_project! {
    /// Reader for [`ReadExt::chain`](super::ReadExt::chain): reads the first reader to
    /// its end, then the second.
    ///
    /// ```
    /// use async_std_compat::io::{self, ReadExt};
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut chain = io::Cursor::new(b"ab".to_vec()).chain(io::Cursor::new(b"c".to_vec()));
    /// let mut text = String::new();
    /// chain.read_to_string(&mut text).await?;
    /// assert_eq!(text, "abc");
    /// let (first, second) = chain.into_inner();
    /// assert_eq!((first.position(), second.position()), (2, 1));
    /// # io::Result::Ok(()) }).unwrap();
    /// ```
    pub struct Chain<T, U> {
        #[pin]
        first: T,
        #[pin]
        second: U,
        done_first: bool,
    }
}

impl<T, U> Chain<T, U> {
    pub(super) fn new(first: T, second: U) -> Self {
        Chain {
            first,
            second,
            done_first: false,
        }
    }

    /// Returns the two readers.
    pub fn into_inner(self) -> (T, U) {
        (self.first, self.second)
    }

    /// Borrows the two readers.
    pub fn get_ref(&self) -> (&T, &U) {
        (&self.first, &self.second)
    }

    /// Borrows the two readers mutably; reading from them directly may confuse the chain.
    pub fn get_mut(&mut self) -> (&mut T, &mut U) {
        (&mut self.first, &mut self.second)
    }
}

impl<T: fmt::Debug, U: fmt::Debug> fmt::Debug for Chain<T, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // async-std's field names.
        f.debug_struct("Chain")
            .field("t", &self.first)
            .field("u", &self.second)
            .finish()
    }
}

impl<T: Read, U: Read> Read for Chain<T, U> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        if !*this.done_first {
            match futures_lite::ready!(this.first.poll_read(cx, buf))? {
                0 if !buf.is_empty() => *this.done_first = true,
                n => return Poll::Ready(Ok(n)),
            }
        }
        this.second.poll_read(cx, buf)
    }

    fn poll_read_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &mut [IoSliceMut<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        if !*this.done_first {
            match futures_lite::ready!(this.first.poll_read_vectored(cx, bufs))? {
                0 if !bufs.is_empty() => *this.done_first = true,
                n => return Poll::Ready(Ok(n)),
            }
        }
        this.second.poll_read_vectored(cx, bufs)
    }
}

impl<T: BufRead, U: BufRead> BufRead for Chain<T, U> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        let this = self.project();
        if !*this.done_first {
            match futures_lite::ready!(this.first.poll_fill_buf(cx))? {
                [] => *this.done_first = true,
                buf => return Poll::Ready(Ok(buf)),
            }
        }
        this.second.poll_fill_buf(cx)
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        let this = self.project();
        if *this.done_first {
            this.second.consume(amt)
        } else {
            this.first.consume(amt)
        }
    }
}
