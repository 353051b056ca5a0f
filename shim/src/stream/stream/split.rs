//! Futures that split a stream into two collections: `partition` and `unzip`.
//!
//! async-std's methods require its async [`Extend`](crate::stream::Extend) of the
//! collections when called, and the futures require `std::iter::Extend` when awaited
//! (each item goes in with `std::iter::Extend::extend`). These types keep both bounds
//! where async-std puts them, so exactly the code that compiles against async-std
//! compiles here.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// The future of [`partition`](super::StreamExt::partition): `(items for which the
    /// predicate is true, the others)`.
    #[derive(Debug)]
    pub struct PartitionFuture<S, F, B> {
        #[pin]
        stream: S,
        f: F,
        res: Option<(B, B)>,
    }
}

impl<S, F, B: Default> PartitionFuture<S, F, B> {
    pub(crate) fn new(stream: S, f: F) -> Self {
        PartitionFuture {
            stream,
            f,
            res: Some((B::default(), B::default())),
        }
    }
}

impl<S, F, B> Future for PartitionFuture<S, F, B>
where
    S: Stream + Sized,
    F: FnMut(&S::Item) -> bool,
    B: Default + std::iter::Extend<S::Item>,
{
    type Output = (B, B);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(B, B)> {
        let mut this = self.project();
        loop {
            match futures_core::ready!(this.stream.as_mut().poll_next(cx)) {
                Some(item) => {
                    let (yes, no) = this
                        .res
                        .as_mut()
                        .expect("PartitionFuture polled after completion");
                    if (this.f)(&item) {
                        yes.extend(Some(item));
                    } else {
                        no.extend(Some(item));
                    }
                }
                None => {
                    let res = this
                        .res
                        .take()
                        .expect("PartitionFuture polled after completion");
                    return Poll::Ready(res);
                }
            }
        }
    }
}

pin_project! {
    /// The future of [`unzip`](super::StreamExt::unzip): the first halves of the pairs
    /// in one collection, the second halves in the other.
    #[derive(Clone, Debug)]
    pub struct UnzipFuture<S, FromA, FromB> {
        #[pin]
        stream: S,
        res: Option<(FromA, FromB)>,
    }
}

impl<S: Stream, FromA, FromB> UnzipFuture<S, FromA, FromB>
where
    FromA: Default,
    FromB: Default,
{
    pub(crate) fn new(stream: S) -> Self {
        UnzipFuture {
            stream,
            res: Some((FromA::default(), FromB::default())),
        }
    }
}

impl<S, A, B, FromA, FromB> Future for UnzipFuture<S, FromA, FromB>
where
    S: Stream<Item = (A, B)>,
    FromA: Default + std::iter::Extend<A>,
    FromB: Default + std::iter::Extend<B>,
{
    type Output = (FromA, FromB);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(FromA, FromB)> {
        let mut this = self.project();
        loop {
            match futures_core::ready!(this.stream.as_mut().poll_next(cx)) {
                Some((a, b)) => {
                    let (left, right) = this
                        .res
                        .as_mut()
                        .expect("UnzipFuture polled after completion");
                    left.extend(Some(a));
                    right.extend(Some(b));
                }
                None => {
                    let res = this
                        .res
                        .take()
                        .expect("UnzipFuture polled after completion");
                    return Poll::Ready(res);
                }
            }
        }
    }
}
