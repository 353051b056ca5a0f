//! Lexicographic comparison of two streams: `cmp`, `partial_cmp`, `eq`, `ne`, `lt`, ...

use std::cmp::Ordering;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use pin_project_lite::pin_project;

/// One item of each stream; `None` for a stream that has ended.
type Pair<L, R> = (Option<<L as Stream>::Item>, Option<<R as Stream>::Item>);

pin_project! {
    /// Walks two streams side by side, one pair of items at a time.
    struct Pairs<L: Stream, R: Stream> {
        #[pin]
        left: L,
        #[pin]
        right: R,
        left_item: Option<L::Item>,
        right_item: Option<R::Item>,
        left_done: bool,
        right_done: bool,
    }
}

impl<L: Stream, R: Stream> Pairs<L, R> {
    fn new(left: L, right: R) -> Self {
        Pairs {
            left,
            right,
            left_item: None,
            right_item: None,
            left_done: false,
            right_done: false,
        }
    }

    /// The next pair; `(None, None)` once both streams have ended. A stream is not
    /// polled again after it ended.
    fn poll_pair(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Pair<L, R>> {
        let this = self.project();
        if this.left_item.is_none() && !*this.left_done {
            match this.left.poll_next(cx) {
                Poll::Ready(Some(item)) => *this.left_item = Some(item),
                Poll::Ready(None) => *this.left_done = true,
                Poll::Pending => {}
            }
        }
        if this.right_item.is_none() && !*this.right_done {
            match this.right.poll_next(cx) {
                Poll::Ready(Some(item)) => *this.right_item = Some(item),
                Poll::Ready(None) => *this.right_done = true,
                Poll::Pending => {}
            }
        }
        let left_ready = this.left_item.is_some() || *this.left_done;
        let right_ready = this.right_item.is_some() || *this.right_done;
        if left_ready && right_ready {
            Poll::Ready((this.left_item.take(), this.right_item.take()))
        } else {
            Poll::Pending
        }
    }
}

pin_project! {
    /// The future of [`partial_cmp`](super::StreamExt::partial_cmp): compares two
    /// streams lexicographically; a stream that ends first is `Less`.
    pub struct PartialCmpFuture<L: Stream, R: Stream> {
        #[pin]
        pairs: Pairs<L, R>,
    }
}

impl<L: Stream, R: Stream> PartialCmpFuture<L, R> {
    pub(crate) fn new(left: L, right: R) -> Self {
        PartialCmpFuture {
            pairs: Pairs::new(left, right),
        }
    }
}

impl<L, R> Future for PartialCmpFuture<L, R>
where
    L: Stream,
    R: Stream,
    L::Item: PartialOrd<R::Item>,
{
    type Output = Option<Ordering>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Ordering>> {
        let mut pairs = self.project().pairs;
        loop {
            match futures_core::ready!(pairs.as_mut().poll_pair(cx)) {
                (Some(l), Some(r)) => match l.partial_cmp(&r) {
                    Some(Ordering::Equal) => continue,
                    other => return Poll::Ready(other),
                },
                (None, None) => return Poll::Ready(Some(Ordering::Equal)),
                (None, Some(_)) => return Poll::Ready(Some(Ordering::Less)),
                (Some(_), None) => return Poll::Ready(Some(Ordering::Greater)),
            }
        }
    }
}

pin_project! {
    /// The future of [`cmp`](super::StreamExt::cmp): compares two streams
    /// lexicographically; a stream that ends first is `Less`.
    pub struct CmpFuture<L: Stream, R: Stream> {
        #[pin]
        pairs: Pairs<L, R>,
    }
}

impl<L: Stream, R: Stream> CmpFuture<L, R> {
    pub(crate) fn new(left: L, right: R) -> Self {
        CmpFuture {
            pairs: Pairs::new(left, right),
        }
    }
}

impl<L, R> Future for CmpFuture<L, R>
where
    L: Stream,
    R: Stream<Item = L::Item>,
    L::Item: Ord,
{
    type Output = Ordering;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Ordering> {
        let mut pairs = self.project().pairs;
        loop {
            match futures_core::ready!(pairs.as_mut().poll_pair(cx)) {
                (Some(l), Some(r)) => match l.cmp(&r) {
                    Ordering::Equal => continue,
                    other => return Poll::Ready(other),
                },
                (None, None) => return Poll::Ready(Ordering::Equal),
                (None, Some(_)) => return Poll::Ready(Ordering::Less),
                (Some(_), None) => return Poll::Ready(Ordering::Greater),
            }
        }
    }
}

pin_project! {
    /// The future of [`eq`](super::StreamExt::eq) and [`ne`](super::StreamExt::ne):
    /// whether two streams have equal items and equal length.
    pub struct EqFuture<L: Stream, R: Stream> {
        #[pin]
        pairs: Pairs<L, R>,
        negate: bool,
    }
}

impl<L: Stream, R: Stream> EqFuture<L, R> {
    pub(crate) fn new(left: L, right: R, negate: bool) -> Self {
        EqFuture {
            pairs: Pairs::new(left, right),
            negate,
        }
    }
}

impl<L, R> Future for EqFuture<L, R>
where
    L: Stream,
    R: Stream,
    L::Item: PartialEq<R::Item>,
{
    type Output = bool;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        let this = self.project();
        let mut pairs = this.pairs;
        let equal = loop {
            match futures_core::ready!(pairs.as_mut().poll_pair(cx)) {
                (Some(l), Some(r)) if l == r => continue,
                (None, None) => break true,
                _ => break false,
            }
        };
        Poll::Ready(equal != *this.negate)
    }
}

pin_project! {
    /// The future of [`lt`](super::StreamExt::lt), [`le`](super::StreamExt::le),
    /// [`gt`](super::StreamExt::gt) and [`ge`](super::StreamExt::ge).
    pub struct OrderFuture<L: Stream, R: Stream> {
        #[pin]
        inner: PartialCmpFuture<L, R>,
        accept: fn(Option<Ordering>) -> bool,
    }
}

impl<L: Stream, R: Stream> OrderFuture<L, R> {
    pub(crate) fn new(left: L, right: R, accept: fn(Option<Ordering>) -> bool) -> Self {
        OrderFuture {
            inner: PartialCmpFuture::new(left, right),
            accept,
        }
    }
}

impl<L, R> Future for OrderFuture<L, R>
where
    L: Stream,
    R: Stream,
    L::Item: PartialOrd<R::Item>,
{
    type Output = bool;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        let this = self.project();
        let ordering = futures_core::ready!(this.inner.poll(cx));
        Poll::Ready((this.accept)(ordering))
    }
}

macro_rules! opaque_debug {
    ($($name:ident),*) => {$(
        impl<L: Stream, R: Stream> fmt::Debug for $name<L, R> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }
    )*};
}

opaque_debug!(PartialCmpFuture, CmpFuture, EqFuture, OrderFuture);
