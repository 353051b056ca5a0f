//! Synchronization primitives: async-std's `sync` module.
//!
//! The locks are async-lock's, as in async-std 1.13 (the very same types smol's
//! `smol::lock` exports): holding a guard across an `.await` is fine, and waiting for a
//! lock does not block the thread. `Condvar` (unstable) is written here, on
//! `event-listener`, as async-lock has none.
//!
//! ```
//! use async_std_compat::sync::{Arc, Mutex};
//! use async_std_compat::task;
//!
//! # task::block_on(async {
//! let m1 = Arc::new(Mutex::new(0));
//! let m2 = m1.clone();
//! task::spawn(async move { *m2.lock().await = 1 }).await;
//! assert_eq!(*m1.lock().await, 1);
//! # })
//! ```

#[doc(inline)]
pub use std::sync::{Arc, Weak};

#[doc(inline)]
pub use async_lock::{Mutex, MutexGuard, MutexGuardArc};

#[doc(inline)]
pub use async_lock::{RwLock, RwLockReadGuard, RwLockUpgradableReadGuard, RwLockWriteGuard};

#[cfg(feature = "unstable")]
pub use async_lock::{Barrier, BarrierWaitResult};

#[cfg(feature = "unstable")]
pub use condvar::Condvar;

#[cfg(feature = "unstable")]
mod condvar;
