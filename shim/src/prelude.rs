//! The async prelude: the traits async-std code expects in scope.
//!
//! `use async_std::prelude::*;` brings the extension traits' methods into scope
//! without their names, as async-std's prelude does.
//!
//! ```
//! use async_std_compat::prelude::*;
//!
//! # async_std_compat::task::block_on(async {
//! let mut out = Vec::new();
//! out.write_all(b"ok").await.unwrap();
//! # });
//! ```

#[doc(no_inline)]
pub use std::future::Future;

#[doc(no_inline)]
pub use crate::stream::Stream;

#[doc(no_inline)]
pub use crate::io::{BufRead as _, Read as _, Seek as _, Write as _};

#[doc(hidden)]
pub use crate::io::prelude::{BufReadExt as _, ReadExt as _, SeekExt as _, WriteExt as _};

#[doc(inline)]
pub use crate::future::future::FutureExt;

#[doc(inline)]
pub use crate::stream::StreamExt;

#[doc(no_inline)]
pub use crate::task_local;

#[cfg(feature = "unstable")]
#[doc(no_inline)]
pub use crate::stream::{DoubleEndedStream, ExactSizeStream};
