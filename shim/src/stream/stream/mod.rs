//! async-std's `StreamExt` and the adapters it needs beyond futures-lite's.
//!
//! Methods that behave the same in futures-lite delegate to it and return its types
//! (re-exported from [`crate::stream`] under async-std's names). The rest are written
//! here: `merge`, `timeout`, `throttle`, `delay`, the min/max family, the comparisons,
//! `try_fold` (async-std's: plain items, fallible closure), `flatten`/`flat_map` (over
//! [`IntoStream`](crate::stream::IntoStream)), `partition`/`unzip` (with async-std's
//! bounds), `sum`, `product` and `collect`.

mod cmp;
#[cfg(feature = "unstable")]
mod flatten;
mod fold;
#[cfg(feature = "unstable")]
mod merge;
#[cfg(feature = "unstable")]
mod split;
#[cfg(feature = "unstable")]
mod timing;

pub use cmp::{CmpFuture, EqFuture, OrderFuture, PartialCmpFuture};
#[cfg(feature = "unstable")]
pub use flatten::{FlatMap, Flatten};
pub use fold::{ExtremumByKeyFuture, ExtremumFuture, TryFoldFuture};
#[cfg(feature = "unstable")]
pub use merge::Merge;
#[cfg(feature = "unstable")]
pub use split::{PartitionFuture, UnzipFuture};
#[cfg(feature = "unstable")]
pub use timing::{Delay, Throttle, Timeout, TimeoutError};

use std::cmp::Ordering;

use futures_core::stream::Stream;
use futures_lite::stream as lite;

#[cfg(feature = "unstable")]
use std::future::Future;
#[cfg(feature = "unstable")]
use std::pin::Pin;
#[cfg(feature = "unstable")]
use std::time::Duration;

// As in async-std, `Extend` in this module's bounds (`partition`, `unzip`) is the
// async `stream::Extend`, not `std::iter::Extend`.
#[cfg(feature = "unstable")]
use crate::stream::{Extend, FromStream, IntoStream, Product, Sum};

#[cfg(feature = "unstable")]
use lite::CountFuture;
use lite::{
    AllFuture, AnyFuture, Chain, Cloned, Copied, Cycle, Enumerate, Filter, FilterMap, FindFuture,
    FindMapFuture, FoldFuture, ForEachFuture, Fuse, Inspect, LastFuture, Map, NextFuture,
    NthFuture, PositionFuture, Scan, Skip, SkipWhile, StepBy, Take, TakeWhile, TryForEachFuture,
    Zip,
};

/// Extension methods for [`Stream`]: async-std's `StreamExt`, all 56 methods.
///
/// Brought into scope by `use async_std::prelude::*`. Methods marked unstable in
/// async-std need the `unstable` feature here too.
///
/// Differences from async-std, all in corner cases:
///
/// - `eq`/`ne` compare lengths too (async-std's `eq` says a stream equals any longer
///   stream it is a prefix of; `[1].eq([1, 2])` is `false` here, as for iterators);
/// - `min_by` does not require `Item: Copy`, and the min/max futures do not require the
///   stream to be `Unpin` (async-std's do; everything async-std accepts still works).
///
/// ```
/// use async_std_compat::prelude::*;
/// use async_std_compat::stream;
///
/// # async_std_compat::task::block_on(async {
/// let mut s = stream::from_iter(vec![3, 1, 2]).map(|x| x * 10);
/// assert_eq!(s.next().await, Some(30));
/// assert_eq!(s.min().await, Some(10));
/// # });
/// ```
pub trait StreamExt: Stream {
    /// Advances the stream and returns the next value; `None` once it has ended.
    fn next(&mut self) -> NextFuture<'_, Self>
    where
        Self: Unpin,
    {
        lite::StreamExt::next(self)
    }

    /// Yields at most the first `n` items.
    fn take(self, n: usize) -> Take<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::take(self, n)
    }

    /// Yields items while `predicate` returns `true`, then ends.
    fn take_while<P>(self, predicate: P) -> TakeWhile<Self, P>
    where
        Self: Sized,
        P: FnMut(&Self::Item) -> bool,
    {
        lite::StreamExt::take_while(self, predicate)
    }

    /// Limits the stream to one item per `d`: after each item, waits `d` before polling
    /// again. Items are delayed, never dropped.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    /// use std::time::{Duration, Instant};
    ///
    /// # async_std_compat::task::block_on(async {
    /// let start = Instant::now();
    /// let items: Vec<_> = stream::from_iter(0..3)
    ///     .throttle(Duration::from_millis(10))
    ///     .collect()
    ///     .await;
    /// assert_eq!(items, [0, 1, 2]);
    /// assert!(start.elapsed() >= Duration::from_millis(20));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn throttle(self, d: Duration) -> Throttle<Self>
    where
        Self: Sized,
    {
        Throttle::new(self, d)
    }

    /// Yields the first item, then every `step`-th item.
    ///
    /// # Panics
    ///
    /// Panics if `step` is 0.
    fn step_by(self, step: usize) -> StepBy<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::step_by(self, step)
    }

    /// Yields the items of `self`, then those of `other`.
    fn chain<U>(self, other: U) -> Chain<Self, U>
    where
        Self: Sized,
        U: Stream<Item = Self::Item> + Sized,
    {
        lite::StreamExt::chain(self, other)
    }

    /// Clones referenced items.
    fn cloned<'a, T>(self) -> Cloned<Self>
    where
        Self: Sized + Stream<Item = &'a T>,
        T: Clone + 'a,
    {
        lite::StreamExt::cloned(self)
    }

    /// Copies referenced items.
    fn copied<'a, T>(self) -> Copied<Self>
    where
        Self: Sized + Stream<Item = &'a T>,
        T: Copy + 'a,
    {
        lite::StreamExt::copied(self)
    }

    /// Repeats the stream forever, restarting from a clone of the original.
    fn cycle(self) -> Cycle<Self>
    where
        Self: Clone + Sized,
    {
        lite::StreamExt::cycle(self)
    }

    /// Pairs each item with its index, from 0.
    fn enumerate(self) -> Enumerate<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::enumerate(self)
    }

    /// Waits `dur` before the first poll of the stream.
    #[cfg(feature = "unstable")]
    fn delay(self, dur: Duration) -> Delay<Self>
    where
        Self: Sized,
    {
        Delay::new(self, dur)
    }

    /// Transforms each item with `f`.
    fn map<B, F>(self, f: F) -> Map<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> B,
    {
        lite::StreamExt::map(self, f)
    }

    /// Calls `f` with a reference to each item as it passes.
    fn inspect<F>(self, f: F) -> Inspect<Self, F>
    where
        Self: Sized,
        F: FnMut(&Self::Item),
    {
        lite::StreamExt::inspect(self, f)
    }

    /// Resolves to the last item, or `None` for an empty stream.
    fn last(self) -> LastFuture<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::last(self)
    }

    /// Ends the stream for good after its first `None`.
    fn fuse(self) -> Fuse<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::fuse(self)
    }

    /// Keeps the items for which `predicate` returns `true`.
    fn filter<P>(self, predicate: P) -> Filter<Self, P>
    where
        Self: Sized,
        P: FnMut(&Self::Item) -> bool,
    {
        lite::StreamExt::filter(self, predicate)
    }

    /// Maps each item to a stream (anything [`IntoStream`]) and yields their items in
    /// turn.
    #[cfg(feature = "unstable")]
    fn flat_map<U, F>(self, f: F) -> FlatMap<Self, U, F>
    where
        Self: Sized,
        U: IntoStream,
        F: FnMut(Self::Item) -> U,
    {
        FlatMap::new(self, f)
    }

    /// Flattens a stream of streams (of anything [`IntoStream`]).
    #[cfg(feature = "unstable")]
    fn flatten(self) -> Flatten<Self>
    where
        Self: Sized,
        Self::Item: IntoStream,
    {
        Flatten::new(self)
    }

    /// Maps and filters at once: keeps the `Some` results of `f`.
    fn filter_map<B, F>(self, f: F) -> FilterMap<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Option<B>,
    {
        lite::StreamExt::filter_map(self, f)
    }

    /// Resolves to the item with the smallest key; the first one on ties.
    fn min_by_key<B, F>(self, key_by: F) -> ExtremumByKeyFuture<Self, Self::Item, F, B>
    where
        Self: Sized,
        B: Ord,
        F: FnMut(&Self::Item) -> B,
    {
        ExtremumByKeyFuture::new(self, key_by, Ordering::Less)
    }

    /// Resolves to the item with the largest key; the **first** one on ties, as in
    /// async-std (`Iterator::max_by_key` returns the last).
    fn max_by_key<B, F>(self, key_by: F) -> ExtremumByKeyFuture<Self, Self::Item, F, B>
    where
        Self: Sized,
        B: Ord,
        F: FnMut(&Self::Item) -> B,
    {
        ExtremumByKeyFuture::new(self, key_by, Ordering::Greater)
    }

    /// Resolves to the smallest item by `compare`; the first one on ties.
    fn min_by<F>(self, compare: F) -> ExtremumFuture<Self, F, Self::Item>
    where
        Self: Sized,
        F: FnMut(&Self::Item, &Self::Item) -> Ordering,
    {
        ExtremumFuture::new(self, compare, Ordering::Less)
    }

    /// Resolves to the largest item; the **first** one on ties, as in async-std.
    #[allow(clippy::type_complexity)]
    fn max(self) -> ExtremumFuture<Self, fn(&Self::Item, &Self::Item) -> Ordering, Self::Item>
    where
        Self: Sized,
        Self::Item: Ord,
    {
        ExtremumFuture::new(self, Ord::cmp, Ordering::Greater)
    }

    /// Resolves to the smallest item; the first one on ties.
    #[allow(clippy::type_complexity)]
    fn min(self) -> ExtremumFuture<Self, fn(&Self::Item, &Self::Item) -> Ordering, Self::Item>
    where
        Self: Sized,
        Self::Item: Ord,
    {
        ExtremumFuture::new(self, Ord::cmp, Ordering::Less)
    }

    /// Resolves to the largest item by `compare`; the **first** one on ties, as in
    /// async-std.
    fn max_by<F>(self, compare: F) -> ExtremumFuture<Self, F, Self::Item>
    where
        Self: Sized,
        F: FnMut(&Self::Item, &Self::Item) -> Ordering,
    {
        ExtremumFuture::new(self, compare, Ordering::Greater)
    }

    /// Resolves to the `n`-th item (from 0), consuming the items before it.
    fn nth(&mut self, n: usize) -> NthFuture<'_, Self>
    where
        Self: Unpin + Sized,
    {
        lite::StreamExt::nth(self, n)
    }

    /// Whether `f` returns `true` for every item; stops at the first `false`.
    fn all<F>(&mut self, f: F) -> AllFuture<'_, Self, F>
    where
        Self: Unpin + Sized,
        F: FnMut(Self::Item) -> bool,
    {
        lite::StreamExt::all(self, f)
    }

    /// Resolves to the first item for which `p` returns `true`.
    fn find<P>(&mut self, p: P) -> FindFuture<'_, Self, P>
    where
        Self: Unpin + Sized,
        P: FnMut(&Self::Item) -> bool,
    {
        lite::StreamExt::find(self, p)
    }

    /// Resolves to the first `Some` that `f` returns.
    fn find_map<F, B>(&mut self, f: F) -> FindMapFuture<'_, Self, F>
    where
        Self: Unpin + Sized,
        F: FnMut(Self::Item) -> Option<B>,
    {
        lite::StreamExt::find_map(self, f)
    }

    /// Folds every item into an accumulator.
    fn fold<B, F>(self, init: B, f: F) -> FoldFuture<Self, F, B>
    where
        Self: Sized,
        F: FnMut(B, Self::Item) -> B,
    {
        lite::StreamExt::fold(self, init, f)
    }

    /// Splits the items in two collections by `f`: `(true ones, false ones)`.
    ///
    /// As in async-std, the collection type must implement the async
    /// [`stream::Extend`](crate::stream::Extend) to call this, and also
    /// `std::iter::Extend` to await the future (every std collection does both).
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let (even, odd): (Vec<i32>, Vec<i32>) = stream::from_iter(vec![1, 2, 3])
    ///     .partition(|&n| n % 2 == 0)
    ///     .await;
    /// assert_eq!((even, odd), (vec![2], vec![1, 3]));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn partition<B, F>(self, f: F) -> PartitionFuture<Self, F, B>
    where
        Self: Sized,
        F: FnMut(&Self::Item) -> bool,
        B: Default + Extend<Self::Item>,
    {
        PartitionFuture::new(self, f)
    }

    /// Calls `f` on every item.
    fn for_each<F>(self, f: F) -> ForEachFuture<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item),
    {
        lite::StreamExt::for_each(self, f)
    }

    /// Whether `f` returns `true` for some item; stops at the first `true`.
    fn any<F>(&mut self, f: F) -> AnyFuture<'_, Self, F>
    where
        Self: Unpin + Sized,
        F: FnMut(Self::Item) -> bool,
    {
        lite::StreamExt::any(self, f)
    }

    /// Borrows the stream, so adapters can consume part of it and leave the rest.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut s = stream::from_iter(1..=5);
    /// let first_two: Vec<_> = s.by_ref().take(2).collect().await;
    /// let rest: Vec<_> = s.collect().await;
    /// assert_eq!((first_two, rest), (vec![1, 2], vec![3, 4, 5]));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn by_ref(&mut self) -> &mut Self {
        self
    }

    /// Like `take_while` with state: yields `f`'s results until it returns `None`.
    fn scan<St, B, F>(self, initial_state: St, f: F) -> Scan<Self, St, F>
    where
        Self: Sized,
        F: FnMut(&mut St, Self::Item) -> Option<B>,
    {
        lite::StreamExt::scan(self, initial_state, f)
    }

    /// Skips items while `predicate` returns `true`, then yields the rest.
    fn skip_while<P>(self, predicate: P) -> SkipWhile<Self, P>
    where
        Self: Sized,
        P: FnMut(&Self::Item) -> bool,
    {
        lite::StreamExt::skip_while(self, predicate)
    }

    /// Skips the first `n` items.
    fn skip(self, n: usize) -> Skip<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::skip(self, n)
    }

    /// Yields `Err(TimeoutError)` whenever the stream stays silent for `dur`; the timer
    /// restarts after each item or error, and the stream goes on.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    /// use std::time::Duration;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut s = stream::pending::<u8>().timeout(Duration::from_millis(5));
    /// let err = s.next().await.unwrap().unwrap_err();
    /// assert_eq!(err.to_string(), "stream has timed out");
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn timeout(self, dur: Duration) -> Timeout<Self>
    where
        Self: Stream + Sized,
    {
        Timeout::new(self, dur)
    }

    /// async-std's `try_fold`: folds **plain** items with a fallible closure, stopping at
    /// the first error. (futures-lite's `try_fold` instead folds a stream of `Result`s.)
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut s = stream::from_iter(vec![1usize, 2, 3]);
    /// let sum = s.try_fold(0, |acc: usize, v| acc.checked_add(v).ok_or("overflow")).await;
    /// assert_eq!(sum, Ok(6));
    /// # });
    /// ```
    fn try_fold<B, F, T, E>(&mut self, init: T, f: F) -> TryFoldFuture<'_, Self, F, T>
    where
        Self: Unpin + Sized,
        F: FnMut(B, Self::Item) -> Result<T, E>,
    {
        TryFoldFuture::new(self, init, f)
    }

    /// Calls a fallible `f` on every item, stopping at the first error.
    fn try_for_each<F, E>(&mut self, f: F) -> TryForEachFuture<'_, Self, F>
    where
        Self: Unpin + Sized,
        F: FnMut(Self::Item) -> Result<(), E>,
    {
        lite::StreamExt::try_for_each(self, f)
    }

    /// Pairs the items of two streams; ends when either ends.
    fn zip<U>(self, other: U) -> Zip<Self, U>
    where
        Self: Sized,
        U: Stream,
    {
        lite::StreamExt::zip(self, other)
    }

    /// Splits a stream of pairs into two collections.
    ///
    /// As with [`partition`](StreamExt::partition), the collections must implement the
    /// async [`stream::Extend`](crate::stream::Extend) to call this, and
    /// `std::iter::Extend` to await the future.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    /// use std::collections::VecDeque;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let (left, right): (Vec<_>, VecDeque<_>) = stream::from_iter(vec![(1, 2), (3, 4)])
    ///     .unzip()
    ///     .await;
    /// assert_eq!((left, right), (vec![1, 3], VecDeque::from([2, 4])));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn unzip<A, B, FromA, FromB>(self) -> UnzipFuture<Self, FromA, FromB>
    where
        FromA: Default + Extend<A>,
        FromB: Default + Extend<B>,
        Self: Stream<Item = (A, B)> + Sized,
    {
        UnzipFuture::new(self)
    }

    /// Collects the items into any [`FromStream`] collection: `Vec`, `String`, maps and
    /// sets, `Option<C>` and `Result<C, E>` (which stop at the first `None`/`Err`), ...
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let v: Vec<u8> = stream::from_iter(1..=3).collect().await;
    /// assert_eq!(v, [1, 2, 3]);
    /// let r: Result<Vec<u8>, &str> = stream::from_iter(vec![Ok(1), Err("no"), Ok(3)])
    ///     .collect()
    ///     .await;
    /// assert_eq!(r, Err("no"));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn collect<'a, B>(self) -> Pin<Box<dyn Future<Output = B> + Send + 'a>>
    where
        Self: Sized + 'a + Send,
        B: FromStream<Self::Item>,
        Self::Item: Send,
    {
        FromStream::from_stream(self)
    }

    /// Interleaves the items of two streams as they come; ends when **both** have ended.
    ///
    /// Which side is polled first is chosen at random on each poll, as in async-std.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let mut items: Vec<_> = stream::once(1).merge(stream::from_iter(vec![2, 3, 4]))
    ///     .collect()
    ///     .await;
    /// items.sort();
    /// assert_eq!(items, [1, 2, 3, 4]);
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn merge<U>(self, other: U) -> Merge<Self, U>
    where
        Self: Sized,
        U: Stream<Item = Self::Item> + Sized,
    {
        Merge::new(self, other)
    }

    /// Compares two streams lexicographically with `PartialOrd`.
    fn partial_cmp<S>(self, other: S) -> PartialCmpFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Stream,
        <Self as Stream>::Item: PartialOrd<S::Item>,
    {
        PartialCmpFuture::new(self, other)
    }

    /// Resolves to the index of the first item for which `predicate` returns `true`.
    fn position<P>(&mut self, predicate: P) -> PositionFuture<'_, Self, P>
    where
        Self: Unpin + Sized,
        P: FnMut(Self::Item) -> bool,
    {
        lite::StreamExt::position(self, predicate)
    }

    /// Compares two streams lexicographically with `Ord`; a stream that ends first is
    /// `Less`.
    ///
    /// As in async-std, the call accepts any `other` stream; awaiting the future
    /// requires both streams to yield the same item type.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    /// use std::cmp::Ordering;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let a = stream::from_iter(vec![1, 2, 3]);
    /// let b = stream::from_iter(vec![1, 2, 4]);
    /// assert_eq!(a.cmp(b).await, Ordering::Less);
    /// # });
    /// ```
    fn cmp<S>(self, other: S) -> CmpFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Stream,
        <Self as Stream>::Item: Ord,
    {
        CmpFuture::new(self, other)
    }

    /// Counts the items.
    #[cfg(feature = "unstable")]
    fn count(self) -> CountFuture<Self>
    where
        Self: Sized,
    {
        lite::StreamExt::count(self)
    }

    /// Whether the streams differ in an item or in length.
    fn ne<S>(self, other: S) -> EqFuture<Self, S>
    where
        Self: Sized,
        S: Sized + Stream,
        <Self as Stream>::Item: PartialEq<S::Item>,
    {
        EqFuture::new(self, other, true)
    }

    /// Whether `self` is lexicographically greater than or equal to `other`.
    fn ge<S>(self, other: S) -> OrderFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Stream,
        <Self as Stream>::Item: PartialOrd<S::Item>,
    {
        OrderFuture::new(self, other, |o| {
            matches!(o, Some(Ordering::Greater | Ordering::Equal))
        })
    }

    /// Whether the streams have equal items and equal length.
    fn eq<S>(self, other: S) -> EqFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Sized + Stream,
        <Self as Stream>::Item: PartialEq<S::Item>,
    {
        EqFuture::new(self, other, false)
    }

    /// Whether `self` is lexicographically greater than `other`.
    fn gt<S>(self, other: S) -> OrderFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Stream,
        <Self as Stream>::Item: PartialOrd<S::Item>,
    {
        OrderFuture::new(self, other, |o| matches!(o, Some(Ordering::Greater)))
    }

    /// Whether `self` is lexicographically less than or equal to `other`.
    fn le<S>(self, other: S) -> OrderFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Stream,
        <Self as Stream>::Item: PartialOrd<S::Item>,
    {
        OrderFuture::new(self, other, |o| {
            matches!(o, Some(Ordering::Less | Ordering::Equal))
        })
    }

    /// Whether `self` is lexicographically less than `other`.
    fn lt<S>(self, other: S) -> OrderFuture<Self, S>
    where
        Self: Sized + Stream,
        S: Stream,
        <Self as Stream>::Item: PartialOrd<S::Item>,
    {
        OrderFuture::new(self, other, |o| matches!(o, Some(Ordering::Less)))
    }

    /// Sums the items with [`Sum`](crate::stream::Sum).
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::stream;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let total: u32 = stream::from_iter(vec![1u32, 2, 3]).sum().await;
    /// assert_eq!(total, 6);
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn sum<'a, S>(self) -> Pin<Box<dyn Future<Output = S> + 'a>>
    where
        Self: Sized + Stream<Item = S> + 'a,
        S: Sum<Self::Item>,
    {
        Sum::sum(self)
    }

    /// Multiplies the items with [`Product`](crate::stream::Product).
    #[cfg(feature = "unstable")]
    fn product<'a, P>(self) -> Pin<Box<dyn Future<Output = P> + 'a>>
    where
        Self: Sized + Stream<Item = P> + 'a,
        P: Product,
    {
        Product::product(self)
    }
}

impl<T: Stream + ?Sized> StreamExt for T {}
