//! Networking primitives for TCP and UDP communication: async-std's `net` module.
//!
//! The types are async-std's, built on async-io's `Async` wrapper: `TcpStream` is
//! `Clone` and also reads and writes through `&TcpStream`, as async-std's does, while
//! `TcpListener` and `UdpSocket` are not `Clone`. Each converts from its `std::net`
//! counterpart with `From` (infallibly) and back with `TryFrom`, and on Unix through raw
//! file descriptors (`AsRawFd`, `FromRawFd`, `IntoRawFd`; with the `io_safety` feature
//! also `AsFd` and `OwnedFd`).
//!
//! ```no_run
//! use async_std_compat::net::TcpListener;
//! use async_std_compat::prelude::*;
//!
//! # async_std_compat::task::block_on(async {
//! let listener = TcpListener::bind("127.0.0.1:8080").await?;
//! let mut incoming = listener.incoming();
//! while let Some(stream) = incoming.next().await {
//!     let stream = stream?;
//!     let mut buf = [0u8; 1024];
//!     let n = (&stream).read(&mut buf).await?;
//!     (&stream).write_all(&buf[..n]).await?;
//! }
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

mod addr;
mod tcp;
mod udp;

pub use addr::{ToSocketAddrs, ToSocketAddrsFuture};
pub use std::net::{
    AddrParseError, IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, SocketAddrV4, SocketAddrV6,
};
pub use tcp::{Incoming, TcpListener, TcpStream};
pub use udp::UdpSocket;

use std::io;

/// Binds or connects to each address `addrs` resolves to, in order, returning the first
/// success or the last error, as std and async-std do.
async fn each_addr<A, T, F, Fut>(addrs: A, mut attempt: F) -> io::Result<T>
where
    A: ToSocketAddrs,
    F: FnMut(SocketAddr) -> Fut,
    Fut: std::future::Future<Output = io::Result<T>>,
{
    let mut last_error = None;
    for addr in addrs.to_socket_addrs().await? {
        match attempt(addr).await {
            Ok(value) => return Ok(value),
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

pub(crate) use crate::io::utils::wrap as with_context;
