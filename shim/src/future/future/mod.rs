//! async-std's `FutureExt` and the futures its methods return.

#[cfg(feature = "unstable")]
mod adapters;
#[cfg(feature = "unstable")]
mod maybe_done;

#[cfg(feature = "unstable")]
pub use adapters::{DelayFuture, FlattenFuture, Join, Race, TryJoin, TryRace};
#[cfg(feature = "unstable")]
pub(crate) use maybe_done::MaybeDone;

#[cfg(feature = "unstable")]
use std::time::Duration;

#[cfg(all(feature = "default", feature = "unstable"))]
use crate::future::timeout::TimeoutFuture;
#[cfg(feature = "unstable")]
use crate::future::IntoFuture;
use std::future::Future;

/// Extension methods for [`Future`]: async-std's `FutureExt`, reached through
/// [`prelude`](crate::prelude).
///
/// Every method is unstable in async-std and needs the `unstable` feature here too.
/// `race` is async-std's **biased** race (it polls `self` first), not futures-lite's
/// random one.
///
/// ```
/// # #[cfg(feature = "unstable")]
/// # async_std_compat::task::block_on(async {
/// use async_std_compat::prelude::*;
/// use async_std_compat::future;
///
/// let a = future::ready(1u8);
/// let b = future::ready(2u16);
/// assert_eq!(a.join(b).await, (1u8, 2u16));
/// # });
/// ```
pub trait FutureExt: Future {
    /// Returns a future that waits `dur` before it starts polling `self`.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    /// use std::time::{Duration, Instant};
    ///
    /// # async_std_compat::task::block_on(async {
    /// let start = Instant::now();
    /// let a = future::ready(1).delay(Duration::from_millis(20));
    /// assert_eq!(a.await, 1);
    /// assert!(start.elapsed() >= Duration::from_millis(20));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn delay(self, dur: Duration) -> DelayFuture<Self>
    where
        Self: Sized,
    {
        DelayFuture::new(self, dur)
    }

    /// Flattens a future whose output converts into another future.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let nested = future::ready(future::ready(1));
    /// assert_eq!(nested.flatten().await, 1);
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn flatten(self) -> FlattenFuture<Self, <Self::Output as IntoFuture>::Future>
    where
        Self: Sized,
        <Self as Future>::Output: IntoFuture,
    {
        FlattenFuture::new(self)
    }

    /// Waits for one of two similarly-typed futures; the first to complete wins.
    ///
    /// The race is **biased**, as in async-std: `self` is polled before `other` on every
    /// poll, so when both are ready `self` wins. (futures-lite's `race` picks at random;
    /// its `or` behaves like this method.)
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let a = future::pending();
    /// let b = future::ready(1u8);
    /// let c = future::ready(2u8);
    /// assert_eq!(a.race(b).race(c).await, 1u8);
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn race<F>(self, other: F) -> Race<Self, F>
    where
        Self: Future + Sized,
        F: Future<Output = <Self as Future>::Output>,
    {
        Race::new(self, other)
    }

    /// Waits for the first of two fallible futures to succeed; fails only when both
    /// fail.
    ///
    /// As in async-std, `self` is checked first, and when both futures fail the error
    /// returned is `other`'s.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    /// use std::io::{Error, ErrorKind};
    ///
    /// # async_std_compat::task::block_on(async {
    /// let a = future::pending::<Result<_, Error>>();
    /// let b = future::ready(Err(Error::from(ErrorKind::Other)));
    /// let c = future::ready(Ok(1u8));
    /// assert_eq!(a.try_race(b).try_race(c).await.unwrap(), 1u8);
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn try_race<F, T, E>(self, other: F) -> TryRace<Self, F>
    where
        Self: Future<Output = Result<T, E>> + Sized,
        F: Future<Output = <Self as Future>::Output>,
    {
        TryRace::new(self, other)
    }

    /// Waits for two futures to complete, polling them concurrently; resolves to both
    /// outputs.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let a = future::ready(1u8);
    /// let b = future::ready(2u16);
    /// assert_eq!(a.join(b).await, (1u8, 2u16));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn join<F>(self, other: F) -> Join<Self, F>
    where
        Self: Future + Sized,
        F: Future,
    {
        Join::new(self, other)
    }

    /// Waits for two fallible futures to complete; returns the first error at once.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let a = future::ready(Err::<u8, &str>("Error"));
    /// let b = future::ready(Ok(1u8));
    /// assert_eq!(a.try_join(b).await, Err("Error"));
    ///
    /// let a = future::ready(Ok::<u8, String>(1u8));
    /// let b = future::ready(Ok::<u16, String>(2u16));
    /// assert_eq!(a.try_join(b).await, Ok((1u8, 2u16)));
    /// # });
    /// ```
    #[cfg(feature = "unstable")]
    fn try_join<F, A, B, E>(self, other: F) -> TryJoin<Self, F>
    where
        Self: Future<Output = Result<A, E>> + Sized,
        F: Future<Output = Result<B, E>>,
    {
        TryJoin::new(self, other)
    }

    /// Waits for the future, or fails with a
    /// [`TimeoutError`](crate::future::TimeoutError) if `dur` passes first.
    ///
    /// ```
    /// use async_std_compat::prelude::*;
    /// use async_std_compat::future;
    /// use std::time::Duration;
    ///
    /// # async_std_compat::task::block_on(async {
    /// assert!(future::ready(0).timeout(Duration::from_millis(100)).await.is_ok());
    /// let never = future::pending::<()>();
    /// assert!(never.timeout(Duration::from_millis(10)).await.is_err());
    /// # });
    /// ```
    #[cfg(all(feature = "default", feature = "unstable"))]
    fn timeout(self, dur: Duration) -> TimeoutFuture<Self>
    where
        Self: Sized,
    {
        TimeoutFuture::new(self, dur)
    }
}

impl<T: Future + ?Sized> FutureExt for T {}
