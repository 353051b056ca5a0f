//! Platform-specific extensions for Unix platforms: async-std's `os::unix`.
//!
//! [`io`] holds the file descriptor traits, [`net`] the Unix domain sockets, [`fs`] the
//! Unix filesystem extensions and, with the `unstable` feature, `process` async-process's
//! Unix process extensions.

pub mod fs;
pub mod io;
pub mod net;
#[cfg(feature = "unstable")]
pub mod process;
