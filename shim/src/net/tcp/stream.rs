use std::io;
use std::net::{Shutdown, SocketAddr};
use std::sync::Arc;

use async_io::Async;

use crate::net::ToSocketAddrs;

/// A TCP stream between a local and a remote socket: async-std's `TcpStream`.
///
/// Clones share one socket, and `&TcpStream` reads and writes too, so that
/// `let (reader, writer) = &mut (&stream, &stream);` works as in async-std.
///
/// ```no_run
/// use async_std_compat::{net::TcpStream, prelude::*};
///
/// # async_std_compat::task::block_on(async {
/// let mut stream = TcpStream::connect("127.0.0.1:8080").await?;
/// stream.write_all(b"hello world").await?;
/// let mut buf = vec![0u8; 1024];
/// let n = stream.read(&mut buf).await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct TcpStream {
    watcher: Arc<Async<std::net::TcpStream>>,
}

impl TcpStream {
    pub(crate) fn from_async(watcher: Async<std::net::TcpStream>) -> TcpStream {
        TcpStream {
            watcher: Arc::new(watcher),
        }
    }

    /// Opens a TCP connection to a remote host, trying each resolved address in turn.
    pub async fn connect<A: ToSocketAddrs>(addrs: A) -> io::Result<TcpStream> {
        super::super::each_addr(addrs, |addr| async move {
            Async::<std::net::TcpStream>::connect(addr)
                .await
                .map(TcpStream::from_async)
        })
        .await
    }

    /// Returns the local address of this connection.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().local_addr()
    }

    /// Returns the remote address of this connection.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().peer_addr()
    }

    /// Gets the value of the `IP_TTL` option for this socket.
    pub fn ttl(&self) -> io::Result<u32> {
        self.watcher.get_ref().ttl()
    }

    /// Sets the value of the `IP_TTL` option for this socket.
    pub fn set_ttl(&self, ttl: u32) -> io::Result<()> {
        self.watcher.get_ref().set_ttl(ttl)
    }

    /// Receives data without removing it from the queue.
    pub async fn peek(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.watcher.peek(buf).await
    }

    /// Gets the value of the `TCP_NODELAY` option on this socket.
    pub fn nodelay(&self) -> io::Result<bool> {
        self.watcher.get_ref().nodelay()
    }

    /// Sets the value of the `TCP_NODELAY` option on this socket.
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.watcher.get_ref().set_nodelay(nodelay)
    }

    /// Shuts down the read half, the write half, or both halves of this connection.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.watcher.get_ref().shutdown(how)
    }
}

crate::net::io_through_shared_ref!(TcpStream);

impl TcpStream {
    /// Takes the `std` stream out: the socket itself if this is the last clone, otherwise
    /// a duplicate of its descriptor (the other clones keep theirs). Either stays in
    /// non-blocking mode.
    fn into_std_or_dup(self) -> io::Result<std::net::TcpStream> {
        match Arc::try_unwrap(self.watcher) {
            Ok(watcher) => watcher.into_inner(),
            Err(shared) => shared.get_ref().try_clone(),
        }
    }
}

/// Registers a `std` stream with the reactor (and makes it non-blocking).
///
/// As in async-std this cannot fail for a valid stream, and panics if the registration
/// fails.
impl From<std::net::TcpStream> for TcpStream {
    fn from(stream: std::net::TcpStream) -> TcpStream {
        TcpStream::from_async(Async::new(stream).expect("TcpStream is known to be good"))
    }
}

/// Deregisters the stream from the reactor and puts it back in blocking mode.
///
/// Fails with kind `Other` ("Cannot convert TcpStream to synchronous: multiple
/// references") while other clones of the stream exist, as in async-std.
impl TryFrom<TcpStream> for std::net::TcpStream {
    type Error = io::Error;

    fn try_from(stream: TcpStream) -> io::Result<std::net::TcpStream> {
        let inner = Arc::try_unwrap(stream.watcher)
            .map_err(|_| {
                io::Error::other("Cannot convert TcpStream to synchronous: multiple references")
            })?
            .into_inner()?;
        inner.set_nonblocking(false)?;
        Ok(inner)
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};

    use super::TcpStream;

    impl AsRawFd for TcpStream {
        fn as_raw_fd(&self) -> RawFd {
            self.watcher.get_ref().as_raw_fd()
        }
    }

    // `FromRawFd` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawFd for TcpStream {
        unsafe fn from_raw_fd(fd: RawFd) -> TcpStream {
            // SAFETY: the caller guarantees that `fd` is an open TCP stream it owns.
            unsafe { std::net::TcpStream::from_raw_fd(fd) }.into()
        }
    }

    /// Returns the socket's own descriptor if this is the last clone, and a duplicate
    /// otherwise; it stays in non-blocking mode.
    ///
    /// async-std returns the descriptor number and then drops the stream, which closes
    /// the descriptor when no other clone exists; the shim hands over a descriptor that
    /// is open in every case.
    impl IntoRawFd for TcpStream {
        fn into_raw_fd(self) -> RawFd {
            self.into_std_or_dup()
                .expect("taking the socket out of a TcpStream failed")
                .into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};

        use super::TcpStream;

        impl AsFd for TcpStream {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.watcher.get_ref().as_fd()
            }
        }

        impl From<OwnedFd> for TcpStream {
            fn from(fd: OwnedFd) -> TcpStream {
                std::net::TcpStream::from(fd).into()
            }
        }

        /// The socket's own descriptor if this is the last clone, a duplicate otherwise
        /// (async-std always duplicates).
        impl From<TcpStream> for OwnedFd {
            fn from(stream: TcpStream) -> OwnedFd {
                stream
                    .into_std_or_dup()
                    .expect("taking the socket out of a TcpStream failed")
                    .into()
            }
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::{AsRawSocket, FromRawSocket, IntoRawSocket, RawSocket};

    use super::TcpStream;

    impl AsRawSocket for TcpStream {
        fn as_raw_socket(&self) -> RawSocket {
            self.watcher.get_ref().as_raw_socket()
        }
    }

    // `FromRawSocket` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawSocket for TcpStream {
        unsafe fn from_raw_socket(socket: RawSocket) -> TcpStream {
            // SAFETY: the caller guarantees that `socket` is an open TCP stream it owns.
            unsafe { std::net::TcpStream::from_raw_socket(socket) }.into()
        }
    }

    /// Returns the socket itself if this is the last clone, and a duplicate otherwise.
    impl IntoRawSocket for TcpStream {
        fn into_raw_socket(self) -> RawSocket {
            self.into_std_or_dup()
                .expect("taking the socket out of a TcpStream failed")
                .into_raw_socket()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::windows::io::{AsSocket, BorrowedSocket, OwnedSocket};

        use super::TcpStream;

        impl AsSocket for TcpStream {
            fn as_socket(&self) -> BorrowedSocket<'_> {
                self.watcher.get_ref().as_socket()
            }
        }

        impl From<OwnedSocket> for TcpStream {
            fn from(socket: OwnedSocket) -> TcpStream {
                std::net::TcpStream::from(socket).into()
            }
        }

        impl From<TcpStream> for OwnedSocket {
            fn from(stream: TcpStream) -> OwnedSocket {
                stream
                    .into_std_or_dup()
                    .expect("taking the socket out of a TcpStream failed")
                    .into()
            }
        }
    }
}
