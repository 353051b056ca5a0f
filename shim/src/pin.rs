//! Types that pin data to its location in memory: async-std's `pin` module (unstable).
//!
//! It holds std's [`Pin`], as async-std's does. (smol's `pin` is the `pin!` macro,
//! not a module.)

#[doc(no_inline)]
pub use std::pin::Pin;
