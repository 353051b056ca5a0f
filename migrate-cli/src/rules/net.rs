//! Rules for `async_std::net`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[
    Rule {
        item: "async_std::net::AddrParseError",
        action: Rename("smol::net::AddrParseError"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::Shutdown",
        action: Rename("smol::net::Shutdown"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::IpAddr",
        action: Rename("smol::net::IpAddr"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::Ipv4Addr",
        action: Rename("smol::net::Ipv4Addr"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::Ipv6Addr",
        action: Rename("smol::net::Ipv6Addr"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::SocketAddr",
        action: Rename("smol::net::SocketAddr"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::SocketAddrV4",
        action: Rename("smol::net::SocketAddrV4"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::SocketAddrV6",
        action: Rename("smol::net::SocketAddrV6"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net",
        action: Module("smol::net"),
        note: "smol::net is async-net",
    },
    Rule {
        item: "async_std::net::ToSocketAddrs",
        action: Rename("smol::net::AsyncToSocketAddrs"),
        note: "accepted by bind/connect the same way; the trait is sealed, so custom impls and explicit resolution need `smol::net::resolve`",
    },
    Rule {
        item: "async_std::net::ToSocketAddrs::to_socket_addrs",
        action: Report,
        note: "async-net has no public resolution method: write `smol::net::resolve(addr).await`; reported at each use",
    },
    Rule {
        item: "async_std::net::Incoming",
        action: Rename("smol::net::Incoming"),
        note: "the same item",
    },
    Rule {
        item: "async_std::net::TcpListener",
        action: Rename("smol::net::TcpListener"),
        note: "bind, accept, incoming and local_addr are called the same way",
    },
    Rule {
        item: "async_std::net::TcpListener::into_incoming",
        action: Report,
        note: "async-net has no `into_incoming`: keep the listener and call `incoming()`; reported at each use",
    },
    Rule {
        item: "async_std::net::TcpStream",
        action: Rename("smol::net::TcpStream"),
        note: "I/O goes through an owned stream (or a clone), not `&TcpStream`",
    },
    Rule {
        item: "async_std::net::UdpSocket",
        action: Rename("smol::net::UdpSocket"),
        note: "the same item",
    },
];

/// async-std's sockets convert from std's with `From`, which panics with this message
/// where the reactor refuses the socket; async-net's convert with `TryFrom` only. So
/// `T::from(std_socket)` becomes `<smol's T as TryFrom<_>>::try_from(std_socket)
/// .expect(message)`: the same value, the same panic. (Trait impls are not items of
/// the API listing, hence this table beside the rules.)
pub const FROM_STD_SOCKET: &[(&str, &str)] = &[
    (
        "async_std::net::TcpListener",
        "TcpListener is known to be good",
    ),
    ("async_std::net::TcpStream", "TcpStream is known to be good"),
    ("async_std::net::UdpSocket", "UdpSocket is known to be good"),
    (
        "async_std::os::unix::net::UnixDatagram",
        "UnixDatagram is known to be good",
    ),
    (
        "async_std::os::unix::net::UnixListener",
        "UnixListener is known to be good",
    ),
    (
        "async_std::os::unix::net::UnixStream",
        "UnixStream is known to be good",
    ),
];
