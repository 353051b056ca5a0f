//! The async I/O prelude: the I/O traits and their extension traits.
//!
//! ```
//! # #[allow(unused_imports)]
//! use async_std_compat::io::prelude::*;
//! ```

#[doc(no_inline)]
pub use super::{BufRead, Read, Seek, Write};

#[doc(hidden)]
pub use super::read::ReadExt as _;
#[doc(hidden)]
pub use super::write::WriteExt as _;
