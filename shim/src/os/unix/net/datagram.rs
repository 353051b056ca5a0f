use std::fmt;
use std::io;
use std::net::Shutdown;
use std::os::unix::net::UnixDatagram as StdUnixDatagram;

use async_io::Async;

use super::{std_path, Path, SocketAddr};

/// A Unix domain datagram socket: async-std's `UnixDatagram`.
///
/// Unlike async-net's socket, this one is not `Clone`, and [`bind`](Self::bind) and
/// [`connect`](Self::connect) are `async`, as in async-std.
///
/// ```
/// use async_std_compat::os::unix::net::UnixDatagram;
///
/// # async_std_compat::task::block_on(async {
/// let (a, b) = UnixDatagram::pair()?;
/// a.send(b"hello").await?;
/// let mut buf = [0u8; 16];
/// let n = b.recv(&mut buf).await?;
/// assert_eq!(&buf[..n], b"hello");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub struct UnixDatagram {
    watcher: Async<StdUnixDatagram>,
}

impl UnixDatagram {
    fn new(socket: StdUnixDatagram) -> UnixDatagram {
        UnixDatagram {
            watcher: Async::new(socket).expect("UnixDatagram is known to be good"),
        }
    }

    /// Creates a socket bound to the socket file at `path`, which must not exist yet.
    pub async fn bind<P: AsRef<Path>>(path: P) -> io::Result<UnixDatagram> {
        let watcher = Async::<StdUnixDatagram>::bind(std_path(&path))?;
        Ok(UnixDatagram { watcher })
    }

    /// Creates a socket bound to no address; it can still send to named sockets.
    pub fn unbound() -> io::Result<UnixDatagram> {
        Ok(UnixDatagram::new(StdUnixDatagram::unbound()?))
    }

    /// Creates a pair of connected, unnamed sockets.
    pub fn pair() -> io::Result<(UnixDatagram, UnixDatagram)> {
        let (a, b) = StdUnixDatagram::pair()?;
        Ok((UnixDatagram::new(a), UnixDatagram::new(b)))
    }

    /// Connects this socket to the socket at `path`: [`send`](Self::send) then goes there
    /// and [`recv`](Self::recv) only accepts datagrams from there.
    pub async fn connect<P: AsRef<Path>>(&self, path: P) -> io::Result<()> {
        self.watcher.get_ref().connect(std_path(&path))
    }

    /// Returns the address this socket is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().local_addr()
    }

    /// Returns the address of the socket this one is connected to.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().peer_addr()
    }

    /// Receives one datagram, returning its length and the address it came from.
    pub async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.watcher.recv_from(buf).await
    }

    /// Receives one datagram, returning its length.
    pub async fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.watcher.recv(buf).await
    }

    /// Sends `buf` as one datagram to the socket at `path`, returning the number of bytes
    /// sent.
    pub async fn send_to<P: AsRef<Path>>(&self, buf: &[u8], path: P) -> io::Result<usize> {
        self.watcher.send_to(buf, std_path(&path)).await
    }

    /// Sends `buf` as one datagram to the connected peer, returning the number of bytes
    /// sent.
    pub async fn send(&self, buf: &[u8]) -> io::Result<usize> {
        self.watcher.send(buf).await
    }

    /// Shuts down the read half, the write half, or both halves of this socket.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.watcher.get_ref().shutdown(how)
    }
}

impl fmt::Debug for UnixDatagram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use std::os::unix::io::AsRawFd;

        let mut builder = f.debug_struct("UnixDatagram");
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

/// Registers a `std` socket with the reactor (and makes it non-blocking).
///
/// As in async-std this cannot fail for a valid socket, and panics if the registration
/// fails.
impl From<StdUnixDatagram> for UnixDatagram {
    fn from(socket: StdUnixDatagram) -> UnixDatagram {
        UnixDatagram::new(socket)
    }
}

/// Deregisters the socket from the reactor and puts it back in blocking mode.
impl TryFrom<UnixDatagram> for StdUnixDatagram {
    type Error = io::Error;

    fn try_from(socket: UnixDatagram) -> io::Result<StdUnixDatagram> {
        let inner = socket.watcher.into_inner()?;
        inner.set_nonblocking(false)?;
        Ok(inner)
    }
}

mod raw {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};
    use std::os::unix::net::UnixDatagram as StdUnixDatagram;

    use super::UnixDatagram;

    impl AsRawFd for UnixDatagram {
        fn as_raw_fd(&self) -> RawFd {
            self.watcher.get_ref().as_raw_fd()
        }
    }

    // `FromRawFd` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawFd for UnixDatagram {
        unsafe fn from_raw_fd(fd: RawFd) -> UnixDatagram {
            // SAFETY: the caller guarantees that `fd` is an open Unix datagram socket it
            // owns.
            UnixDatagram::new(unsafe { StdUnixDatagram::from_raw_fd(fd) })
        }
    }

    /// The returned descriptor stays in non-blocking mode, as in async-std.
    impl IntoRawFd for UnixDatagram {
        fn into_raw_fd(self) -> RawFd {
            self.watcher
                .into_inner()
                .expect("deregistering a UnixDatagram failed")
                .into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};
        use std::os::unix::net::UnixDatagram as StdUnixDatagram;

        use super::UnixDatagram;

        impl AsFd for UnixDatagram {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.watcher.get_ref().as_fd()
            }
        }

        impl From<OwnedFd> for UnixDatagram {
            fn from(fd: OwnedFd) -> UnixDatagram {
                StdUnixDatagram::from(fd).into()
            }
        }

        impl From<UnixDatagram> for OwnedFd {
            fn from(socket: UnixDatagram) -> OwnedFd {
                socket
                    .watcher
                    .into_inner()
                    .expect("deregistering a UnixDatagram failed")
                    .into()
            }
        }
    }
}
