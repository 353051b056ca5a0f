//! Child processes: async-std's `process` module (unstable).
//!
//! async-std re-exports async-process, and so does the shim, so the types are the very
//! same: a [`Command`] spawns a [`Child`] whose piped [`ChildStdin`] writes and
//! [`ChildStdout`]/[`ChildStderr`] read asynchronously, and [`Child::status`] and
//! [`Child::output`] wait without blocking a thread. [`abort`], [`exit`] and [`id`] are
//! std's.
//!
//! ```
//! use async_std_compat::process::Command;
//!
//! # async_std_compat::task::block_on(async {
//! let output = Command::new("echo").arg("hello").output().await?;
//! assert!(output.status.success());
//! assert_eq!(output.stdout, b"hello\n");
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

pub use async_process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};
pub use async_process::{ExitStatus, Output, Stdio};
pub use std::process::{abort, exit, id};
