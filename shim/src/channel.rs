//! Multi-producer multi-consumer channels: async-std's `channel` module.
//!
//! This is async-channel 1.x, as in async-std 1.13 (smol's `smol::channel` is
//! async-channel 2.x, a different type whose `Receiver` is not `Unpin`).
//!
//! ```
//! use async_std_compat::channel;
//!
//! # async_std_compat::task::block_on(async {
//! let (s, r) = channel::unbounded();
//! s.send("Hello").await.unwrap();
//! assert_eq!(r.recv().await, Ok("Hello"));
//! # })
//! ```

#[doc(inline)]
pub use async_channel::*;
