use std::fmt;
use std::io;
use std::os::unix::net::{UnixListener as StdUnixListener, UnixStream as StdUnixStream};
use std::pin::Pin;
use std::task::{Context, Poll};

use async_io::Async;
use futures_core::stream::Stream;

use super::{std_path, Path, SocketAddr, UnixStream};

/// A Unix domain socket server, listening for connections: async-std's `UnixListener`.
///
/// Unlike async-net's listener, this one is not `Clone`, and [`bind`](Self::bind) is
/// `async`, as in async-std.
///
/// ```
/// use async_std_compat::os::unix::net::{UnixListener, UnixStream};
/// use async_std_compat::prelude::*;
///
/// # async_std_compat::task::block_on(async {
/// # let dir = std::env::temp_dir().join(format!("shim-doc-listener-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// let path = dir.join("socket");
/// # let _ = std::fs::remove_file(&path);
/// let listener = UnixListener::bind(&path).await?;
/// let mut client = UnixStream::connect(&path).await?;
/// let (server, _addr) = listener.accept().await?;
///
/// client.write_all(b"hi").await?;
/// let mut buf = [0u8; 2];
/// (&server).read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"hi");
/// # std::fs::remove_dir_all(&dir)?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub struct UnixListener {
    watcher: Async<StdUnixListener>,
}

impl UnixListener {
    /// Creates a listener bound to the socket file at `path`, which must not exist yet.
    pub async fn bind<P: AsRef<Path>>(path: P) -> io::Result<UnixListener> {
        let watcher = Async::<StdUnixListener>::bind(std_path(&path))?;
        Ok(UnixListener { watcher })
    }

    /// Accepts a new incoming connection, returning the stream and the peer's address.
    pub async fn accept(&self) -> io::Result<(UnixStream, SocketAddr)> {
        let (stream, addr) = self.watcher.accept().await?;
        Ok((UnixStream::from_async(stream), addr))
    }

    /// Returns a stream of incoming connections; it never ends.
    pub fn incoming(&self) -> Incoming<'_> {
        Incoming { listener: self }
    }

    /// Returns the local address this listener is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().local_addr()
    }

    fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<io::Result<UnixStream>> {
        loop {
            match self.watcher.get_ref().accept() {
                Ok((stream, _)) => {
                    return Poll::Ready(
                        Async::<StdUnixStream>::new(stream).map(UnixStream::from_async),
                    )
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    futures_lite::ready!(self.watcher.poll_readable(cx))?;
                }
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
    }
}

impl fmt::Debug for UnixListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use std::os::unix::io::AsRawFd;

        let mut builder = f.debug_struct("UnixListener");
        builder.field("fd", &self.watcher.get_ref().as_raw_fd());
        if let Ok(addr) = self.local_addr() {
            builder.field("local", &addr);
        }
        builder.finish()
    }
}

/// A stream of incoming Unix domain socket connections, from
/// [`UnixListener::incoming`].
///
/// It never returns `None`; each item is the result of one `accept`.
pub struct Incoming<'a> {
    listener: &'a UnixListener,
}

impl Stream for Incoming<'_> {
    type Item = io::Result<UnixStream>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.listener.poll_accept(cx).map(Some)
    }
}

impl fmt::Debug for Incoming<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Incoming").finish()
    }
}

/// Registers a `std` listener with the reactor (and makes it non-blocking).
///
/// As in async-std this cannot fail for a valid listener, and panics if the registration
/// fails.
impl From<StdUnixListener> for UnixListener {
    fn from(listener: StdUnixListener) -> UnixListener {
        UnixListener {
            watcher: Async::new(listener).expect("UnixListener is known to be good"),
        }
    }
}

/// Deregisters the listener from the reactor and puts it back in blocking mode.
impl TryFrom<UnixListener> for StdUnixListener {
    type Error = io::Error;

    fn try_from(listener: UnixListener) -> io::Result<StdUnixListener> {
        let inner = listener.watcher.into_inner()?;
        inner.set_nonblocking(false)?;
        Ok(inner)
    }
}

mod raw {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};
    use std::os::unix::net::UnixListener as StdUnixListener;

    use super::UnixListener;

    impl AsRawFd for UnixListener {
        fn as_raw_fd(&self) -> RawFd {
            self.watcher.get_ref().as_raw_fd()
        }
    }

    // `FromRawFd` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawFd for UnixListener {
        unsafe fn from_raw_fd(fd: RawFd) -> UnixListener {
            // SAFETY: the caller guarantees that `fd` is an open Unix listener it owns.
            unsafe { StdUnixListener::from_raw_fd(fd) }.into()
        }
    }

    /// The returned descriptor stays in non-blocking mode, as in async-std.
    impl IntoRawFd for UnixListener {
        fn into_raw_fd(self) -> RawFd {
            self.watcher
                .into_inner()
                .expect("deregistering a UnixListener failed")
                .into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};
        use std::os::unix::net::UnixListener as StdUnixListener;

        use super::UnixListener;

        impl AsFd for UnixListener {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.watcher.get_ref().as_fd()
            }
        }

        impl From<OwnedFd> for UnixListener {
            fn from(fd: OwnedFd) -> UnixListener {
                StdUnixListener::from(fd).into()
            }
        }

        impl From<UnixListener> for OwnedFd {
            fn from(listener: UnixListener) -> OwnedFd {
                listener
                    .watcher
                    .into_inner()
                    .expect("deregistering a UnixListener failed")
                    .into()
            }
        }
    }
}
