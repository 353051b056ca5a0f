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
