//! OS-specific extensions: async-std's `os` module.
//!
//! [`unix`] exists on Unix targets and `windows` on Windows, as in async-std.

#[cfg(unix)]
pub mod unix;

#[cfg(windows)]
pub mod windows;
