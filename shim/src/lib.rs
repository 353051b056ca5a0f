//! async-std 1.13's public API, with async-std's behaviour, built on smol's crates.
//!
//! async-std was discontinued in 2025 and asks its users to move to smol. This crate is
//! the road that needs no code change: depend on it under async-std's name and the code
//! compiles and behaves as before, now running on [async-executor], [async-io],
//! [blocking] and [futures-lite].
//!
//! ```toml
//! [dependencies]
//! async-std = { package = "async-std-compat", version = "1.13", features = ["attributes"] }
//! ```
//!
//! Behaviour follows async-std, not smol, wherever the two differ:
//!
//! - dropping a [`task::JoinHandle`] detaches its task (a dropped smol `Task` cancels it);
//! - a dropped [`task::spawn_blocking`] handle still runs its closure (a dropped smol
//!   `unblock` task may not);
//! - `FutureExt::race` (in [`prelude`]) is biased towards `self`, as async-std's is
//!   (futures-lite's `race` is random); `StreamExt::merge` ends when both streams
//!   end; `stream::interval` does not burst after a stall (both unstable);
//! - [`channel`] is async-channel 1.x (smol's is 2.x, whose `Receiver` is not `Unpin`);
//! - a [`fs::File`] flushes when dropped, and [`io::stdout`]/[`io::stderr`] write
//!   through before a write completes, so no written byte is lost (smol's `File` and
//!   `Unblock` lose unflushed data); `io::BufWriter::into_inner` flushes;
//! - [`path::Path`] and [`path::PathBuf`] are async-std's own types, with async
//!   `exists`, `metadata`, ... that run off the executor threads;
//! - I/O errors carry async-std's messages (``could not open `/etc/x` ``, ``could not
//!   resolve address `"host:80"` ``), with the OS error as their `source()`;
//! - the global executor runs one worker per core, or `ASYNC_STD_THREAD_COUNT` workers
//!   (smol's global executor has one thread).
//!
//! # Examples
//!
//! ```
//! use async_std_compat::task;
//!
//! let answer = task::block_on(async {
//!     // Dropping this handle would detach the task, as in async-std.
//!     let handle = task::spawn(async { 6 * 7 });
//!     handle.await
//! });
//! assert_eq!(answer, 42);
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod channel;
pub mod fs;
pub mod future;
pub mod io;
pub mod net;
pub mod os;
pub mod path;
#[cfg(feature = "unstable")]
pub mod pin;
pub mod prelude;
#[cfg(feature = "unstable")]
pub mod process;
pub mod stream;
pub mod sync;
pub mod task;

/// std's `write!`, re-exported as async-std does; on an async writer it needs
/// [`io::WriteExt::write_fmt`] in scope and returns a future.
#[cfg(feature = "unstable")]
pub use std::write;

/// std's `writeln!`, re-exported as async-std does (see [`write!`]).
#[cfg(feature = "unstable")]
pub use std::writeln;

mod rt;

/// Runs an `async fn main` on the runtime: `#[async_std::main]`.
///
/// The runtime is named `async_std` (the drop-in rename's name); under another name, give
/// it with `crate = "..."`, as here.
///
/// The function may return `()` or any `Result<T, E>` with `E: Debug`, as a plain `main`
/// may. The body runs inside [`task::block_on`].
///
/// ```
/// #[async_std_compat::main(crate = "async_std_compat")]
/// async fn main() {
///     println!("Hello, world!");
/// }
/// ```
#[cfg(feature = "attributes")]
pub use async_std_compat_macros::main;

/// Runs an `async fn` test on the runtime: `#[async_std::test]`.
#[cfg(feature = "attributes")]
pub use async_std_compat_macros::test;

/// Not public API: what the attribute macros expand to.
#[doc(hidden)]
pub mod __private {
    pub use crate::task::block_on;

    /// Whether the global runtime holds no unfinished task (for the repository's
    /// load and fault tests: every task of a finished workload is gone).
    pub fn runtime_is_idle() -> bool {
        crate::rt::executor().is_empty()
    }
}
