//! [`Stdout`] and [`Stderr`].

use std::fmt;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use super::State;
use crate::io::{self, Write};

/// The result of the last operation run in the blocking pool.
enum Done {
    Write(io::Result<usize>),
    Flush(io::Result<()>),
}

/// A std output handle with the copy of the bytes being written.
struct Inner<H> {
    handle: H,
    buf: Vec<u8>,
    done: Option<Done>,
}

/// The machinery shared by [`Stdout`] and [`Stderr`].
struct StdWriter<H> {
    state: Mutex<State<Inner<H>>>,
}

impl<H: std::io::Write + Send + 'static> StdWriter<H> {
    fn new(handle: H) -> Self {
        StdWriter {
            state: Mutex::new(State::new(Inner {
                handle,
                buf: Vec::new(),
                done: None,
            })),
        }
    }

    fn state(&mut self) -> &mut State<Inner<H>> {
        self.state
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn poll_write(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let state = self.state();
        loop {
            let inner = futures_lite::ready!(state.poll_idle(cx));
            // The write this call started has finished: report it.
            if let Some(Done::Write(result)) = inner.done.take() {
                let n = result?;
                // (A count larger than `buf` belongs to a write started for a longer
                // buffer by a call that was abandoned: write again.)
                if n <= buf.len() {
                    return Poll::Ready(Ok(n));
                }
            }
            inner.buf.clear();
            inner.buf.extend_from_slice(buf);
            state.start(|inner| {
                let result = inner.handle.write(&inner.buf);
                inner.done = Some(Done::Write(result));
            });
        }
    }

    fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let state = self.state();
        loop {
            let inner = futures_lite::ready!(state.poll_idle(cx));
            if let Some(Done::Flush(result)) = inner.done.take() {
                return Poll::Ready(result);
            }
            state.start(|inner| {
                let result = inner.handle.flush();
                inner.done = Some(Done::Flush(result));
            });
        }
    }

    fn describe(&self) -> &'static str {
        match self.state.try_lock() {
            Ok(state) => state.describe(),
            Err(_) => "locked",
        }
    }
}

/// Returns a handle to the standard output of this process.
///
/// Each write runs std's `Stdout::write` in the blocking pool and completes when it
/// returns, so the bytes written are in std's `Stdout` (line-buffered), which std flushes
/// when the program ends (by returning from `main` or by `std::process::exit`): nothing
/// written with `write_all` is lost, flushed or not, as in async-std. `flush` pushes
/// std's buffer out at once.
///
/// ```
/// use async_std_compat::io::{self, WriteExt};
///
/// # async_std_compat::task::block_on(async {
/// let mut stdout = io::stdout();
/// stdout.write_all(b"hello, world\n").await?;
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub fn stdout() -> Stdout {
    Stdout {
        writer: StdWriter::new(std::io::stdout()),
        std: std::io::stdout(),
    }
}

/// The standard output of this process: the [`Write`]r of [`stdout`].
pub struct Stdout {
    writer: StdWriter<std::io::Stdout>,
    // For the fd and handle traits (the other handle travels to the blocking pool).
    #[allow(dead_code)]
    std: std::io::Stdout,
}

impl fmt::Debug for Stdout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stdout")
            .field("state", &self.writer.describe())
            .finish()
    }
}

impl Write for Stdout {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().writer.poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().writer.poll_flush(cx)
    }

    /// Flushes; the standard output stays open.
    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().writer.poll_flush(cx)
    }
}

/// Returns a handle to the standard error of this process.
///
/// Each write runs std's (unbuffered) `Stderr::write` in the blocking pool and
/// completes when it returns, as in async-std.
///
/// ```
/// use async_std_compat::io::{self, WriteExt};
///
/// # async_std_compat::task::block_on(async {
/// let mut stderr = io::stderr();
/// stderr.write_all(b"warning\n").await?;
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub fn stderr() -> Stderr {
    Stderr {
        writer: StdWriter::new(std::io::stderr()),
        std: std::io::stderr(),
    }
}

/// The standard error of this process: the [`Write`]r of [`stderr`].
pub struct Stderr {
    writer: StdWriter<std::io::Stderr>,
    #[allow(dead_code)]
    std: std::io::Stderr,
}

impl fmt::Debug for Stderr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stderr")
            .field("state", &self.writer.describe())
            .finish()
    }
}

impl Write for Stderr {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().writer.poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().writer.poll_flush(cx)
    }

    /// Flushes; the standard error stays open.
    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().writer.poll_flush(cx)
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::io::{AsRawFd, RawFd};

    use super::{Stderr, Stdout};

    impl AsRawFd for Stdout {
        fn as_raw_fd(&self) -> RawFd {
            self.std.as_raw_fd()
        }
    }

    impl AsRawFd for Stderr {
        fn as_raw_fd(&self) -> RawFd {
            self.std.as_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    impl std::os::unix::io::AsFd for Stdout {
        fn as_fd(&self) -> std::os::unix::io::BorrowedFd<'_> {
            std::os::unix::io::AsFd::as_fd(&self.std)
        }
    }

    #[cfg(feature = "io_safety")]
    impl std::os::unix::io::AsFd for Stderr {
        fn as_fd(&self) -> std::os::unix::io::BorrowedFd<'_> {
            std::os::unix::io::AsFd::as_fd(&self.std)
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::{AsRawHandle, RawHandle};

    use super::{Stderr, Stdout};

    impl AsRawHandle for Stdout {
        fn as_raw_handle(&self) -> RawHandle {
            self.std.as_raw_handle()
        }
    }

    impl AsRawHandle for Stderr {
        fn as_raw_handle(&self) -> RawHandle {
            self.std.as_raw_handle()
        }
    }

    #[cfg(feature = "io_safety")]
    impl std::os::windows::io::AsHandle for Stdout {
        fn as_handle(&self) -> std::os::windows::io::BorrowedHandle<'_> {
            std::os::windows::io::AsHandle::as_handle(&self.std)
        }
    }

    #[cfg(feature = "io_safety")]
    impl std::os::windows::io::AsHandle for Stderr {
        fn as_handle(&self) -> std::os::windows::io::BorrowedHandle<'_> {
            std::os::windows::io::AsHandle::as_handle(&self.std)
        }
    }
}
