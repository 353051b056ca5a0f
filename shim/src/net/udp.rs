use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

use async_io::Async;

use super::{with_context, ToSocketAddrs};

/// A UDP socket: async-std's `UdpSocket`.
///
/// After [`bind`](Self::bind), datagrams go to any address with
/// [`send_to`](Self::send_to) and arrive from any address with
/// [`recv_from`](Self::recv_from); after [`connect`](Self::connect), [`send`](Self::send)
/// and [`recv`](Self::recv) talk to one peer. Every method takes `&self`, so a socket
/// shared through an `Arc` serves several tasks. Unlike async-net's socket, this one is
/// not `Clone`, as in async-std.
///
/// ```
/// use async_std_compat::net::UdpSocket;
///
/// # async_std_compat::task::block_on(async {
/// let server = UdpSocket::bind("127.0.0.1:0").await?;
/// let client = UdpSocket::bind("127.0.0.1:0").await?;
///
/// client.send_to(b"ping", server.local_addr()?).await?;
/// let mut buf = [0u8; 16];
/// let (n, peer) = server.recv_from(&mut buf).await?;
/// assert_eq!(&buf[..n], b"ping");
/// assert_eq!(peer, client.local_addr()?);
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Debug)]
pub struct UdpSocket {
    watcher: Async<std::net::UdpSocket>,
}

impl UdpSocket {
    /// Creates a UDP socket bound to the given address.
    ///
    /// Binding port 0 asks the OS for a free port; [`local_addr`](Self::local_addr) tells
    /// which. When `addrs` resolves to several addresses, each is tried in turn and the
    /// first that binds is used; otherwise the last error is returned.
    pub async fn bind<A: ToSocketAddrs>(addrs: A) -> io::Result<UdpSocket> {
        super::each_addr(addrs, |addr| async move {
            Async::<std::net::UdpSocket>::bind(addr).map(|watcher| UdpSocket { watcher })
        })
        .await
    }

    /// Returns the address of the peer this socket was [`connect`](Self::connect)ed to.
    ///
    /// An unconnected socket fails with kind `NotConnected`; as in async-std the error
    /// displays "could not get peer address" (the OS error is its `source()`).
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.watcher
            .get_ref()
            .peer_addr()
            .map_err(|error| with_context(error, "could not get peer address"))
    }

    /// Returns the local address this socket is bound to.
    ///
    /// An error displays "could not get local address", as in async-std.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.watcher
            .get_ref()
            .local_addr()
            .map_err(|error| with_context(error, "could not get local address"))
    }

    /// Sends `buf` as one datagram to the first address `addrs` resolves to, returning
    /// the number of bytes sent.
    ///
    /// An address that resolves to nothing fails with kind `InvalidInput` ("no addresses
    /// to send data to"); a failed send displays "could not send packet to {addr}", as
    /// in async-std.
    pub async fn send_to<A: ToSocketAddrs>(&self, buf: &[u8], addrs: A) -> io::Result<usize> {
        let addr = match addrs.to_socket_addrs().await?.next() {
            Some(addr) => addr,
            None => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "no addresses to send data to",
                ))
            }
        };
        self.watcher
            .send_to(buf, addr)
            .await
            .map_err(|error| with_context(error, format!("could not send packet to {addr}")))
    }

    /// Receives one datagram, returning its length and the address it came from.
    ///
    /// A datagram longer than `buf` is truncated; the rest of it is lost.
    pub async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.watcher.recv_from(buf).await
    }

    /// Receives one datagram like [`recv_from`](Self::recv_from) but leaves it queued, so
    /// that the next receive returns it again.
    pub async fn peek_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.watcher.peek_from(buf).await
    }

    /// Connects this socket to a remote address: [`send`](Self::send) then goes there and
    /// [`recv`](Self::recv) only accepts datagrams from there.
    ///
    /// When `addrs` resolves to several addresses, each is tried in turn. A resolution
    /// error displays "could not resolve addresses", as in async-std.
    pub async fn connect<A: ToSocketAddrs>(&self, addrs: A) -> io::Result<()> {
        let addrs = addrs
            .to_socket_addrs()
            .await
            .map_err(|error| with_context(error, "could not resolve addresses"))?;
        let mut last_error = None;
        for addr in addrs {
            match self.watcher.get_ref().connect(addr) {
                Ok(()) => return Ok(()),
                Err(error) => last_error = Some(error),
            }
        }
        Err(last_error.unwrap_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "could not resolve to any addresses",
            )
        }))
    }

    /// Sends `buf` as one datagram to the connected peer, returning the number of bytes
    /// sent.
    pub async fn send(&self, buf: &[u8]) -> io::Result<usize> {
        self.watcher.send(buf).await
    }

    /// Receives one datagram from the connected peer, returning its length.
    pub async fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.watcher.recv(buf).await
    }

    /// Receives one datagram from the connected peer but leaves it queued.
    pub async fn peek(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.watcher.peek(buf).await
    }

    /// Gets the value of the `SO_BROADCAST` option for this socket.
    pub fn broadcast(&self) -> io::Result<bool> {
        self.watcher.get_ref().broadcast()
    }

    /// Sets the value of the `SO_BROADCAST` option: whether this socket may send to a
    /// broadcast address.
    pub fn set_broadcast(&self, on: bool) -> io::Result<()> {
        self.watcher.get_ref().set_broadcast(on)
    }

    /// Gets the value of the `IP_MULTICAST_LOOP` option for this socket.
    pub fn multicast_loop_v4(&self) -> io::Result<bool> {
        self.watcher.get_ref().multicast_loop_v4()
    }

    /// Sets the value of the `IP_MULTICAST_LOOP` option: whether IPv4 multicast
    /// datagrams this socket sends loop back to the local host.
    pub fn set_multicast_loop_v4(&self, on: bool) -> io::Result<()> {
        self.watcher.get_ref().set_multicast_loop_v4(on)
    }

    /// Gets the value of the `IP_MULTICAST_TTL` option for this socket.
    pub fn multicast_ttl_v4(&self) -> io::Result<u32> {
        self.watcher.get_ref().multicast_ttl_v4()
    }

    /// Sets the value of the `IP_MULTICAST_TTL` option: the time-to-live of the IPv4
    /// multicast datagrams this socket sends (1 keeps them on the local network).
    pub fn set_multicast_ttl_v4(&self, ttl: u32) -> io::Result<()> {
        self.watcher.get_ref().set_multicast_ttl_v4(ttl)
    }

    /// Gets the value of the `IPV6_MULTICAST_LOOP` option for this socket.
    pub fn multicast_loop_v6(&self) -> io::Result<bool> {
        self.watcher.get_ref().multicast_loop_v6()
    }

    /// Sets the value of the `IPV6_MULTICAST_LOOP` option: whether IPv6 multicast
    /// datagrams this socket sends loop back to the local host.
    pub fn set_multicast_loop_v6(&self, on: bool) -> io::Result<()> {
        self.watcher.get_ref().set_multicast_loop_v6(on)
    }

    /// Gets the value of the `IP_TTL` option for this socket.
    pub fn ttl(&self) -> io::Result<u32> {
        self.watcher.get_ref().ttl()
    }

    /// Sets the value of the `IP_TTL` option: the time-to-live of every datagram this
    /// socket sends.
    pub fn set_ttl(&self, ttl: u32) -> io::Result<()> {
        self.watcher.get_ref().set_ttl(ttl)
    }

    /// Joins the IPv4 multicast group `multiaddr` on the interface with address
    /// `interface` (`Ipv4Addr::UNSPECIFIED` lets the OS choose).
    pub fn join_multicast_v4(&self, multiaddr: Ipv4Addr, interface: Ipv4Addr) -> io::Result<()> {
        self.watcher
            .get_ref()
            .join_multicast_v4(&multiaddr, &interface)
    }

    /// Joins the IPv6 multicast group `multiaddr` on the interface with index
    /// `interface` (0 lets the OS choose).
    pub fn join_multicast_v6(&self, multiaddr: &Ipv6Addr, interface: u32) -> io::Result<()> {
        self.watcher
            .get_ref()
            .join_multicast_v6(multiaddr, interface)
    }

    /// Leaves the IPv4 multicast group `multiaddr` on the interface with address
    /// `interface`.
    pub fn leave_multicast_v4(&self, multiaddr: Ipv4Addr, interface: Ipv4Addr) -> io::Result<()> {
        self.watcher
            .get_ref()
            .leave_multicast_v4(&multiaddr, &interface)
    }

    /// Leaves the IPv6 multicast group `multiaddr` on the interface with index
    /// `interface`.
    pub fn leave_multicast_v6(&self, multiaddr: &Ipv6Addr, interface: u32) -> io::Result<()> {
        self.watcher
            .get_ref()
            .leave_multicast_v6(multiaddr, interface)
    }
}

/// Registers a `std` socket with the reactor (and makes it non-blocking).
///
/// As in async-std this cannot fail for a valid socket, and panics if the registration
/// fails.
impl From<std::net::UdpSocket> for UdpSocket {
    fn from(socket: std::net::UdpSocket) -> UdpSocket {
        UdpSocket {
            watcher: Async::new(socket).expect("UdpSocket is known to be good"),
        }
    }
}

/// Deregisters the socket from the reactor and puts it back in blocking mode.
impl TryFrom<UdpSocket> for std::net::UdpSocket {
    type Error = io::Error;

    fn try_from(socket: UdpSocket) -> io::Result<std::net::UdpSocket> {
        let inner = socket.watcher.into_inner()?;
        inner.set_nonblocking(false)?;
        Ok(inner)
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd, RawFd};

    use super::UdpSocket;

    impl AsRawFd for UdpSocket {
        fn as_raw_fd(&self) -> RawFd {
            self.watcher.get_ref().as_raw_fd()
        }
    }

    // `FromRawFd` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawFd for UdpSocket {
        unsafe fn from_raw_fd(fd: RawFd) -> UdpSocket {
            // SAFETY: the caller guarantees that `fd` is an open UDP socket it owns.
            unsafe { std::net::UdpSocket::from_raw_fd(fd) }.into()
        }
    }

    /// The returned descriptor stays in non-blocking mode, as in async-std.
    impl IntoRawFd for UdpSocket {
        fn into_raw_fd(self) -> RawFd {
            self.watcher
                .into_inner()
                .expect("deregistering a UdpSocket failed")
                .into_raw_fd()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::unix::io::{AsFd, BorrowedFd, OwnedFd};

        use super::UdpSocket;

        impl AsFd for UdpSocket {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.watcher.get_ref().as_fd()
            }
        }

        impl From<OwnedFd> for UdpSocket {
            fn from(fd: OwnedFd) -> UdpSocket {
                std::net::UdpSocket::from(fd).into()
            }
        }

        impl From<UdpSocket> for OwnedFd {
            fn from(socket: UdpSocket) -> OwnedFd {
                socket
                    .watcher
                    .into_inner()
                    .expect("deregistering a UdpSocket failed")
                    .into()
            }
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::io::{AsRawSocket, FromRawSocket, IntoRawSocket, RawSocket};

    use super::UdpSocket;

    impl AsRawSocket for UdpSocket {
        fn as_raw_socket(&self) -> RawSocket {
            self.watcher.get_ref().as_raw_socket()
        }
    }

    // `FromRawSocket` is an `unsafe` trait method by definition; this impl only forwards.
    #[allow(unsafe_code)]
    impl FromRawSocket for UdpSocket {
        unsafe fn from_raw_socket(socket: RawSocket) -> UdpSocket {
            // SAFETY: the caller guarantees that `socket` is an open UDP socket it owns.
            unsafe { std::net::UdpSocket::from_raw_socket(socket) }.into()
        }
    }

    impl IntoRawSocket for UdpSocket {
        fn into_raw_socket(self) -> RawSocket {
            self.watcher
                .into_inner()
                .expect("deregistering a UdpSocket failed")
                .into_raw_socket()
        }
    }

    #[cfg(feature = "io_safety")]
    mod io_safety {
        use std::os::windows::io::{AsSocket, BorrowedSocket, OwnedSocket};

        use super::UdpSocket;

        impl AsSocket for UdpSocket {
            fn as_socket(&self) -> BorrowedSocket<'_> {
                self.watcher.get_ref().as_socket()
            }
        }

        impl From<OwnedSocket> for UdpSocket {
            fn from(socket: OwnedSocket) -> UdpSocket {
                std::net::UdpSocket::from(socket).into()
            }
        }

        impl From<UdpSocket> for OwnedSocket {
            fn from(socket: UdpSocket) -> OwnedSocket {
                socket
                    .watcher
                    .into_inner()
                    .expect("deregistering a UdpSocket failed")
                    .into()
            }
        }
    }
}
