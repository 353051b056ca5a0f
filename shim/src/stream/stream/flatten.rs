use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use pin_project_lite::pin_project;

use crate::stream::IntoStream;

/// Yields the items of `inner`, and when it ends, of the stream `into` makes of the
/// next item of `outer`, until `outer` ends: the loop of [`Flatten`] and [`FlatMap`].
fn poll_flattened<S, I>(
    mut outer: Pin<&mut S>,
    mut inner: Pin<&mut Option<I>>,
    cx: &mut Context<'_>,
    mut into: impl FnMut(S::Item) -> I,
) -> Poll<Option<I::Item>>
where
    S: Stream,
    I: Stream,
{
    loop {
        if let Some(current) = inner.as_mut().as_pin_mut() {
            match futures_core::ready!(current.poll_next(cx)) {
                Some(item) => return Poll::Ready(Some(item)),
                None => inner.set(None),
            }
        }
        match futures_core::ready!(outer.as_mut().poll_next(cx)) {
            Some(next) => inner.set(Some(into(next))),
            None => return Poll::Ready(None),
        }
    }
}

pin_project! {
    /// A stream that flattens a stream of streams, returned by
    /// [`StreamExt::flatten`](super::StreamExt::flatten).
    pub struct Flatten<S>
    where
        S: Stream,
        S::Item: IntoStream,
    {
        #[pin]
        stream: S,
        #[pin]
        inner: Option<<S::Item as IntoStream>::IntoStream>,
    }
}

impl<S> Flatten<S>
where
    S: Stream,
    S::Item: IntoStream,
{
    pub(crate) fn new(stream: S) -> Self {
        Flatten {
            stream,
            inner: None,
        }
    }
}

impl<S> Stream for Flatten<S>
where
    S: Stream,
    S::Item: IntoStream,
{
    type Item = <S::Item as IntoStream>::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        poll_flattened(this.stream, this.inner, cx, IntoStream::into_stream)
    }
}

impl<S> fmt::Debug for Flatten<S>
where
    S: Stream + fmt::Debug,
    S::Item: IntoStream,
    <S::Item as IntoStream>::IntoStream: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Flatten")
            .field("stream", &self.stream)
            .field("inner", &self.inner)
            .finish()
    }
}

pin_project! {
    /// A stream that maps each item to a stream and flattens the result, returned by
    /// [`StreamExt::flat_map`](super::StreamExt::flat_map).
    pub struct FlatMap<S, U, F>
    where
        U: IntoStream,
    {
        #[pin]
        stream: S,
        f: F,
        #[pin]
        inner: Option<U::IntoStream>,
    }
}

impl<S, U: IntoStream, F> FlatMap<S, U, F> {
    pub(crate) fn new(stream: S, f: F) -> Self {
        FlatMap {
            stream,
            f,
            inner: None,
        }
    }
}

impl<S, U, F> Stream for FlatMap<S, U, F>
where
    S: Stream,
    U: IntoStream,
    F: FnMut(S::Item) -> U,
{
    type Item = U::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<U::Item>> {
        let this = self.project();
        let f = this.f;
        poll_flattened(this.stream, this.inner, cx, |next| f(next).into_stream())
    }
}

impl<S: fmt::Debug, U: IntoStream, F> fmt::Debug for FlatMap<S, U, F>
where
    U::IntoStream: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlatMap")
            .field("stream", &self.stream)
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}
