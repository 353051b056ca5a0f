//! `net::UdpSocket` and the `std`/raw-descriptor conversions of the `net` types.

use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use async_std_compat::io;
use async_std_compat::net::{TcpListener, TcpStream, UdpSocket};
use async_std_compat::prelude::*;
use async_std_compat::task;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Fails the test with `TimedOut` instead of hanging when `f` does not finish in time.
async fn bounded<T>(f: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    async_std_compat::future::timeout(TIMEOUT, f)
        .await
        .map_err(|_| io::Error::new(ErrorKind::TimedOut, "test timed out"))?
}

#[test]
fn send_to_and_recv_from_report_the_peer() -> io::Result<()> {
    task::block_on(async {
        let a = UdpSocket::bind("127.0.0.1:0").await?;
        let b = UdpSocket::bind("127.0.0.1:0").await?;

        let sent = a.send_to(b"hello", b.local_addr()?).await?;
        assert_eq!(sent, 5);

        let mut buf = [0u8; 64];
        let (n, from) = bounded(b.recv_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"hello");
        assert_eq!(from, a.local_addr()?);

        // The reply goes back to the address the datagram came from.
        b.send_to(b"world", from).await?;
        let (n, from) = bounded(a.recv_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"world");
        assert_eq!(from, b.local_addr()?);
        Ok(())
    })
}

#[test]
fn connected_sockets_send_recv_and_peek() -> io::Result<()> {
    task::block_on(async {
        let a = UdpSocket::bind("127.0.0.1:0").await?;
        let b = UdpSocket::bind("127.0.0.1:0").await?;
        a.connect(b.local_addr()?).await?;
        b.connect(a.local_addr()?).await?;
        assert_eq!(a.peer_addr()?, b.local_addr()?);

        a.send(b"first").await?;
        a.send(b"second").await?;

        let mut buf = [0u8; 64];
        // Peeking leaves the datagram queued: it is read again by the next call.
        let n = bounded(b.peek(&mut buf)).await?;
        assert_eq!(&buf[..n], b"first");
        let (n, from) = bounded(b.peek_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"first");
        assert_eq!(from, a.local_addr()?);
        let n = bounded(b.recv(&mut buf)).await?;
        assert_eq!(&buf[..n], b"first");
        let n = bounded(b.recv(&mut buf)).await?;
        assert_eq!(&buf[..n], b"second");
        Ok(())
    })
}

#[test]
fn peer_addr_of_an_unconnected_socket_has_async_std_message() -> io::Result<()> {
    task::block_on(async {
        let socket = UdpSocket::bind("127.0.0.1:0").await?;
        let error = socket.peer_addr().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotConnected);
        assert_eq!(error.to_string(), "could not get peer address");
        assert!(std::error::Error::source(&error).is_some());
        Ok(())
    })
}

#[test]
fn send_to_an_empty_address_list_is_invalid_input() -> io::Result<()> {
    task::block_on(async {
        let socket = UdpSocket::bind("127.0.0.1:0").await?;
        let none: &[SocketAddr] = &[];
        let error = socket.send_to(b"x", none).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(error.to_string(), "no addresses to send data to");
        Ok(())
    })
}

#[test]
fn bind_tries_each_address() -> io::Result<()> {
    task::block_on(async {
        let taken = UdpSocket::bind("127.0.0.1:0").await?;
        let addrs = [
            taken.local_addr()?,
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        ];
        // The first address is in use, so the second one is bound.
        let socket = UdpSocket::bind(&addrs[..]).await?;
        assert_ne!(socket.local_addr()?, taken.local_addr()?);

        let only_taken = [taken.local_addr()?];
        let error = UdpSocket::bind(&only_taken[..]).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AddrInUse);
        Ok(())
    })
}

#[test]
fn socket_options_round_trip() -> io::Result<()> {
    task::block_on(async {
        let socket = UdpSocket::bind("127.0.0.1:0").await?;
        socket.set_broadcast(true)?;
        assert!(socket.broadcast()?);
        socket.set_ttl(42)?;
        assert_eq!(socket.ttl()?, 42);
        socket.set_multicast_ttl_v4(7)?;
        assert_eq!(socket.multicast_ttl_v4()?, 7);
        socket.set_multicast_loop_v4(false)?;
        assert!(!socket.multicast_loop_v4()?);
        Ok(())
    })
}

#[test]
fn multicast_v4_loopback_delivers_to_a_member() -> io::Result<()> {
    task::block_on(async {
        let group = Ipv4Addr::new(239, 255, 42, 99);
        let receiver = UdpSocket::bind("0.0.0.0:0").await?;
        receiver.join_multicast_v4(group, Ipv4Addr::LOCALHOST)?;
        let port = receiver.local_addr()?.port();

        let sender = UdpSocket::bind("127.0.0.1:0").await?;
        sender.set_multicast_loop_v4(true)?;
        sender.send_to(b"group", (group, port)).await?;
        let mut buf = [0u8; 16];
        let (n, from) = bounded(receiver.recv_from(&mut buf)).await?;
        assert_eq!(&buf[..n], b"group");
        assert_eq!(from, sender.local_addr()?);

        receiver.leave_multicast_v4(group, Ipv4Addr::LOCALHOST)?;
        // Leaving twice is an error: the socket is no longer a member.
        assert!(receiver
            .leave_multicast_v4(group, Ipv4Addr::LOCALHOST)
            .is_err());
        Ok(())
    })
}

#[test]
fn udp_converts_from_and_to_std() -> io::Result<()> {
    task::block_on(async {
        let std_socket = std::net::UdpSocket::bind("127.0.0.1:0")?;
        let addr = std_socket.local_addr()?;
        // Infallible, as in async-std.
        let socket = UdpSocket::from(std_socket);
        assert_eq!(socket.local_addr()?, addr);

        let peer = UdpSocket::bind("127.0.0.1:0").await?;
        peer.send_to(b"to std", addr).await?;

        // Back to std, in blocking mode again.
        let std_socket = std::net::UdpSocket::try_from(socket)?;
        std_socket.set_read_timeout(Some(TIMEOUT))?;
        let mut buf = [0u8; 16];
        let (n, from) = std_socket.recv_from(&mut buf)?;
        assert_eq!(&buf[..n], b"to std");
        assert_eq!(from, peer.local_addr()?);
        Ok(())
    })
}

#[test]
fn tcp_converts_from_and_to_std() -> io::Result<()> {
    task::block_on(async {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let addr = std_listener.local_addr()?;
        let listener = TcpListener::from(std_listener);

        let client = TcpStream::connect(addr).await?;
        let (server, _) = listener.accept().await?;

        // A shared stream cannot become a std stream, as in async-std.
        let clone = client.clone();
        let error = std::net::TcpStream::try_from(clone).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Other);
        assert_eq!(
            error.to_string(),
            "Cannot convert TcpStream to synchronous: multiple references"
        );

        // With the clone gone, it can.
        let mut std_client = std::net::TcpStream::try_from(client)?;
        std::io::Write::write_all(&mut std_client, b"sync")?;
        let mut buf = [0u8; 4];
        (&server).read_exact(&mut buf).await?;
        assert_eq!(&buf, b"sync");

        let std_listener = std::net::TcpListener::try_from(listener)?;
        assert_eq!(std_listener.local_addr()?, addr);

        let server = TcpStream::from(std::net::TcpStream::try_from(server)?);
        (&server).write_all(b"back").await?;
        std::io::Read::read_exact(&mut std_client, &mut buf)?;
        assert_eq!(&buf, b"back");
        Ok(())
    })
}

#[cfg(unix)]
#[test]
fn raw_fd_round_trips() -> io::Result<()> {
    use async_std_compat::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd};

    task::block_on(async {
        let socket = UdpSocket::bind("127.0.0.1:0").await?;
        let addr = socket.local_addr()?;
        let fd = socket.as_raw_fd();
        let raw = socket.into_raw_fd();
        assert_eq!(raw, fd);
        let socket = unsafe { UdpSocket::from_raw_fd(raw) };
        assert_eq!(socket.local_addr()?, addr);

        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let listener = unsafe { TcpListener::from_raw_fd(listener.into_raw_fd()) };
        assert_eq!(listener.local_addr()?, addr);

        let client = TcpStream::connect(addr).await?;
        let (server, _) = listener.accept().await?;
        // The last clone hands over an open descriptor that still works.
        let client = unsafe { TcpStream::from_raw_fd(client.into_raw_fd()) };
        (&client).write_all(b"fd").await?;
        let mut buf = [0u8; 2];
        bounded((&server).read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"fd");

        // A clone's descriptor stays usable while the other clone lives on.
        let other = client.clone();
        let client = unsafe { TcpStream::from_raw_fd(client.into_raw_fd()) };
        (&client).write_all(b"ok").await?;
        (&other).write_all(b"!!").await?;
        let mut buf = [0u8; 4];
        bounded((&server).read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"ok!!");
        Ok(())
    })
}

#[cfg(all(unix, feature = "io_safety"))]
#[test]
fn owned_fd_round_trips() -> io::Result<()> {
    use async_std_compat::os::unix::io::{AsFd, OwnedFd};

    task::block_on(async {
        let socket = UdpSocket::bind("127.0.0.1:0").await?;
        let addr = socket.local_addr()?;
        let _borrowed = socket.as_fd();
        let fd = OwnedFd::from(socket);
        let socket = UdpSocket::from(fd);
        assert_eq!(socket.local_addr()?, addr);

        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let listener = TcpListener::from(OwnedFd::from(listener));
        let client = TcpStream::connect(addr).await?;
        let (server, _) = listener.accept().await?;
        let client = TcpStream::from(OwnedFd::from(client));
        (&client).write_all(b"io").await?;
        let mut buf = [0u8; 2];
        bounded((&server).read_exact(&mut buf)).await?;
        assert_eq!(&buf, b"io");
        Ok(())
    })
}

#[cfg(feature = "unstable")]
#[test]
fn tcp_into_incoming_owns_the_listener() -> io::Result<()> {
    task::block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let incoming = listener.into_incoming();
        let client = task::spawn(async move {
            let mut stream = TcpStream::connect(addr).await?;
            stream.write_all(b"owned").await?;
            io::Result::Ok(())
        });
        let mut incoming = Box::pin(incoming);
        let stream =
            bounded(async { incoming.next().await.expect("the stream never ends") }).await?;
        let mut buf = Vec::new();
        bounded((&stream).read_to_end(&mut buf)).await?;
        assert_eq!(buf, b"owned");
        client.await
    })
}

#[test]
fn net_types_are_send_sync_unpin() {
    fn check<T: Send + Sync + Unpin>() {}
    check::<UdpSocket>();
    check::<TcpStream>();
    check::<TcpListener>();
    check::<async_std_compat::net::Incoming<'static>>();
}
