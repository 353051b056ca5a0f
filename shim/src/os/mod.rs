//! OS-specific extensions: async-std's `os` module.

#[cfg(unix)]
pub mod unix;
