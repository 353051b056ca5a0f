//! Composable asynchronous iteration: async-std's `stream` module.
//!
//! [`Stream`] is the `futures-core` trait (the one smol uses), and [`StreamExt`] is
//! async-std's extension trait with its 56 methods. The constructors keep async-std's
//! names (`from_iter`, `from_fn`, ...) and behaviour.
//!
//! ```
//! use async_std_compat::prelude::*;
//! use async_std_compat::stream;
//!
//! # async_std_compat::task::block_on(async {
//! let mut s = stream::repeat(9).take(3);
//! while let Some(v) = s.next().await {
//!     assert_eq!(v, 9);
//! }
//! # });
//! ```

pub use futures_core::stream::Stream;

pub use futures_lite::stream::{
    Chain, Cloned, Copied, Filter, Fuse, Inspect, Map, Scan, Skip, SkipWhile, StepBy, Take,
    TakeWhile, Zip,
};

#[allow(clippy::module_inception)]
pub(crate) mod stream;
pub use stream::StreamExt;

mod constructors;
pub use constructors::{
    empty, from_fn, from_iter, once, repeat, repeat_with, Empty, FromFn, FromIter, Once, Repeat,
    RepeatWith,
};

#[cfg(feature = "unstable")]
pub use constructors::{pending, successors, Pending, Successors};

#[cfg(feature = "unstable")]
mod collect;
#[cfg(feature = "unstable")]
mod double_ended;
#[cfg(feature = "unstable")]
mod interval;
#[cfg(feature = "unstable")]
mod into_stream;
#[cfg(feature = "unstable")]
mod short_circuit;
#[cfg(feature = "unstable")]
mod sum;

#[cfg(feature = "unstable")]
pub use collect::{extend, Extend, FromStream};
#[cfg(feature = "unstable")]
pub use double_ended::{DoubleEndedStream, ExactSizeStream, FusedStream};
#[cfg(feature = "unstable")]
pub use interval::{interval, Interval};
#[cfg(feature = "unstable")]
pub use into_stream::IntoStream;
#[cfg(feature = "unstable")]
pub use stream::{Delay, FlatMap, Flatten, Merge, Throttle, Timeout, TimeoutError};
#[cfg(feature = "unstable")]
pub use sum::{Product, Sum};
