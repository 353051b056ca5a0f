//! Windows-specific process extensions: async-std's `os::windows::process` (unstable).
//!
//! This is async-process's `windows` module, as in async-std: [`CommandExt`] sets a
//! child's creation flags and appends raw, unquoted arguments.

pub use async_process::windows::CommandExt;
