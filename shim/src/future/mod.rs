//! Asynchronous values: async-std's `future` module.
//!
//! The free functions ([`ready`], [`pending`], [`poll_fn`], [`timeout`]) keep async-std's
//! signatures. The extension trait with async-std's combinators (`delay`, `race`,
//! `join`, `timeout`, ...) is reached, as in async-std, through
//! [`prelude::FutureExt`](crate::prelude::FutureExt).
//!
//! Note that `FutureExt::race` here is async-std's: it is **biased**, polling `self`
//! first, like futures-lite's `or` and unlike futures-lite's random `race`.
//!
//! ```
//! use async_std_compat::future;
//! use std::time::Duration;
//!
//! # async_std_compat::task::block_on(async {
//! let never = future::pending::<()>();
//! let dur = Duration::from_millis(5);
//! assert!(future::timeout(dur, never).await.is_err());
//! # });
//! ```

pub use std::future::Future;

#[allow(clippy::module_inception)]
pub(crate) mod future;
#[cfg(feature = "unstable")]
mod into_future;
mod pending;
mod poll_fn;
mod ready;
#[cfg(any(feature = "unstable", feature = "default"))]
mod timeout;

#[cfg(feature = "unstable")]
pub use into_future::IntoFuture;
pub use pending::pending;
pub use poll_fn::poll_fn;
pub use ready::ready;
#[cfg(any(feature = "unstable", feature = "default"))]
pub use timeout::{timeout, TimeoutError};
