//! Unix-specific process extensions: async-std's `os::unix::process` (unstable).
//!
//! This is async-process's `unix` module, as in async-std: [`CommandExt`] sets the user
//! and group a child runs as, replaces the current process with [`CommandExt::exec`],
//! and sets the child's `argv[0]`.
//!
//! ```no_run
//! use async_std_compat::os::unix::process::CommandExt;
//! use async_std_compat::process::Command;
//!
//! # async_std_compat::task::block_on(async {
//! let status = Command::new("id").uid(1000).status().await?;
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

pub use async_process::unix::CommandExt;
