//! Unix-specific filesystem extensions: async-std's `os::unix::fs` module.
//!
//! The extension traits are std's, implemented for this crate's
//! [`DirBuilder`](crate::fs::DirBuilder), [`DirEntry`](crate::fs::DirEntry) and
//! [`OpenOptions`](crate::fs::OpenOptions).
//!
//! ```no_run
//! use async_std_compat::fs::OpenOptions;
//! use async_std_compat::os::unix::fs::{symlink, OpenOptionsExt};
//!
//! # async_std_compat::task::block_on(async {
//! let file = OpenOptions::new().write(true).create(true).mode(0o600).open("a.txt").await?;
//! symlink("a.txt", "b.txt").await?;
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

use crate::io;
use crate::path::Path;
use crate::task::spawn_blocking;

#[doc(inline)]
pub use std::os::unix::fs::{DirBuilderExt, DirEntryExt, OpenOptionsExt};

/// Creates a symbolic link at `dst` pointing at `src` (which need not exist).
///
/// Its errors are std's, without an added message, as in async-std.
pub async fn symlink<P: AsRef<Path>, Q: AsRef<Path>>(src: P, dst: Q) -> io::Result<()> {
    let src = src.as_ref().to_path_buf();
    let dst = dst.as_ref().to_path_buf();
    spawn_blocking(move || std::os::unix::fs::symlink(&src, &dst)).await
}
