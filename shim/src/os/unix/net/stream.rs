use std::fmt;
use std::io;
use std::net::Shutdown;
use std::os::unix::net::UnixStream as StdUnixStream;
use std::sync::Arc;

use async_io::Async;

use super::{std_path, Path, SocketAddr};

/// A Unix domain socket stream: async-std's `UnixStream`.
///
/// Clones share one socket, and `&UnixStream` reads and writes too, as in async-std;
/// [`connect`](Self::connect) is `async`.
///
/// ```
/// use async_std_compat::os::unix::net::UnixStream;
/// use async_std_compat::prelude::*;
///
/// # async_std_compat::task::block_on(async {
/// let (mut a, b) = UnixStream::pair()?;
/// a.write_all(b"ping").await?;
/// let mut buf = [0u8; 4];
/// b.clone().read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"ping");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Clone)]
pub struct UnixStream {
    watcher: Arc<Async<StdUnixStream>>,
}

impl UnixStream {
    pub(super) fn from_async(watcher: Async<StdUnixStream>) -> UnixStream {
        UnixStream {
            watcher: Arc::new(watcher),
        }
    }

    /// Connects to the socket listening at `path`.
    pub async fn connect<P: AsRef<Path>>(path: P) -> io::Result<UnixStream> {
        Async::<StdUnixStream>::connect(std_path(&path))
            .await
            .map(UnixStream::from_async)
    }

    /// Creates a pair of connected, unnamed sockets.
    pub fn pair() -> io::Result<(UnixStream, UnixStream)> {
        let (a, b) = Async::<StdUnixStream>::pair()?;
        Ok((UnixStream::from_async(a), UnixStream::from_async(b)))
    }

    /// Returns the address of this end of the connection.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().local_addr()
    }

    /// Returns the address of the other end of the connection.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().peer_addr()
    }

    /// Shuts down the read half, the write half, or both halves of this connection.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.watcher.get_ref().shutdown(how)
    }

    /// Takes the `std` stream out: the socket itself if this is the last clone, otherwise
    /// a duplicate of its descriptor. Either stays in non-blocking mode.
    fn into_std_or_dup(self) -> io::Result<StdUnixStream> {
        match Arc::try_unwrap(self.watcher) {
            Ok(watcher) => watcher.into_inner(),
            Err(shared) => shared.get_ref().try_clone(),
        }
    }
}

crate::net::io_through_shared_ref!(UnixStream);

impl fmt::Debug for UnixStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use std::os::unix::io::AsRawFd;

        let mut builder = f.debug_struct("UnixStream");
        builder.field("fd", &self.watcher.get_ref().as_raw_fd());
        if let Ok(addr) = self.local_addr() {
            builder.field("local", &addr);
        }
        if let Ok(addr) = self.peer_addr() {
            builder.field("peer", &addr);
        }
        builder.finish()
    }
}

/// Registers a `std` stream with the reactor (and makes it non-blocking).
///
/// As in async-std this cannot fail for a valid stream, and panics if the registration
/// fails.
impl From<StdUnixStream> for UnixStream {
    fn from(stream: StdUnixStream) -> UnixStream {
        UnixStream::from_async(Async::new(stream).expect("UnixStream is known to be good"))
    }
}

/// Deregisters the stream from the reactor and puts it back in blocking mode.
///
/// Fails with kind `Other` ("Cannot convert UnixStream to synchronous: multiple
/// references") while other clones of the stream exist, as in async-std.
impl TryFrom<UnixStream> for StdUnixStream {
    type Error = io::Error;

    fn try_from(stream: UnixStream) -> io::Result<StdUnixStream> {
        let inner = Arc::try_unwrap(stream.watcher)
            .map_err(|_| {
                io::Error::other("Cannot convert UnixStream to synchronous: multiple references")
            })?
            .into_inner()?;
        inner.set_nonblocking(false)?;
        Ok(inner)
    }
}

mod raw {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};
    use std::os::unix::net::UnixStream as StdUnixStream;

    use super::UnixStream;

    impl AsRawFd for UnixStream {
        fn as_raw_fd(&self) -> RawFd {
            self.watcher.get_ref().as_raw_fd()
        }
    }

    // `FromRawFd` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawFd for UnixStream {
        unsafe fn from_raw_fd(fd: RawFd) -> UnixStream {
            // SAFETY: the caller guarantees that `fd` is an open Unix stream it owns.
            unsafe { StdUnixStream::from_raw_fd(fd) }.into()
        }
    }

    /// Returns the socket's own descriptor if this is the last clone, and a duplicate
    /// otherwise (async-std always duplicates); it stays in non-blocking mode.
    impl IntoRawFd for UnixStream {
        fn into_raw_fd(self) -> RawFd {
            self.into_std_or_dup()
                .expect("taking the socket out of a UnixStream failed")
                .into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};
        use std::os::unix::net::UnixStream as StdUnixStream;

        use super::UnixStream;

        impl AsFd for UnixStream {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.watcher.get_ref().as_fd()
            }
        }

        impl From<OwnedFd> for UnixStream {
            fn from(fd: OwnedFd) -> UnixStream {
                StdUnixStream::from(fd).into()
            }
        }

        /// The socket's own descriptor if this is the last clone, a duplicate otherwise
        /// (async-std always duplicates).
        impl From<UnixStream> for OwnedFd {
            fn from(stream: UnixStream) -> OwnedFd {
                stream
                    .into_std_or_dup()
                    .expect("taking the socket out of a UnixStream failed")
                    .into()
            }
        }
    }
}
