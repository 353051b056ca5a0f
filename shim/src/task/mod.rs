//! Types and functions for working with asynchronous tasks: async-std's `task` module.
//!
//! A task is a future spawned onto the global runtime with [`spawn`]; [`block_on`] runs
//! a future on the current thread. As in async-std, dropping a [`JoinHandle`] lets its
//! task run on to completion.
//!
//! ```
//! use async_std_compat::task;
//!
//! task::block_on(async {
//!     let handle = task::spawn(async { 1 + 2 });
//!     assert_eq!(handle.await, 3);
//! });
//! ```

mod block_on;
mod builder;
mod current;
mod join_handle;
mod sleep;
mod spawn;
mod spawn_blocking;
#[cfg(feature = "unstable")]
mod spawn_local;
#[allow(clippy::module_inception)]
mod task;
mod task_id;
mod task_local;
mod yield_now;

pub use block_on::block_on;
pub use builder::Builder;
pub use current::{current, try_current};
pub use join_handle::JoinHandle;
pub use sleep::sleep;
pub use spawn::spawn;
pub use spawn_blocking::spawn_blocking;
#[cfg(feature = "unstable")]
pub use spawn_local::spawn_local;
pub use task::Task;
pub use task_id::TaskId;
pub use task_local::{AccessError, LocalKey};
pub use yield_now::yield_now;

#[doc(inline)]
pub use futures_core::ready;

pub use core::task::{Context, Poll, Waker};

pub(crate) use task::TaskLocalsWrapper;
