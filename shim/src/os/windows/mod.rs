//! Platform-specific extensions for Windows: async-std's `os::windows`.
//!
//! [`io`] holds the raw handle and socket traits; with the `unstable` feature, `fs`
//! creates symbolic links and `process` is async-process's Windows process extensions.

pub mod io;

#[cfg(feature = "unstable")]
pub mod fs;

#[cfg(feature = "unstable")]
pub mod process;
