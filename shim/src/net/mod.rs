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

/// Implements `Read` and `Write` for a socket type and for a shared reference to it, as
/// async-std does for `TcpStream` and `UnixStream`: every operation goes through
/// `&Async<_>` (the type's `watcher` field), so clones and references of one socket
/// read and write the same connection.
macro_rules! io_through_shared_ref {
    ($socket:ty) => {
        impl futures_lite::io::AsyncRead for $socket {
            fn poll_read(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                buf: &mut [u8],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self).poll_read(cx, buf)
            }

            fn poll_read_vectored(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                bufs: &mut [std::io::IoSliceMut<'_>],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self).poll_read_vectored(cx, bufs)
            }
        }

        impl futures_lite::io::AsyncRead for &$socket {
            fn poll_read(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                buf: &mut [u8],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self.watcher).poll_read(cx, buf)
            }

            fn poll_read_vectored(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                bufs: &mut [std::io::IoSliceMut<'_>],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self.watcher).poll_read_vectored(cx, bufs)
            }
        }

        impl futures_lite::io::AsyncWrite for $socket {
            fn poll_write(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                buf: &[u8],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self).poll_write(cx, buf)
            }

            fn poll_write_vectored(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                bufs: &[std::io::IoSlice<'_>],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self).poll_write_vectored(cx, bufs)
            }

            fn poll_flush(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<std::io::Result<()>> {
                std::pin::Pin::new(&mut &*self).poll_flush(cx)
            }

            fn poll_close(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<std::io::Result<()>> {
                std::pin::Pin::new(&mut &*self).poll_close(cx)
            }
        }

        impl futures_lite::io::AsyncWrite for &$socket {
            fn poll_write(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                buf: &[u8],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self.watcher).poll_write(cx, buf)
            }

            fn poll_write_vectored(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
                bufs: &[std::io::IoSlice<'_>],
            ) -> std::task::Poll<std::io::Result<usize>> {
                std::pin::Pin::new(&mut &*self.watcher).poll_write_vectored(cx, bufs)
            }

            fn poll_flush(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<std::io::Result<()>> {
                std::pin::Pin::new(&mut &*self.watcher).poll_flush(cx)
            }

            fn poll_close(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<std::io::Result<()>> {
                std::pin::Pin::new(&mut &*self.watcher).poll_close(cx)
            }
        }
    };
}
pub(crate) use io_through_shared_ref;
