use std::future::Future;
use std::io;
use std::mem;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::pin::Pin;
use std::task::{Context, Poll};

/// Converts or resolves a value into one or more [`SocketAddr`]s, asynchronously:
/// async-std's `ToSocketAddrs`.
///
/// Unlike async-net's sealed `AsyncToSocketAddrs`, this trait is public and may be
/// implemented outside this crate, as in async-std. Host names are resolved on the
/// blocking thread pool.
///
/// ```
/// use async_std_compat::net::ToSocketAddrs;
///
/// # async_std_compat::task::block_on(async {
/// let addr = "127.0.0.1:80".to_socket_addrs().await?.next().unwrap();
/// assert_eq!(addr.port(), 80);
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait ToSocketAddrs {
    /// Returned iterator over socket addresses which this type may correspond to.
    type Iter: Iterator<Item = SocketAddr>;

    /// Converts this object to an iterator of resolved `SocketAddr`s.
    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter>;
}

/// The future [`ToSocketAddrs::to_socket_addrs`] returns.
#[doc(hidden)]
#[allow(missing_debug_implementations)]
pub enum ToSocketAddrsFuture<I> {
    /// The lookup runs on the blocking pool.
    Resolving(blocking::Task<io::Result<I>>),
    /// The result is known without a lookup.
    Ready(io::Result<I>),
    /// The result was taken.
    Done,
}

impl<I> Unpin for ToSocketAddrsFuture<I> {}

impl<I: Iterator<Item = SocketAddr>> Future for ToSocketAddrsFuture<I> {
    type Output = io::Result<I>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        match mem::replace(this, ToSocketAddrsFuture::Done) {
            ToSocketAddrsFuture::Resolving(mut task) => {
                let poll = Pin::new(&mut task).poll(cx);
                if poll.is_pending() {
                    *this = ToSocketAddrsFuture::Resolving(task);
                }
                poll
            }
            ToSocketAddrsFuture::Ready(result) => Poll::Ready(result),
            ToSocketAddrsFuture::Done => panic!("polled a completed future"),
        }
    }
}

/// Wraps a lookup error as async-std does: "could not resolve address `...`", where
/// `...` is the Debug form of what was looked up (`"host:80"`, `("host", 80)`).
fn resolve_error(error: io::Error, what: impl std::fmt::Display) -> io::Error {
    super::with_context(error, format!("could not resolve address `{what}`"))
}

/// Resolves `target` on the blocking pool with std's resolver.
fn resolve_blocking<T>(
    target: T,
    display: String,
) -> ToSocketAddrsFuture<std::vec::IntoIter<SocketAddr>>
where
    T: std::net::ToSocketAddrs + Send + 'static,
{
    ToSocketAddrsFuture::Resolving(blocking::unblock(move || {
        std::net::ToSocketAddrs::to_socket_addrs(&target)
            .map(|addrs| addrs.collect::<Vec<_>>().into_iter())
            .map_err(|error| resolve_error(error, display))
    }))
}

macro_rules! ready_addr {
    ($($ty:ty => |$this:ident| $addr:expr;)*) => {$(
        impl ToSocketAddrs for $ty {
            type Iter = std::option::IntoIter<SocketAddr>;

            fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
                let $this = self;
                ToSocketAddrsFuture::Ready(Ok(Some($addr).into_iter()))
            }
        }
    )*};
}

ready_addr! {
    SocketAddr => |this| *this;
    SocketAddrV4 => |this| SocketAddr::V4(*this);
    SocketAddrV6 => |this| SocketAddr::V6(*this);
    (IpAddr, u16) => |this| SocketAddr::new(this.0, this.1);
    (Ipv4Addr, u16) => |this| SocketAddr::new(IpAddr::V4(this.0), this.1);
    (Ipv6Addr, u16) => |this| SocketAddr::new(IpAddr::V6(this.0), this.1);
}

impl ToSocketAddrs for (&str, u16) {
    type Iter = std::vec::IntoIter<SocketAddr>;

    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
        let (host, port) = *self;
        // A literal address needs no lookup.
        if let Ok(ip) = host.parse::<IpAddr>() {
            return ToSocketAddrsFuture::Ready(Ok(vec![SocketAddr::new(ip, port)].into_iter()));
        }
        resolve_blocking((host.to_string(), port), format!("{:?}", (host, port)))
    }
}

impl ToSocketAddrs for (String, u16) {
    type Iter = std::vec::IntoIter<SocketAddr>;

    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
        (self.0.as_str(), self.1).to_socket_addrs()
    }
}

impl ToSocketAddrs for str {
    type Iter = std::vec::IntoIter<SocketAddr>;

    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
        // A literal address needs no lookup.
        if let Ok(addr) = self.parse::<SocketAddr>() {
            return ToSocketAddrsFuture::Ready(Ok(vec![addr].into_iter()));
        }
        resolve_blocking(self.to_string(), format!("{self:?}"))
    }
}

impl ToSocketAddrs for String {
    type Iter = std::vec::IntoIter<SocketAddr>;

    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
        self.as_str().to_socket_addrs()
    }
}

impl<'a> ToSocketAddrs for &'a [SocketAddr] {
    type Iter = std::iter::Cloned<std::slice::Iter<'a, SocketAddr>>;

    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
        ToSocketAddrsFuture::Ready(Ok(self.iter().cloned()))
    }
}

impl<T: ToSocketAddrs + ?Sized> ToSocketAddrs for &T {
    type Iter = T::Iter;

    fn to_socket_addrs(&self) -> ToSocketAddrsFuture<Self::Iter> {
        (**self).to_socket_addrs()
    }
}
