//! The stream constructors, with async-std's names, over futures-lite's streams.

#[cfg(feature = "unstable")]
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::Stream;

pub use futures_lite::stream::{Empty, Repeat, RepeatWith};

/// A stream that yields the items of an iterator, returned by [`from_iter`].
///
/// Every poll is ready. With the `unstable` feature it is a
/// `DoubleEndedStream` when the iterator is double ended, as in async-std.
#[derive(Clone, Debug)]
pub struct FromIter<I> {
    iter: I,
}

impl<I> Unpin for FromIter<I> {}

impl<I: Iterator> Stream for FromIter<I> {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.iter.next())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

#[cfg(feature = "unstable")]
impl<I: DoubleEndedIterator> crate::stream::DoubleEndedStream for FromIter<I> {
    fn poll_next_back(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.iter.next_back())
    }
}

/// A stream that yields the results of a closure, returned by [`from_fn`].
pub type FromFn<F> = FromIter<std::iter::FromFn<F>>;

/// A stream of successive values, each computed from the previous, returned by
/// [`successors`].
#[cfg(feature = "unstable")]
pub type Successors<F, T> = FromIter<std::iter::Successors<T, F>>;

/// A stream that yields a single item, returned by [`once`].
#[derive(Clone, Debug)]
pub struct Once<T> {
    value: Option<T>,
}

impl<T> Unpin for Once<T> {}

impl<T> Stream for Once<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(self.value.take())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = usize::from(self.value.is_some());
        (len, Some(len))
    }
}

#[cfg(feature = "unstable")]
impl<T> crate::stream::DoubleEndedStream for Once<T> {
    fn poll_next_back(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(self.value.take())
    }
}

/// A stream that never yields and never ends, returned by [`pending`].
#[cfg(feature = "unstable")]
#[derive(Debug)]
pub struct Pending<T> {
    _marker: PhantomData<T>,
}

#[cfg(feature = "unstable")]
impl<T> Unpin for Pending<T> {}

#[cfg(feature = "unstable")]
impl<T> Stream for Pending<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Pending
    }
}

#[cfg(feature = "unstable")]
impl<T> crate::stream::DoubleEndedStream for Pending<T> {
    fn poll_next_back(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Pending
    }
}

#[cfg(feature = "unstable")]
impl<T> crate::stream::FusedStream for Pending<T> {}

#[cfg(feature = "unstable")]
impl<T> crate::stream::ExactSizeStream for Pending<T> {
    fn len(&self) -> usize {
        0
    }
}

/// Creates a stream that yields nothing and ends at once.
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let mut s = stream::empty::<i32>();
/// assert_eq!(s.next().await, None);
/// # });
/// ```
pub fn empty<T>() -> Empty<T> {
    futures_lite::stream::empty()
}

/// Creates a stream from an iterator; every poll is ready.
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let mut s = stream::from_iter(vec![0u8, 1]);
/// assert_eq!(s.next().await, Some(0));
/// assert_eq!(s.next().await, Some(1));
/// assert_eq!(s.next().await, None);
/// # });
/// ```
pub fn from_iter<I: IntoIterator>(iter: I) -> FromIter<I::IntoIter> {
    FromIter {
        iter: iter.into_iter(),
    }
}

/// Creates a stream that calls `f` for each item and ends when it returns `None`.
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let mut count = 0u8;
/// let s = stream::from_fn(|| {
///     count += 1;
///     if count > 3 { None } else { Some(count) }
/// });
/// let items = s.fold(Vec::new(), |mut v, x| { v.push(x); v }).await;
/// assert_eq!(items, [1, 2, 3]);
/// # });
/// ```
pub fn from_fn<T, F>(f: F) -> FromFn<F>
where
    F: FnMut() -> Option<T>,
{
    from_iter(std::iter::from_fn(f))
}

/// Creates a stream that yields a single item.
pub fn once<T>(t: T) -> Once<T> {
    Once { value: Some(t) }
}

/// Creates a stream that yields clones of `item` forever.
pub fn repeat<T>(item: T) -> Repeat<T>
where
    T: Clone,
{
    futures_lite::stream::repeat(item)
}

/// Creates a stream that yields the results of `repeater` forever.
pub fn repeat_with<T, F>(repeater: F) -> RepeatWith<F>
where
    F: FnMut() -> T,
{
    futures_lite::stream::repeat_with(repeater)
}

/// Creates a stream that never yields and never ends.
#[cfg(feature = "unstable")]
pub fn pending<T>() -> Pending<T> {
    Pending {
        _marker: PhantomData,
    }
}

/// Creates a stream that starts with `first` and computes each next item from the
/// previous one with `succ`, ending at the first `None`.
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let s = stream::successors(Some(1u32), |n| if *n < 8 { Some(n * 2) } else { None });
/// assert_eq!(s.collect::<Vec<_>>().await, [1, 2, 4, 8]);
/// # });
/// ```
#[cfg(feature = "unstable")]
pub fn successors<F, T>(first: Option<T>, succ: F) -> Successors<F, T>
where
    F: FnMut(&T) -> Option<T>,
{
    from_iter(std::iter::successors(first, succ))
}
