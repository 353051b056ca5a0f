//! [`Stdin`].

use std::fmt;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};

use super::State;
use crate::io::{self, utils, Read};

/// The result of the last operation run in the blocking pool.
enum Done {
    ReadLine(io::Result<usize>),
    Read(io::Result<usize>),
}

/// std's handle, with the line or bytes its last operation read.
struct Inner {
    handle: std::io::Stdin,
    line: String,
    buf: Vec<u8>,
    done: Option<Done>,
}

/// Returns a handle to the standard input of this process.
///
/// Each read runs std's (buffered) `Stdin` in the blocking pool, as in async-std.
///
/// ```no_run
/// use async_std_compat::io;
///
/// # async_std_compat::task::block_on(async {
/// let mut line = String::new();
/// io::stdin().read_line(&mut line).await?;
/// # io::Result::Ok(()) }).unwrap();
/// ```
pub fn stdin() -> Stdin {
    Stdin {
        state: Mutex::new(State::new(Inner {
            handle: std::io::stdin(),
            line: String::new(),
            buf: Vec::new(),
            done: None,
        })),
        std: std::io::stdin(),
    }
}

/// The standard input of this process: the [`Read`]er of [`stdin`].
pub struct Stdin {
    state: Mutex<State<Inner>>,
    // For the fd and handle traits (the other handle travels to the blocking pool).
    #[allow(dead_code)]
    std: std::io::Stdin,
}

impl Stdin {
    fn lock(&self) -> MutexGuard<'_, State<Inner>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads a line, including its `\n` if there is one, and appends it to `buf`;
    /// returns how many bytes were read (0 at end of input).
    ///
    /// An error keeps its kind and reads "could not read line on stdin", with std's
    /// error as its `source()`, as in async-std.
    ///
    /// ```no_run
    /// use async_std_compat::io;
    ///
    /// # async_std_compat::task::block_on(async {
    /// let stdin = io::stdin();
    /// let mut line = String::new();
    /// while stdin.read_line(&mut line).await? > 0 {}
    /// # io::Result::Ok(()) }).unwrap();
    /// ```
    pub async fn read_line(&self, buf: &mut String) -> io::Result<usize> {
        let result = futures_lite::future::poll_fn(|cx| {
            let mut state = self.lock();
            loop {
                let inner = futures_lite::ready!(state.poll_idle(cx));
                if let Some(Done::ReadLine(result)) = inner.done.take() {
                    let n = result?;
                    buf.push_str(&inner.line);
                    return Poll::Ready(Ok(n));
                }
                state.start(|inner| {
                    inner.line.clear();
                    let result = inner.handle.read_line(&mut inner.line);
                    inner.done = Some(Done::ReadLine(result));
                });
            }
        })
        .await;
        utils::context(result, "could not read line on stdin")
    }
}

impl fmt::Debug for Stdin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state.try_lock() {
            Ok(state) => state.describe(),
            Err(_) => "locked",
        };
        f.debug_struct("Stdin").field("state", &state).finish()
    }
}

impl Read for Stdin {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let state = self
            .get_mut()
            .state
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        loop {
            let inner = futures_lite::ready!(state.poll_idle(cx));
            // The read this call started has finished: hand its bytes over.
            if let Some(Done::Read(result)) = inner.done.take() {
                let n = result?;
                // (More bytes than `buf` holds were read for a longer buffer by a call
                // that was abandoned: read again, as async-std does.)
                if n <= buf.len() {
                    buf[..n].copy_from_slice(&inner.buf[..n]);
                    return Poll::Ready(Ok(n));
                }
            }
            inner.buf.clear();
            inner.buf.resize(buf.len(), 0);
            state.start(|inner| {
                let result = std::io::Read::read(&mut inner.handle, &mut inner.buf);
                inner.done = Some(Done::Read(result));
            });
        }
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::io::{AsRawFd, RawFd};

    use super::Stdin;

    impl AsRawFd for Stdin {
        fn as_raw_fd(&self) -> RawFd {
            self.std.as_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    impl std::os::unix::io::AsFd for Stdin {
        fn as_fd(&self) -> std::os::unix::io::BorrowedFd<'_> {
            std::os::unix::io::AsFd::as_fd(&self.std)
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::{AsRawHandle, RawHandle};

    use super::Stdin;

    impl AsRawHandle for Stdin {
        fn as_raw_handle(&self) -> RawHandle {
            self.std.as_raw_handle()
        }
    }

    #[cfg(feature = "io_safety")]
    impl std::os::windows::io::AsHandle for Stdin {
        fn as_handle(&self) -> std::os::windows::io::BorrowedHandle<'_> {
            std::os::windows::io::AsHandle::as_handle(&self.std)
        }
    }
}
