//! The standard streams: [`stdin`], [`stdout`], [`stderr`], and the functions behind
//! the `print!` family of macros.
//!
//! As in async-std, each operation hands std's handle to the blocking pool
//! ([`task::spawn_blocking`](crate::task::spawn_blocking)) and completes when std's
//! call returns, so the executor thread never blocks on a terminal or a pipe. A write
//! that has completed has reached std's own `Stdout`/`Stderr`, which std flushes when
//! the program exits: output written with `write_all` and not flushed is not lost
//! (smol's `Unblock<Stdout>` keeps it in its own buffer, and loses it at exit). An
//! operation still running when its handle is dropped finishes in the background.

mod stdin;
mod stdout;

#[cfg(feature = "unstable")]
mod macros;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::io::write::format;
use crate::io::{self, WriteExt};
use crate::task::{spawn_blocking, JoinHandle};

pub use stdin::{stdin, Stdin};
pub use stdout::{stderr, stdout, Stderr, Stdout};

/// A std handle and its buffers, either here or away in the blocking pool.
enum State<T> {
    /// Here; `None` only while being moved into a blocking task.
    Idle(Option<T>),
    /// Away: an operation is running on it.
    Busy(JoinHandle<T>),
}

impl<T: Send + 'static> State<T> {
    fn new(inner: T) -> Self {
        State::Idle(Some(inner))
    }

    /// Waits for the running operation, if any, and lends the handle.
    fn poll_idle(&mut self, cx: &mut Context<'_>) -> Poll<&mut T> {
        if let State::Busy(task) = self {
            let inner = futures_lite::ready!(Pin::new(task).poll(cx));
            *self = State::Idle(Some(inner));
        }
        match self {
            State::Idle(Some(inner)) => Poll::Ready(inner),
            // `start` replaces `Idle(None)` before returning.
            _ => panic!("std stream handle lost"),
        }
    }

    /// Runs `operation` on the handle in the blocking pool. Call after `poll_idle`.
    fn start(&mut self, operation: impl FnOnce(&mut T) + Send + 'static) {
        if let State::Idle(slot) = self {
            if let Some(mut inner) = slot.take() {
                *self = State::Busy(spawn_blocking(move || {
                    operation(&mut inner);
                    inner
                }));
            }
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            State::Idle(_) => "idle",
            State::Busy(_) => "busy",
        }
    }
}

/// Writes all of `text` to `writer`, then flushes it, as `write_fmt` does.
async fn write_and_flush(
    writer: &mut (impl io::Write + Unpin),
    text: io::Result<Vec<u8>>,
) -> io::Result<()> {
    writer.write_all(&text?).await?;
    writer.flush().await
}

/// What `print!` expands to: writes to [`stdout`] and flushes, panicking on failure.
///
/// The text is formatted when this is called, so the future holds no borrow of the
/// arguments and is `Send` (async-std formats on the first poll).
#[doc(hidden)]
pub fn _print(args: fmt::Arguments<'_>) -> impl Future<Output = ()> + Send + 'static {
    let text = format(args);
    async move {
        if let Err(error) = write_and_flush(&mut stdout(), text).await {
            panic!("failed printing to stdout: {}", error);
        }
    }
}

/// What `eprint!` expands to: writes to [`stderr`] and flushes, panicking on failure.
#[doc(hidden)]
pub fn _eprint(args: fmt::Arguments<'_>) -> impl Future<Output = ()> + Send + 'static {
    let text = format(args);
    async move {
        if let Err(error) = write_and_flush(&mut stderr(), text).await {
            panic!("failed printing to stderr: {}", error);
        }
    }
}
