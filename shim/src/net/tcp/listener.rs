use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use async_io::Async;
use futures_core::stream::Stream;

use super::TcpStream;
use crate::net::ToSocketAddrs;

/// A TCP socket server, listening for connections: async-std's `TcpListener`.
///
/// Unlike async-net's listener, this one is not `Clone`, as in async-std.
///
/// ```no_run
/// use async_std_compat::{net::TcpListener, prelude::*};
///
/// # async_std_compat::task::block_on(async {
/// let listener = TcpListener::bind("127.0.0.1:8080").await?;
/// let mut incoming = listener.incoming();
/// while let Some(stream) = incoming.next().await {
///     let stream = stream?;
///     let mut buf = [0u8; 1024];
///     let n = (&stream).read(&mut buf).await?;
///     (&stream).write_all(&buf[..n]).await?;
/// }
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub struct TcpListener {
    watcher: Async<std::net::TcpListener>,
}

impl TcpListener {
    /// Creates a new `TcpListener` bound to the given address.
    ///
    /// Binding port 0 asks the OS for a free port; [`local_addr`](Self::local_addr) tells
    /// which. When `addrs` resolves to several addresses, each is tried in turn.
    pub async fn bind<A: ToSocketAddrs>(addrs: A) -> io::Result<TcpListener> {
        super::super::each_addr(addrs, |addr| async move {
            Async::<std::net::TcpListener>::bind(addr).map(|watcher| TcpListener { watcher })
        })
        .await
    }

    /// Accepts a new incoming connection, returning the stream and the peer's address.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (stream, addr) = self.watcher.accept().await?;
        Ok((TcpStream::from_async(stream), addr))
    }

    /// Returns a stream of incoming connections; it never ends.
    pub fn incoming(&self) -> Incoming<'_> {
        Incoming { listener: self }
    }

    /// Returns the local address this listener is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.watcher.get_ref().local_addr()
    }

    fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<io::Result<TcpStream>> {
        loop {
            match self.watcher.get_ref().accept() {
                Ok((stream, _)) => {
                    return Poll::Ready(Async::new(stream).map(TcpStream::from_async))
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    futures_lite::ready!(self.watcher.poll_readable(cx))?;
                }
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
    }
}

impl fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TcpListener")
            .field("local_addr", &self.local_addr().ok())
            .finish()
    }
}

/// A stream of incoming TCP connections, from [`TcpListener::incoming`].
///
/// It never returns `None`; each item is the result of one `accept`.
#[derive(Debug)]
pub struct Incoming<'a> {
    listener: &'a TcpListener,
}

impl Stream for Incoming<'_> {
    type Item = io::Result<TcpStream>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.listener.poll_accept(cx).map(Some)
    }
}

#[cfg(feature = "unstable")]
impl TcpListener {
    /// Turns this listener into a stream of incoming connections that owns it, so that
    /// the stream can outlive the borrow [`incoming`](Self::incoming) needs; it never
    /// ends.
    pub fn into_incoming(self) -> impl Stream<Item = io::Result<TcpStream>> + Send {
        futures_lite::stream::unfold(self, |listener| async move {
            let result = listener.accept().await.map(|(stream, _)| stream);
            Some((result, listener))
        })
    }
}

/// Registers a `std` listener with the reactor (and makes it non-blocking).
///
/// As in async-std this cannot fail for a valid listener, and panics if the registration
/// fails.
impl From<std::net::TcpListener> for TcpListener {
    fn from(listener: std::net::TcpListener) -> TcpListener {
        TcpListener {
            watcher: Async::new(listener).expect("TcpListener is known to be good"),
        }
    }
}

/// Deregisters the listener from the reactor and puts it back in blocking mode.
impl TryFrom<TcpListener> for std::net::TcpListener {
    type Error = io::Error;

    fn try_from(listener: TcpListener) -> io::Result<std::net::TcpListener> {
        let inner = listener.watcher.into_inner()?;
        inner.set_nonblocking(false)?;
        Ok(inner)
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};

    use super::TcpListener;

    impl AsRawFd for TcpListener {
        fn as_raw_fd(&self) -> RawFd {
            self.watcher.get_ref().as_raw_fd()
        }
    }

    // `FromRawFd` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawFd for TcpListener {
        unsafe fn from_raw_fd(fd: RawFd) -> TcpListener {
            // SAFETY: the caller guarantees that `fd` is an open TCP listener it owns.
            unsafe { std::net::TcpListener::from_raw_fd(fd) }.into()
        }
    }

    /// The returned descriptor stays in non-blocking mode, as in async-std.
    impl IntoRawFd for TcpListener {
        fn into_raw_fd(self) -> RawFd {
            self.watcher
                .into_inner()
                .expect("deregistering a TcpListener failed")
                .into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};

        use super::TcpListener;

        impl AsFd for TcpListener {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.watcher.get_ref().as_fd()
            }
        }

        impl From<OwnedFd> for TcpListener {
            fn from(fd: OwnedFd) -> TcpListener {
                std::net::TcpListener::from(fd).into()
            }
        }

        impl From<TcpListener> for OwnedFd {
            fn from(listener: TcpListener) -> OwnedFd {
                listener
                    .watcher
                    .into_inner()
                    .expect("deregistering a TcpListener failed")
                    .into()
            }
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::{AsRawSocket, FromRawSocket, IntoRawSocket, RawSocket};

    use super::TcpListener;

    impl AsRawSocket for TcpListener {
        fn as_raw_socket(&self) -> RawSocket {
            self.watcher.get_ref().as_raw_socket()
        }
    }

    // `FromRawSocket` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawSocket for TcpListener {
        unsafe fn from_raw_socket(socket: RawSocket) -> TcpListener {
            // SAFETY: the caller guarantees that `socket` is an open TCP listener it owns.
            unsafe { std::net::TcpListener::from_raw_socket(socket) }.into()
        }
    }

    impl IntoRawSocket for TcpListener {
        fn into_raw_socket(self) -> RawSocket {
            self.watcher
                .into_inner()
                .expect("deregistering a TcpListener failed")
                .into_raw_socket()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::windows::io::{AsSocket, BorrowedSocket, OwnedSocket};

        use super::TcpListener;

        impl AsSocket for TcpListener {
            fn as_socket(&self) -> BorrowedSocket<'_> {
                self.watcher.get_ref().as_socket()
            }
        }

        impl From<OwnedSocket> for TcpListener {
            fn from(socket: OwnedSocket) -> TcpListener {
                std::net::TcpListener::from(socket).into()
            }
        }

        impl From<TcpListener> for OwnedSocket {
            fn from(listener: TcpListener) -> OwnedSocket {
                listener
                    .watcher
                    .into_inner()
                    .expect("deregistering a TcpListener failed")
                    .into()
            }
        }
    }
}
