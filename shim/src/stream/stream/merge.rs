use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use futures_lite::stream::{Fuse, StreamExt as _};
use pin_project_lite::pin_project;

pin_project! {
    /// A stream that interleaves the items of two streams, returned by
    /// [`StreamExt::merge`](super::StreamExt::merge).
    ///
    /// Each poll starts with a randomly chosen side, as in async-std. It ends only when
    /// both streams have ended, and loses no item (futures-lite's `race` never ends, and
    /// its `or` drops the rest of the slower stream).
    #[derive(Debug)]
    pub struct Merge<L, R> {
        #[pin]
        left: Fuse<L>,
        #[pin]
        right: Fuse<R>,
    }
}

impl<L: Stream, R: Stream> Merge<L, R> {
    pub(crate) fn new(left: L, right: R) -> Merge<L, R> {
        Merge {
            left: left.fuse(),
            right: right.fuse(),
        }
    }
}

impl<L, R, T> Stream for Merge<L, R>
where
    L: Stream<Item = T>,
    R: Stream<Item = T>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.project();
        if fastrand::bool() {
            poll_in_order(this.left, this.right, cx)
        } else {
            poll_in_order(this.right, this.left, cx)
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (left_low, left_high) = self.left.size_hint();
        let (right_low, right_high) = self.right.size_hint();
        let high = match (left_high, right_high) {
            (Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        (left_low.saturating_add(right_low), high)
    }
}

/// Polls `first`, then `second` if `first` has no item; ends only when both have ended.
/// Both streams are fused, so an ended one answers `None` without being polled.
fn poll_in_order<A, B, T>(
    first: Pin<&mut A>,
    second: Pin<&mut B>,
    cx: &mut Context<'_>,
) -> Poll<Option<T>>
where
    A: Stream<Item = T>,
    B: Stream<Item = T>,
{
    let first_polled = first.poll_next(cx);
    if let Poll::Ready(Some(item)) = first_polled {
        return Poll::Ready(Some(item));
    }
    match second.poll_next(cx) {
        Poll::Ready(Some(item)) => Poll::Ready(Some(item)),
        Poll::Ready(None) if first_polled.is_ready() => Poll::Ready(None),
        _ => Poll::Pending,
    }
}
