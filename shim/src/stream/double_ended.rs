//! async-std's unstable stream traits: `DoubleEndedStream`, `ExactSizeStream` and
//! `FusedStream`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use pin_project_lite::pin_project;

/// A stream that can also yield items from its back: async-std's trait (unstable).
///
/// Implemented by [`from_iter`](super::from_iter) over a double-ended iterator,
/// [`once`](super::once) and [`pending`](super::pending), as in async-std.
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let mut s = stream::from_iter(vec![1, 2, 3]);
/// assert_eq!(s.next_back().await, Some(3));
/// assert_eq!(s.next().await, Some(1));
/// assert_eq!(s.rfold(0, |acc, x| acc * 10 + x).await, 2);
/// # });
/// ```
pub trait DoubleEndedStream: Stream {
    /// Attempts to receive the next item from the back of the stream.
    fn poll_next_back(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>>;

    /// Resolves to the next item from the back; `None` once the stream is exhausted.
    fn next_back(&mut self) -> NextBackFuture<'_, Self>
    where
        Self: Unpin,
    {
        NextBackFuture { stream: self }
    }

    /// Resolves to the `n`-th item from the back (from 0).
    fn nth_back(&mut self, n: usize) -> NthBackFuture<'_, Self>
    where
        Self: Unpin + Sized,
    {
        NthBackFuture { stream: self, n }
    }

    /// Resolves to the first item from the back for which `p` returns `true`.
    fn rfind<P>(&mut self, p: P) -> RFindFuture<'_, Self, P>
    where
        Self: Unpin + Sized,
        P: FnMut(&Self::Item) -> bool,
    {
        RFindFuture { stream: self, p }
    }

    /// Folds the items from the back.
    fn rfold<B, F>(self, accum: B, f: F) -> RFoldFuture<Self, F, B>
    where
        Self: Sized,
        F: FnMut(B, Self::Item) -> B,
    {
        RFoldFuture {
            stream: self,
            f,
            acc: Some(accum),
        }
    }

    /// Folds the items from the back with a fallible closure, stopping at the first
    /// error.
    fn try_rfold<B, F, E>(self, accum: B, f: F) -> TryRFoldFuture<Self, F, B>
    where
        Self: Sized,
        F: FnMut(B, Self::Item) -> Result<B, E>,
    {
        TryRFoldFuture {
            stream: self,
            f,
            acc: Some(accum),
        }
    }
}

/// A stream that knows its exact length: async-std's trait (unstable).
#[allow(clippy::len_without_is_empty)]
pub trait ExactSizeStream: Stream {
    /// Returns the exact number of items left.
    ///
    /// # Panics
    ///
    /// The default implementation panics if the stream's `size_hint` is not exact.
    fn len(&self) -> usize {
        let (lower, upper) = self.size_hint();
        assert_eq!(upper, Some(lower));
        lower
    }
}

impl<I: ExactSizeStream + ?Sized + Unpin> ExactSizeStream for &mut I {
    fn len(&self) -> usize {
        (**self).len()
    }
}

/// A stream that keeps returning `None` once it has returned `None`: async-std's marker
/// trait (unstable).
///
/// This is async-std's own trait, with no methods, not `futures_core`'s `FusedStream`
/// (which requires `is_terminated`).
pub trait FusedStream: Stream {}

impl<S: FusedStream + ?Sized + Unpin> FusedStream for &mut S {}

/// The future of [`DoubleEndedStream::next_back`].
#[derive(Debug)]
pub struct NextBackFuture<'a, S: ?Sized> {
    stream: &'a mut S,
}

impl<S: DoubleEndedStream + Unpin + ?Sized> Future for NextBackFuture<'_, S> {
    type Output = Option<S::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut *self.stream).poll_next_back(cx)
    }
}

/// The future of [`DoubleEndedStream::nth_back`].
#[derive(Debug)]
pub struct NthBackFuture<'a, S> {
    stream: &'a mut S,
    n: usize,
}

impl<S: DoubleEndedStream + Unpin> Future for NthBackFuture<'_, S> {
    type Output = Option<S::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            match futures_core::ready!(Pin::new(&mut *self.stream).poll_next_back(cx)) {
                Some(item) if self.n == 0 => return Poll::Ready(Some(item)),
                Some(_) => self.n -= 1,
                None => return Poll::Ready(None),
            }
        }
    }
}

/// The future of [`DoubleEndedStream::rfind`].
pub struct RFindFuture<'a, S, P> {
    stream: &'a mut S,
    p: P,
}

impl<S, P> Unpin for RFindFuture<'_, S, P> {}

impl<S, P> Future for RFindFuture<'_, S, P>
where
    S: DoubleEndedStream + Unpin,
    P: FnMut(&S::Item) -> bool,
{
    type Output = Option<S::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        loop {
            match futures_core::ready!(Pin::new(&mut *this.stream).poll_next_back(cx)) {
                Some(item) if (this.p)(&item) => return Poll::Ready(Some(item)),
                Some(_) => {}
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<S, P> fmt::Debug for RFindFuture<'_, S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RFindFuture").finish_non_exhaustive()
    }
}

pin_project! {
    /// The future of [`DoubleEndedStream::rfold`].
    pub struct RFoldFuture<S, F, B> {
        #[pin]
        stream: S,
        f: F,
        acc: Option<B>,
    }
}

impl<S, F, B> Future for RFoldFuture<S, F, B>
where
    S: DoubleEndedStream,
    F: FnMut(B, S::Item) -> B,
{
    type Output = B;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<B> {
        let mut this = self.project();
        loop {
            let next = futures_core::ready!(this.stream.as_mut().poll_next_back(cx));
            let acc = this
                .acc
                .take()
                .expect("RFoldFuture polled after completion");
            match next {
                Some(item) => *this.acc = Some((this.f)(acc, item)),
                None => return Poll::Ready(acc),
            }
        }
    }
}

impl<S, F, B> fmt::Debug for RFoldFuture<S, F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RFoldFuture").finish_non_exhaustive()
    }
}

pin_project! {
    /// The future of [`DoubleEndedStream::try_rfold`].
    pub struct TryRFoldFuture<S, F, B> {
        #[pin]
        stream: S,
        f: F,
        acc: Option<B>,
    }
}

impl<S, F, B, E> Future for TryRFoldFuture<S, F, B>
where
    S: DoubleEndedStream,
    F: FnMut(B, S::Item) -> Result<B, E>,
{
    type Output = Result<B, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            let next = futures_core::ready!(this.stream.as_mut().poll_next_back(cx));
            let acc = this
                .acc
                .take()
                .expect("TryRFoldFuture polled after completion");
            match next {
                Some(item) => *this.acc = Some((this.f)(acc, item)?),
                None => return Poll::Ready(Ok(acc)),
            }
        }
    }
}

impl<S, F, B> fmt::Debug for TryRFoldFuture<S, F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryRFoldFuture").finish_non_exhaustive()
    }
}
