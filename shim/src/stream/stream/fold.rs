//! Futures that consume a whole stream: min/max and `try_fold`.

use std::cmp::Ordering;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// The future of [`min`](super::StreamExt::min), [`max`](super::StreamExt::max),
    /// [`min_by`](super::StreamExt::min_by) and [`max_by`](super::StreamExt::max_by).
    ///
    /// On ties the **first** extreme item wins, for `max` as for `min` (async-std's rule;
    /// `Iterator::max` keeps the last).
    pub struct ExtremumFuture<S, F, T> {
        #[pin]
        stream: S,
        compare: F,
        wanted: Ordering,
        best: Option<T>,
    }
}

impl<S, F, T> ExtremumFuture<S, F, T> {
    pub(crate) fn new(stream: S, compare: F, wanted: Ordering) -> Self {
        ExtremumFuture {
            stream,
            compare,
            wanted,
            best: None,
        }
    }
}

impl<S, F> Future for ExtremumFuture<S, F, S::Item>
where
    S: Stream,
    F: FnMut(&S::Item, &S::Item) -> Ordering,
{
    type Output = Option<S::Item>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            match futures_core::ready!(this.stream.as_mut().poll_next(cx)) {
                Some(new) => {
                    let replace = match this.best.as_ref() {
                        None => true,
                        Some(old) => (this.compare)(&new, old) == *this.wanted,
                    };
                    if replace {
                        *this.best = Some(new);
                    }
                }
                None => return Poll::Ready(this.best.take()),
            }
        }
    }
}

impl<S, F, T> fmt::Debug for ExtremumFuture<S, F, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtremumFuture").finish_non_exhaustive()
    }
}

pin_project! {
    /// The future of [`min_by_key`](super::StreamExt::min_by_key) and
    /// [`max_by_key`](super::StreamExt::max_by_key): the first extreme item wins ties.
    pub struct ExtremumByKeyFuture<S, T, F, B> {
        #[pin]
        stream: S,
        key_by: F,
        wanted: Ordering,
        best: Option<(B, T)>,
    }
}

impl<S, T, F, B> ExtremumByKeyFuture<S, T, F, B> {
    pub(crate) fn new(stream: S, key_by: F, wanted: Ordering) -> Self {
        ExtremumByKeyFuture {
            stream,
            key_by,
            wanted,
            best: None,
        }
    }
}

impl<S, F, B> Future for ExtremumByKeyFuture<S, S::Item, F, B>
where
    S: Stream,
    B: Ord,
    F: FnMut(&S::Item) -> B,
{
    type Output = Option<S::Item>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            match futures_core::ready!(this.stream.as_mut().poll_next(cx)) {
                Some(new) => {
                    let key = (this.key_by)(&new);
                    let replace = match this.best.as_ref() {
                        None => true,
                        Some((old_key, _)) => key.cmp(old_key) == *this.wanted,
                    };
                    if replace {
                        *this.best = Some((key, new));
                    }
                }
                None => return Poll::Ready(this.best.take().map(|(_, item)| item)),
            }
        }
    }
}

impl<S, T, F, B> fmt::Debug for ExtremumByKeyFuture<S, T, F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtremumByKeyFuture")
            .finish_non_exhaustive()
    }
}

/// The future of [`try_fold`](super::StreamExt::try_fold): folds plain items with a
/// fallible closure, stopping at the first error.
pub struct TryFoldFuture<'a, S, F, T> {
    stream: &'a mut S,
    f: F,
    acc: Option<T>,
}

impl<'a, S, F, T> TryFoldFuture<'a, S, F, T> {
    pub(crate) fn new(stream: &'a mut S, init: T, f: F) -> Self {
        TryFoldFuture {
            stream,
            f,
            acc: Some(init),
        }
    }
}

impl<S, F, T> Unpin for TryFoldFuture<'_, S, F, T> {}

impl<S, F, T, E> Future for TryFoldFuture<'_, S, F, T>
where
    S: Stream + Unpin,
    F: FnMut(T, S::Item) -> Result<T, E>,
{
    type Output = Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        loop {
            let next = futures_core::ready!(Pin::new(&mut *this.stream).poll_next(cx));
            let acc = this
                .acc
                .take()
                .expect("TryFoldFuture polled after completion");
            match next {
                Some(item) => this.acc = Some((this.f)(acc, item)?),
                None => return Poll::Ready(Ok(acc)),
            }
        }
    }
}

impl<S, F, T> fmt::Debug for TryFoldFuture<'_, S, F, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryFoldFuture").finish_non_exhaustive()
    }
}
