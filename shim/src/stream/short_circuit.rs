//! Streams that stop at the first `None` or `Err`: what folding a stream of `Option`s
//! or `Result`s into an `Option<C>` or a `Result<C, E>` needs (`collect`, `sum`,
//! `product`), as std's iterator impls do.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// Yields the values inside `Some` and ends at the first `None`, which it records
    /// in `found_none`.
    pub(crate) struct UntilNone<'f, S> {
        #[pin]
        stream: S,
        found_none: &'f mut bool,
    }
}

impl<'f, S> UntilNone<'f, S> {
    pub(crate) fn new(stream: S, found_none: &'f mut bool) -> Self {
        UntilNone { stream, found_none }
    }
}

impl<S, T> Stream for UntilNone<'_, S>
where
    S: Stream<Item = Option<T>>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.project();
        if **this.found_none {
            return Poll::Ready(None);
        }
        match futures_core::ready!(this.stream.poll_next(cx)) {
            Some(Some(value)) => Poll::Ready(Some(value)),
            Some(None) => {
                **this.found_none = true;
                Poll::Ready(None)
            }
            None => Poll::Ready(None),
        }
    }
}

pin_project! {
    /// Yields the values inside `Ok` and ends at the first `Err`, which it keeps in
    /// `error`.
    pub(crate) struct UntilErr<'f, S, E> {
        #[pin]
        stream: S,
        error: &'f mut Option<E>,
    }
}

impl<'f, S, E> UntilErr<'f, S, E> {
    pub(crate) fn new(stream: S, error: &'f mut Option<E>) -> Self {
        UntilErr { stream, error }
    }
}

impl<S, T, E> Stream for UntilErr<'_, S, E>
where
    S: Stream<Item = Result<T, E>>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.project();
        if this.error.is_some() {
            return Poll::Ready(None);
        }
        match futures_core::ready!(this.stream.poll_next(cx)) {
            Some(Ok(value)) => Poll::Ready(Some(value)),
            Some(Err(error)) => {
                **this.error = Some(error);
                Poll::Ready(None)
            }
            None => Poll::Ready(None),
        }
    }
}
